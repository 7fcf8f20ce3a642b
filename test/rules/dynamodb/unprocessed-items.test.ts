import { describe, expect, it } from 'vitest';
import { unprocessedItems } from '../../../src/rules/dynamodb/unprocessed-items.js';
import { runRule } from '../../helpers/app.js';
import { itemsTable, samApp } from './fixture.js';

const api = `import { save } from './save'; export const handler = (event: { rows: { id: string }[] }) => save(event.rows);`;
const imports = `import { BatchGetCommand, BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ddb, TABLE } from './db';
`;

describe('dynamodb/unprocessed-items', () => {
  it('reports a BatchWrite whose response is discarded (C005)', async () => {
    const findings = await runRule(
      unprocessedItems,
      samApp(itemsTable, {
        'src/api.ts': api,
        'src/save.ts': `${imports}export async function save(rows: { id: string }[]) {
  for (let i = 0; i < rows.length; i += 25) {
    const chunk = rows.slice(i, i + 25);
    await ddb.send(
      new BatchWriteCommand({ RequestItems: { [TABLE]: chunk.map(row => ({ PutRequest: { Item: row } })) } }),
    );
  }
}
`,
      }),
    );

    expect(findings).toHaveLength(1);
    expect(findings[0]?.location).toMatchObject({ file: 'src/save.ts', line: 7 });
    expect(findings[0]?.message).toBe(
      'BatchWriteItem on table "Items": its response is discarded, so writes that DynamoDB throttles are dropped without an error.',
    );
  });

  it('reports a BatchGet whose UnprocessedKeys is never read', async () => {
    const findings = await runRule(
      unprocessedItems,
      samApp(itemsTable, {
        'src/api.ts': api,
        'src/save.ts': `${imports}export async function save(rows: { id: string }[]) {
  const out = await ddb.send(new BatchGetCommand({ RequestItems: { [TABLE]: { Keys: rows.slice(0, 100) } } }));
  return out.Responses?.[TABLE] ?? [];
}
`,
      }),
    );

    expect(findings).toHaveLength(1);
    expect(findings[0]?.message).toContain(
      'BatchGetItem on table "Items": UnprocessedKeys is never read',
    );
  });

  it('stays silent when the code function resends UnprocessedItems (C006)', async () => {
    const findings = await runRule(
      unprocessedItems,
      samApp(itemsTable, {
        'src/api.ts': api,
        'src/save.ts': `${imports}export async function save(rows: { id: string }[]) {
  let request: Record<string, any> = { [TABLE]: rows.slice(0, 25).map(row => ({ PutRequest: { Item: row } })) };
  while (Object.keys(request).length > 0) {
    const res = await ddb.send(new BatchWriteCommand({ RequestItems: request }));
    request = res.UnprocessedItems ?? {};
  }
}
`,
      }),
    );

    expect(findings).toEqual([]);
  });

  it('counts UnprocessedItems read from the wrong object as handled (limitation)', async () => {
    const findings = await runRule(
      unprocessedItems,
      samApp(itemsTable, {
        'src/api.ts': api,
        'src/save.ts': `${imports}export async function save(rows: { id: string }[]) {
  let request: Record<string, any> = { [TABLE]: rows.slice(0, 25).map(row => ({ PutRequest: { Item: row } })) };
  while (Object.keys(request).length > 0) {
    const res: any = await ddb.send(new BatchWriteCommand({ RequestItems: request }));
    request = res.data?.UnprocessedItems ?? {};
  }
}
`,
      }),
    );

    expect(findings).toEqual([]);
  });

  it('stays silent for a helper that returns the batch response to its caller (limitation)', async () => {
    const findings = await runRule(
      unprocessedItems,
      samApp(itemsTable, {
        'src/api.ts': api,
        'src/save.ts': `${imports}export const save = (rows: { id: string }[]) =>
  ddb.send(new BatchWriteCommand({ RequestItems: { [TABLE]: rows.slice(0, 25).map(row => ({ PutRequest: { Item: row } })) } }));
`,
      }),
    );

    expect(findings).toEqual([]);
  });
});
