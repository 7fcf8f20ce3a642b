import { describe, expect, it } from 'vitest';
import { scanFiles } from './scan-files.js';

// The template of case C028: Globals environment with a per-function override, a SimpleTable
// and a table known only by a parameter default.
const template = `
AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Parameters:
  LegacyTableName:
    Type: String
    Default: legacy-items
Globals:
  Function:
    Runtime: nodejs20.x
    Environment:
      Variables:
        TABLE_NAME: !Ref ItemsTable
Resources:
  ItemsTable:
    Type: AWS::Serverless::SimpleTable
  ArchiveTable:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions:
        - AttributeName: id
          AttributeType: S
      KeySchema:
        - AttributeName: id
          KeyType: HASH
  PutItemFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: src/put-item.handler
      Policies:
        - DynamoDBCrudPolicy:
            TableName: !Ref ItemsTable
  ArchiveFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: src/put-item.handler
      Environment:
        Variables:
          TABLE_NAME: !Ref ArchiveTable
      Policies:
        - DynamoDBWritePolicy:
            TableName: !Ref ArchiveTable
  LegacyReaderFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: src/get-item.handler
      Environment:
        Variables:
          TABLE_NAME: !Ref LegacyTableName
      Policies:
        - DynamoDBReadPolicy:
            TableName: !Ref LegacyTableName
`;

describe('scanInfra on a SAM application', () => {
  it('keeps each function on its own table when Globals and overrides mix', async () => {
    const { lambda } = await scanFiles({ 'template.yaml': template.trimStart() });

    expect(lambda('PutItemFunction').environment['TABLE_NAME']).toEqual({
      kind: 'resource',
      logicalId: 'ItemsTable',
    });
    expect(lambda('ArchiveFunction').environment['TABLE_NAME']).toEqual({
      kind: 'resource',
      logicalId: 'ArchiveTable',
    });
    expect(lambda('LegacyReaderFunction').environment['TABLE_NAME']).toEqual({
      kind: 'parameter',
      name: 'LegacyTableName',
      default: 'legacy-items',
    });
    expect(lambda('ArchiveFunction').handler?.files[0]).toBe('src/put-item.ts');
    expect(lambda('LegacyReaderFunction').runtime).toBe('nodejs20.x');
  });

  it('reads the SimpleTable default key and the policy templates at their lines', async () => {
    const { table, lambda } = await scanFiles({ 'template.yaml': template.trimStart() });

    expect(table('ItemsTable')).toMatchObject({
      partitionKey: { name: 'id', type: 'S' },
      location: { line: 14 },
    });
    expect(lambda('ArchiveFunction').policies).toMatchObject([
      {
        fromTemplate: 'DynamoDBWritePolicy',
        actions: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:BatchWriteItem'],
        location: { line: 41 },
      },
    ]);
    expect(lambda('LegacyReaderFunction').policies[0]?.resources[0]).toEqual({
      kind: 'parameter',
      name: 'LegacyTableName',
      default: 'legacy-items',
    });
  });
});
