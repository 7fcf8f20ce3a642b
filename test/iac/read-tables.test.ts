import { describe, expect, it } from 'vitest';
import { scanFiles } from './scan-files.js';

const template = `AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Parameters:
  Stage:
    Type: String
    Default: dev
Resources:
  OrdersTable:
    Type: AWS::DynamoDB::Table
    Properties:
      TableName: !Sub 'orders-\${Stage}'
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions:
        - { AttributeName: pk, AttributeType: S }
        - { AttributeName: sk, AttributeType: S }
        - { AttributeName: customerId, AttributeType: S }
        - { AttributeName: createdAt, AttributeType: N }
      KeySchema:
        - { AttributeName: pk, KeyType: HASH }
        - { AttributeName: sk, KeyType: RANGE }
      GlobalSecondaryIndexes:
        - IndexName: ByCustomer
          KeySchema:
            - { AttributeName: customerId, KeyType: HASH }
            - { AttributeName: createdAt, KeyType: RANGE }
          Projection: { ProjectionType: ALL }
      LocalSecondaryIndexes:
        - IndexName: ByCreated
          KeySchema:
            - { AttributeName: pk, KeyType: HASH }
            - { AttributeName: createdAt, KeyType: RANGE }
          Projection: { ProjectionType: KEYS_ONLY }
      StreamSpecification:
        StreamViewType: NEW_AND_OLD_IMAGES
      PointInTimeRecoverySpecification:
        PointInTimeRecoveryEnabled: true
      DeletionProtectionEnabled: true
  StackTable:
    Type: AWS::DynamoDB::Table
    Properties:
      TableName: !Sub '\${AWS::StackName}-events'
      KeySchema:
        - { AttributeName: id, KeyType: HASH }
  ItemsTable:
    Type: AWS::Serverless::SimpleTable
  UsersTable:
    Type: AWS::Serverless::SimpleTable
    Properties:
      TableName: users
      PrimaryKey: { Name: userId, Type: Number }
  GlobalOrders:
    Type: AWS::DynamoDB::GlobalTable
    Properties:
      AttributeDefinitions: [{ AttributeName: id, AttributeType: S }]
      KeySchema: [{ AttributeName: id, KeyType: HASH }]
      Replicas:
        - Region: eu-west-1
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true }
        - Region: us-east-1
`;

describe('readTables', () => {
  it('reads name, keys with types, billing, stream and protection of a table', async () => {
    const { table } = await scanFiles({ 'template.yaml': template });

    expect(table('OrdersTable')).toMatchObject({
      id: 'template.yaml#OrdersTable',
      name: 'orders-dev',
      nameIsLogicalId: false,
      partitionKey: { name: 'pk', type: 'S' },
      sortKey: { name: 'sk', type: 'S' },
      billingMode: 'PAY_PER_REQUEST',
      stream: { viewType: 'NEW_AND_OLD_IMAGES', location: { line: 34 } },
      pointInTimeRecovery: true,
      deletionProtection: true,
      location: { file: 'template.yaml', line: 8 },
    });
  });

  it('reads global and local indexes with their keys and lines', async () => {
    const { table } = await scanFiles({ 'template.yaml': template });

    expect(table('OrdersTable').indexes).toEqual([
      {
        name: 'ByCustomer',
        kind: 'global',
        partitionKey: { name: 'customerId', type: 'S' },
        sortKey: { name: 'createdAt', type: 'N' },
        location: { file: 'template.yaml', line: 22, column: 11 },
      },
      {
        name: 'ByCreated',
        kind: 'local',
        partitionKey: { name: 'pk', type: 'S' },
        sortKey: { name: 'createdAt', type: 'N' },
        location: { file: 'template.yaml', line: 28, column: 11 },
      },
    ]);
  });

  it('falls back to the logical id when the name depends on the deployment', async () => {
    const { table } = await scanFiles({ 'template.yaml': template });

    expect(table('StackTable')).toMatchObject({
      name: 'StackTable',
      nameIsLogicalId: true,
      nameValue: {
        kind: 'join',
        parts: [
          { kind: 'unresolved', text: '${AWS::StackName}' },
          { kind: 'literal', value: '-events' },
        ],
      },
      partitionKey: { name: 'id' },
      pointInTimeRecovery: false,
    });
    expect(table('StackTable').billingMode).toBeUndefined();
  });

  it('gives a SimpleTable without properties the SAM default key id of type S', async () => {
    const { table } = await scanFiles({ 'template.yaml': template });

    expect(table('ItemsTable')).toMatchObject({
      name: 'ItemsTable',
      nameIsLogicalId: true,
      partitionKey: { name: 'id', type: 'S' },
      billingMode: 'PAY_PER_REQUEST',
      indexes: [],
    });
  });

  it('reads the PrimaryKey and name of a SimpleTable', async () => {
    const { table } = await scanFiles({ 'template.yaml': template });

    expect(table('UsersTable')).toMatchObject({
      name: 'users',
      partitionKey: { name: 'userId', type: 'N' },
    });
  });

  it('counts point-in-time recovery on a global table only when every replica turns it on', async () => {
    const { table } = await scanFiles({ 'template.yaml': template });

    expect(table('GlobalOrders')).toMatchObject({
      partitionKey: { name: 'id', type: 'S' },
      pointInTimeRecovery: false,
    });
  });
});
