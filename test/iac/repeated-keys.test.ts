import { describe, expect, it } from 'vitest';
import { scanFiles } from './scan-files.js';

const template = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  OrdersTable:
    Type: AWS::DynamoDB::Table
    Properties:
      TableName: orders-old
      BillingMode: PAY_PER_REQUEST
      TableName: orders
      KeySchema: [{ AttributeName: orderId, KeyType: HASH }]
      AttributeDefinitions: [{ AttributeName: orderId, AttributeType: S }]
`;

describe('a template that repeats a key', () => {
  it('is read with the last value, as CloudFormation deploys it, and warns with the line', async () => {
    const { scan, logger, table } = await scanFiles({ 'template.yaml': template });

    expect(table('OrdersTable').name).toBe('orders');
    expect(scan.sources).toEqual([{ kind: 'cloudformation', path: 'template.yaml', status: 'ok' }]);
    expect(logger.warnings).toEqual([
      '"template.yaml": line 8 repeats the key "TableName"; CloudFormation deploys the last value, and so infrawise reads it. Keep one of them.',
    ]);
  });
});
