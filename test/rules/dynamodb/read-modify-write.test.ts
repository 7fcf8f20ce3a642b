import { describe, expect, it } from 'vitest';
import { readModifyWrite } from '../../../src/rules/dynamodb/read-modify-write.js';
import { runRule } from '../../helpers/app.js';
import { itemsTable, samApp } from './fixture.js';

function app(counter: string): Record<string, string> {
  return samApp(itemsTable, {
    'src/api.ts': `import { bump } from './counter'; export const handler = (event: { id: string }) => bump(event.id);`,
    'src/repository.ts': `import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { ddb, TABLE } from './db';
export const load = (id: string) => ddb.send(new GetCommand({ TableName: TABLE, Key: { id } }));
`,
    'src/counter.ts': `import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ddb, TABLE } from './db';
import { load } from './repository';
${counter}`,
  });
}

describe('dynamodb/read-modify-write', () => {
  it('reports a Put that writes back the item a Get read, with no condition', async () => {
    const findings = await runRule(
      readModifyWrite,
      app(`export async function bump(id: string) {
  const { Item } = await ddb.send(new GetCommand({ TableName: TABLE, Key: { id } }));
  await ddb.send(new PutCommand({ TableName: TABLE, Item: { ...Item, id, count: (Item?.count ?? 0) + 1 } }));
}
`),
    );

    expect(findings).toHaveLength(1);
    expect(findings[0]?.location).toMatchObject({ file: 'src/counter.ts', line: 6 });
    expect(findings[0]?.message).toBe(
      'Put on table "Items" writes back the item read at src/counter.ts:5:35 (key id) with no ConditionExpression, so a concurrent change between the two is lost.',
    );
    expect(findings[0]?.related[0]).toMatchObject({ file: 'src/counter.ts', line: 5 });
  });

  it('pairs a Get in a helper module with an Update on the same code path', async () => {
    const findings = await runRule(
      readModifyWrite,
      app(`export async function bump(id: string) {
  const { Item } = await load(id);
  await ddb.send(new UpdateCommand({ TableName: TABLE, Key: { id }, UpdateExpression: 'SET n = :n', ExpressionAttributeValues: { ':n': (Item?.n ?? 0) + 1 } }));
}
`),
    );

    expect(findings).toHaveLength(1);
    expect(findings[0]?.related[0]).toMatchObject({ file: 'src/repository.ts', line: 3 });
  });

  it('stays silent when the write has a ConditionExpression', async () => {
    const findings = await runRule(
      readModifyWrite,
      app(`export async function bump(id: string) {
  const { Item } = await ddb.send(new GetCommand({ TableName: TABLE, Key: { id } }));
  await ddb.send(new PutCommand({ TableName: TABLE, Item: { ...Item, id, version: Item?.version + 1 }, ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': Item?.version } }));
}
`),
    );

    expect(findings).toEqual([]);
  });

  it('stays silent when the write comes before the read in one code function', async () => {
    const findings = await runRule(
      readModifyWrite,
      app(`export async function bump(id: string) {
  await ddb.send(new PutCommand({ TableName: TABLE, Item: { id, count: 0 } }));
  return ddb.send(new GetCommand({ TableName: TABLE, Key: { id } }));
}
`),
    );

    expect(findings).toEqual([]);
  });

  it('does not match keys written through different expressions (limitation)', async () => {
    const findings = await runRule(
      readModifyWrite,
      app(`export async function bump(id: string) {
  const { Item } = await ddb.send(new GetCommand({ TableName: TABLE, Key: { id } }));
  await ddb.send(new PutCommand({ TableName: TABLE, Item: { id: Item?.id, count: 1 } }));
}
`),
    );

    expect(findings).toEqual([]);
  });

  it('does not match a put that only spreads the read item (limitation)', async () => {
    const findings = await runRule(
      readModifyWrite,
      app(`export async function bump(id: string) {
  const { Item } = await ddb.send(new GetCommand({ TableName: TABLE, Key: { id } }));
  await ddb.send(new PutCommand({ TableName: TABLE, Item: { ...Item, count: 1 } }));
}
`),
    );

    expect(findings).toEqual([]);
  });

  it('pairs a write in one code function with a get in another regardless of order (limitation)', async () => {
    const findings = await runRule(
      readModifyWrite,
      app(`export async function bump(id: string) {
  await ddb.send(new PutCommand({ TableName: TABLE, Item: { id, count: 0 } }));
  return load(id);
}
`),
    );

    expect(findings).toHaveLength(1);
  });
});
