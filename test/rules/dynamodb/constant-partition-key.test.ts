import { describe, expect, it } from 'vitest';
import { constantPartitionKey } from '../../../src/rules/dynamodb/constant-partition-key.js';
import { runRule } from '../../helpers/app.js';
import { samApp } from './fixture.js';

const outboxTable = `  Items:
    Type: AWS::DynamoDB::Table
    Properties:
      KeySchema: [{ AttributeName: pk, KeyType: HASH }, { AttributeName: sk, KeyType: RANGE }]
      AttributeDefinitions:
        - { AttributeName: pk, AttributeType: S }
        - { AttributeName: sk, AttributeType: S }
        - { AttributeName: topic, AttributeType: S }
      GlobalSecondaryIndexes:
        - IndexName: Outstanding
          KeySchema: [{ AttributeName: topic, KeyType: HASH }]
          Projection: { ProjectionType: ALL }`;

function app(store: string): Record<string, string> {
  return samApp(outboxTable, {
    'src/api.ts': `import { store } from './store'; export const handler = (event: { id: string; body: string }) => store(event);`,
    'src/topics.ts': `export const TOPIC = 'order-events';\n`,
    'src/store.ts': `import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { ddb, TABLE } from './db';
import { TOPIC } from './topics';
${store}`,
  });
}

describe('dynamodb/constant-partition-key', () => {
  it('reports a literal partition key at the Item attribute (C008 log)', async () => {
    const findings = await runRule(
      constantPartitionKey,
      app(`export async function store(event: { id: string; body: string }) {
  await ddb.send(new PutCommand({
    TableName: TABLE,
    Item: { pk: 'OPS_LOG', sk: \`\${Date.now()}#\${randomUUID()}\`, topic: event.id, body: event.body },
  }));
}
`),
    );

    expect(findings).toHaveLength(1);
    expect(findings[0]?.location).toMatchObject({ file: 'src/store.ts', line: 8 });
    expect(findings[0]?.message).toBe(
      'Put on table "Items" always writes "OPS_LOG" to "pk", the partition key of table "Items", so all these writes land in one partition.',
    );
  });

  it('reports a GSI partition key set from an imported constant (C008 outbox)', async () => {
    const findings = await runRule(
      constantPartitionKey,
      app(`export async function store(event: { id: string; body: string }) {
  await ddb.send(new PutCommand({ TableName: TABLE, Item: { pk: event.id, sk: randomUUID(), topic: TOPIC } }));
}
`),
    );

    expect(findings).toHaveLength(1);
    expect(findings[0]?.message).toContain(
      'writes "order-events" to "topic", the partition key of index "Outstanding"',
    );
  });

  it('reports a counter item updated under a constant key', async () => {
    const findings = await runRule(
      constantPartitionKey,
      app(`export const store = () =>
  ddb.send(new UpdateCommand({ TableName: TABLE, Key: { pk: 'COUNTER', sk: 'orders' }, UpdateExpression: 'ADD n :one', ExpressionAttributeValues: { ':one': 1 } }));
`),
    );

    expect(findings.map(finding => finding.message)).toEqual([
      'Update on table "Items" always writes "COUNTER" to "pk", the partition key of table "Items", so all these writes land in one partition.',
    ]);
  });

  it('stays silent for keys from the request and for values listed in allowedValues', async () => {
    const files = app(`export async function store(event: { id: string; body: string }) {
  await ddb.send(new PutCommand({ TableName: TABLE, Item: { pk: event.id, sk: 'profile', topic: event.body } }));
  await ddb.send(new PutCommand({ TableName: TABLE, Item: { pk: 'SETTINGS', sk: event.id, topic: event.body } }));
}
`);

    expect(await runRule(constantPartitionKey, files, { allowedValues: ['SETTINGS'] })).toEqual([]);
  });

  it('does not read a key attribute assigned after the item literal (limitation)', async () => {
    const findings = await runRule(
      constantPartitionKey,
      app(`export const store = (event: { id: string }) => {
  const item: Record<string, string> = { sk: event.id };
  item.pk = 'OPS_LOG';
  return ddb.send(new PutCommand({ TableName: TABLE, Item: item }));
};
`),
    );

    expect(findings).toEqual([]);
  });

  it('does not check an index key set through UpdateExpression (limitation)', async () => {
    const findings = await runRule(
      constantPartitionKey,
      app(`export const store = (event: { id: string }) =>
  ddb.send(new UpdateCommand({ TableName: TABLE, Key: { pk: event.id, sk: 'x' }, UpdateExpression: 'SET topic = :t', ExpressionAttributeValues: { ':t': TOPIC } }));
`),
    );

    expect(findings).toEqual([]);
  });

  it('reports a rarely written settings item like a busy one (limitation)', async () => {
    const findings = await runRule(
      constantPartitionKey,
      app(`export const store = (event: { body: string }) =>
  ddb.send(new PutCommand({ TableName: TABLE, Item: { pk: 'SETTINGS', sk: 'global', topic: event.body } }));
`),
    );

    expect(findings).toHaveLength(1);
  });
});
