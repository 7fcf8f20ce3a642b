import { describe, expect, it } from 'vitest';
import { batchLimit } from '../../../src/rules/dynamodb/batch-limit.js';
import { runRule } from '../../helpers/app.js';
import { itemsTable, samApp } from './fixture.js';

const imports = `import { BatchGetCommand, BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ddb, TABLE } from './db';
`;

describe('dynamodb/batch-limit', () => {
  it('reports a BatchWrite built from a whole event field with no chunking (C006)', async () => {
    const findings = await runRule(
      batchLimit,
      samApp(itemsTable, {
        'src/api.ts': `${imports}export const handler = async (event: { settings: { id: string }[] }) => {
  let request: Record<string, any> = {
    [TABLE]: event.settings.map(setting => ({ PutRequest: { Item: setting } })),
  };
  while (Object.keys(request).length > 0) {
    const res = await ddb.send(new BatchWriteCommand({ RequestItems: request }));
    request = res.UnprocessedItems ?? {};
  }
};
`,
      }),
    );

    expect(findings).toHaveLength(1);
    expect(findings[0]?.location).toMatchObject({ file: 'src/api.ts', line: 5 });
    expect(findings[0]?.message).toBe(
      'BatchWriteItem on table "Items" is built from all of event.settings with no chunking; DynamoDB rejects a batch of more than 25 write requests.',
    );
    expect(findings[0]?.related[0]).toMatchObject({ file: 'src/api.ts', line: 8 });
  });

  it('reports a BatchGet literal with more than 100 keys', async () => {
    const keys = Array.from({ length: 101 }, (_, index) => `{ id: 'k${index}' }`).join(', ');
    const findings = await runRule(
      batchLimit,
      samApp(itemsTable, {
        'src/api.ts': `${imports}export const handler = async () => {
  const out = await ddb.send(new BatchGetCommand({ RequestItems: { [TABLE]: { Keys: [${keys}] } } }));
  return out.UnprocessedKeys;
};
`,
      }),
    );

    expect(findings).toHaveLength(1);
    expect(findings[0]?.location).toMatchObject({ file: 'src/api.ts', line: 4 });
    expect(findings[0]?.message).toContain('holds 101 keys');
  });

  it('stays silent for chunks sliced before the map, directly or through a variable (C005)', async () => {
    const findings = await runRule(
      batchLimit,
      samApp(itemsTable, {
        'src/api.ts': `${imports}const MAX_BATCH = 25;
export const handler = async (event: { rows: { id: string }[] }) => {
  for (let i = 0; i < event.rows.length; i += MAX_BATCH) {
    const chunk = event.rows.slice(i, i + MAX_BATCH);
    await ddb.send(new BatchWriteCommand({ RequestItems: { [TABLE]: chunk.map(row => ({ PutRequest: { Item: row } })) } }));
    await ddb.send(new BatchWriteCommand({
      RequestItems: { [TABLE]: event.rows.slice(i, i + MAX_BATCH).map(row => ({ DeleteRequest: { Key: { id: row.id } } })) },
    }));
  }
};
`,
      }),
    );

    expect(findings).toEqual([]);
  });

  it('takes a collection passed to a helper as chunked by the caller (limitation)', async () => {
    const findings = await runRule(
      batchLimit,
      samApp(itemsTable, {
        'src/api.ts': `import { saveAll } from './save'; export const handler = (event: { rows: { id: string }[] }) => saveAll(event.rows);`,
        'src/save.ts': `${imports}export async function saveAll(rows: { id: string }[]) {
  const res = await ddb.send(new BatchWriteCommand({ RequestItems: { [TABLE]: rows.map(row => ({ PutRequest: { Item: row } })) } }));
  return res.UnprocessedItems;
}
`,
      }),
    );

    expect(findings).toEqual([]);
  });

  it('does not size a batch assembled by pushing into a list (limitation)', async () => {
    const findings = await runRule(
      batchLimit,
      samApp(itemsTable, {
        'src/api.ts': `${imports}export const handler = async (event: { rows: { id: string }[] }) => {
  const requests: unknown[] = [];
  event.rows.forEach(row => requests.push({ PutRequest: { Item: row } }));
  const res = await ddb.send(new BatchWriteCommand({ RequestItems: { [TABLE]: requests as never } }));
  return res.UnprocessedItems;
};
`,
      }),
    );

    expect(findings).toEqual([]);
  });
});
