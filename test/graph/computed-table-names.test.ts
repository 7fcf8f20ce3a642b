import { describe, expect, it } from 'vitest';
import { unknownTable } from '../../src/rules/dynamodb/unknown-table.js';
import { missingPermission } from '../../src/rules/iam/missing-permission.js';
import { analyzeApp, runRule } from '../helpers/app.js';

const template = (tableName: string) => `AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Resources:
  Orders:
    Type: AWS::DynamoDB::Table
    Properties:
      TableName: ${tableName}
      KeySchema: [{ AttributeName: id, KeyType: HASH }]
      AttributeDefinitions: [{ AttributeName: id, AttributeType: S }]
  Invoices:
    Type: AWS::DynamoDB::Table
    Properties:
      TableName: !Sub "\${AWS::StackName}-invoices"
      KeySchema: [{ AttributeName: id, KeyType: HASH }]
      AttributeDefinitions: [{ AttributeName: id, AttributeType: S }]
  GetOrderFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: src/get-order.handler
      Policies:
        - DynamoDBReadPolicy: { TableName: !Ref Orders }
`;

const handler = (tableName: string) => `
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));
export const handler = (event: { id: string }) =>
  doc.send(new GetCommand({ TableName: '${tableName}', Key: { id: event.id } }));
`;

const app = (templateName: string, codeName: string) => ({
  'template.yaml': template(templateName),
  'src/get-order.ts': handler(codeName),
});

describe('table names a template computes', () => {
  it('joins a name in code to the table whose computed name it fits, saying why', async () => {
    const analysis = await analyzeApp(app('!Sub "${AWS::StackName}-orders"', 'prod-orders'));
    const [access] = analysis.graph.accesses;

    expect(access?.target).toMatchObject({ kind: 'table', name: 'Orders' });
    expect(access?.hops.map(hop => [hop.description, hop.location.line])).toEqual([
      [
        '"prod-orders" fits the name "${…}-orders" that the template computes for table "Orders"',
        4,
      ],
    ]);
  });

  it('reports neither an unknown table nor a missing permission for such a name', async () => {
    const files = app('!Sub "${AWS::StackName}-orders"', 'prod-orders');

    expect(await runRule(unknownTable, files)).toEqual([]);
    expect(await runRule(missingPermission, files)).toEqual([]);
  });

  it('still reports a name that fits no computed name', async () => {
    const findings = await runRule(
      unknownTable,
      app('!Sub "${AWS::StackName}-orders"', 'prod-payments'),
    );

    expect(findings.map(finding => finding.message)).toEqual([
      expect.stringContaining('Get on table "prod-payments"'),
    ]);
  });

  it('does not guess between two computed names that a name fits', async () => {
    const analysis = await analyzeApp(app('!Sub "${AWS::StackName}oices"', 'prod-invoices'));

    expect(analysis.graph.accesses[0]?.target).toMatchObject({
      kind: 'name',
      name: 'prod-invoices',
    });
  });
});
