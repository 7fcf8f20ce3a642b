import { describe, expect, it } from 'vitest';
import { overbroadPermission } from '../../../src/rules/iam/overbroad-permission.js';
import { runRule } from '../../helpers/app.js';

const template = (policies: string) => `Transform: AWS::Serverless-2016-10-31
Resources:
  ProductsTable:
    Type: AWS::DynamoDB::Table
    Properties:
      TableName: products
      KeySchema: [{ AttributeName: sku, KeyType: HASH }]
      AttributeDefinitions: [{ AttributeName: sku, AttributeType: S }]
  GetProductFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: src/get-product.handler
      Environment: { Variables: { PRODUCTS_TABLE: !Ref ProductsTable } }
${policies}
`;

const handler = (call: string) => `
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));
export const handler = (sku: string, table = process.env.PRODUCTS_TABLE) => ${call};
`;

const get = 'ddb.send(new GetCommand({ TableName: process.env.PRODUCTS_TABLE, Key: { sku } }))';

const statement = (action: string, resource: string) => `      Policies:
        - Statement:
            - Effect: Allow
              Action: ${action}
              Resource: ${resource}`;

describe('iam/overbroad-permission', () => {
  it('reports dynamodb:* on a table the code only reads, at the statement', async () => {
    const findings = await runRule(overbroadPermission, {
      'template.yaml': template(statement("'dynamodb:*'", '!GetAtt ProductsTable.Arn')),
      'src/get-product.ts': handler(get),
    });

    expect(findings).toHaveLength(1);
    expect(findings[0]?.location).toMatchObject({ file: 'template.yaml', line: 16 });
    expect(findings[0]?.message).toContain(
      'Lambda "GetProductFunction" only reads table "products" (get) but is granted dynamodb:*',
    );
  });

  it('reports write actions on every resource', async () => {
    const findings = await runRule(overbroadPermission, {
      'template.yaml': template(statement('[dynamodb:GetItem, dynamodb:PutItem]', "'*'")),
      'src/get-product.ts': handler(get),
    });

    expect(findings[0]?.message).toContain('dynamodb:GetItem, dynamodb:PutItem on every resource');
  });

  it('stays silent when the code also writes the table', async () => {
    const findings = await runRule(overbroadPermission, {
      'template.yaml': template(statement("'dynamodb:*'", '!GetAtt ProductsTable.Arn')),
      'src/get-product.ts': handler(
        'ddb.send(new PutCommand({ TableName: process.env.PRODUCTS_TABLE, Item: { sku } }))',
      ),
    });

    expect(findings).toEqual([]);
  });

  it('stays silent for DynamoDBReadPolicy', async () => {
    const findings = await runRule(overbroadPermission, {
      'template.yaml': template(
        '      Policies:\n        - DynamoDBReadPolicy: { TableName: !Ref ProductsTable }',
      ),
      'src/get-product.ts': handler(get),
    });

    expect(findings).toEqual([]);
  });

  it('does not report a Lambda with a write whose table did not resolve', async () => {
    const findings = await runRule(overbroadPermission, {
      'template.yaml': template(statement("'dynamodb:*'", '!GetAtt ProductsTable.Arn')),
      'src/get-product.ts': handler(
        `Promise.all([${get}, ddb.send(new PutCommand({ TableName: globalThis.name, Item: { sku } }))])`,
      ),
    });

    expect(findings).toEqual([]);
  });

  it('does not report an explicit list of write actions on the table', async () => {
    const findings = await runRule(overbroadPermission, {
      'template.yaml': template(
        '      Policies:\n        - DynamoDBCrudPolicy: { TableName: !Ref ProductsTable }',
      ),
      'src/get-product.ts': handler(get),
    });

    expect(findings).toEqual([]);
  });
});
