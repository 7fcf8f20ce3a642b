import { describe, expect, it } from 'vitest';
import { scanFiles } from './scan-files.js';

const template = (codeUri: string) => `
Transform: AWS::Serverless-2016-10-31
Resources:
  Orders:
    Type: AWS::DynamoDB::Table
  ListOrders:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: ${codeUri}
      Handler: app.handler
`;

describe('withoutPackagedCopies', () => {
  it('skips the S3-packaged copy that sam package writes beside the source template', async () => {
    const { scan } = await scanFiles({
      'stack/template.yaml': template('src/'),
      'stack/output.yaml': template('s3://bucket/5f352d3b'),
    });

    expect(scan.resources.map(resource => resource.id)).toEqual([
      'stack/template.yaml#Orders',
      'stack/template.yaml#ListOrders',
    ]);
  });

  it('keeps a packaged template that has no source template beside it', async () => {
    const { scan } = await scanFiles({ 'deploy/packaged.yaml': template('s3://bucket/5f352d3b') });

    expect(scan.resources.map(resource => resource.logicalId)).toEqual(['Orders', 'ListOrders']);
  });
});
