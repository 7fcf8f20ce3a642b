import { describe, expect, it } from 'vitest';
import { analyzeApp } from '../helpers/app.js';

const template = `
Transform: AWS::Serverless-2016-10-31
Resources:
  Orders:
    Type: AWS::DynamoDB::Table
    Properties:
      TableName: orders
      KeySchema: [{ AttributeName: id, KeyType: HASH }]
      AttributeDefinitions: [{ AttributeName: id, AttributeType: S }]
  GetOrder:
    Type: AWS::Serverless::Function
    Properties: { Handler: src/get-order.main }
`;

describe('collectExports', () => {
  it('links a handler exported as an alias of a code function', async () => {
    const { graph } = await analyzeApp({
      'template.yaml': template,
      'src/get-order.ts': `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const getOrder = async (event: { id: string }) =>
  ddb.send(new GetCommand({ TableName: 'orders', Key: { id: event.id } }));
export const main = getOrder;
`,
    });
    const [link] = graph.lambdaLinks;

    expect(link?.entryPoint?.codeFunction.id).toBe('src/get-order.ts#getOrder');
    expect(link?.reason).toBe(
      'handler "src/get-order.main" names export "main" of src/get-order.ts',
    );
  });
});
