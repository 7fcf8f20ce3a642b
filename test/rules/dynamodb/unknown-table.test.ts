import { describe, expect, it } from 'vitest';
import { unknownTable } from '../../../src/rules/dynamodb/unknown-table.js';
import { runRule } from '../../helpers/app.js';

const template = `
Transform: AWS::Serverless-2016-10-31
Parameters:
  AuditTableName: { Type: String, Default: orders-audit }
Resources:
  Orders:
    Type: AWS::DynamoDB::Table
    Properties:
      TableName: orders
      KeySchema: [{ AttributeName: orderId, KeyType: HASH }]
      AttributeDefinitions: [{ AttributeName: orderId, AttributeType: S }]
  GetOrder:
    Type: AWS::Serverless::Function
    Properties:
      Handler: src/get.handler
      Environment: { Variables: { AUDIT_TABLE: !Ref AuditTableName } }
`;

const handlerReading = (tableExpression: string) => `
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));
export const handler = (id: string) =>
  ddb.send(new GetCommand({ TableName: ${tableExpression}, Key: { orderId: id } }));
`;

describe('dynamodb/unknown-table', () => {
  it('reports a literal table name that no template defines', async () => {
    const findings = await runRule(unknownTable, {
      'template.yaml': template,
      'src/get.ts': handlerReading(`'ordres'`),
    });

    expect(findings).toHaveLength(1);
    expect(findings[0]?.location).toMatchObject({ file: 'src/get.ts', line: 6 });
    expect(findings[0]?.message).toContain('table "ordres" (reached from GetOrder)');
    expect(findings[0]?.message).toContain('The templates define "orders"');
  });

  it('stays silent when the name matches a table of the template', async () => {
    const findings = await runRule(unknownTable, {
      'template.yaml': template,
      'src/get.ts': handlerReading(`'orders'`),
    });

    expect(findings).toEqual([]);
  });

  it('stays silent for a table named through a template parameter', async () => {
    const findings = await runRule(unknownTable, {
      'template.yaml': template,
      'src/get.ts': handlerReading('process.env.AUDIT_TABLE'),
    });

    expect(findings).toEqual([]);
  });

  it('stays silent when no template was read (limitation)', async () => {
    const findings = await runRule(unknownTable, { 'src/get.ts': handlerReading(`'ordres'`) });

    expect(findings).toEqual([]);
  });

  it('stays silent on a literal fallback in code that no template deploys (limitation)', async () => {
    const findings = await runRule(unknownTable, {
      'template.yaml': template,
      'src/scripts/seed.ts': handlerReading(`process.env.SEED_TABLE ?? 'orders-dev'`),
    });

    expect(findings).toEqual([]);
  });
});
