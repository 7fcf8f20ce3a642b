import { describe, expect, it } from 'vitest';
import { callInLoop } from '../../../src/rules/dynamodb/call-in-loop.js';
import { runRule } from '../../helpers/app.js';
import { itemsTable, samApp } from './fixture.js';

const imports = `import { BatchGetCommand, GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { ddb, TABLE } from './db';
`;

describe('dynamodb/call-in-loop', () => {
  it('reports a GetItem awaited inside for...of, at the operation (C007)', async () => {
    const findings = await runRule(
      callInLoop,
      samApp(itemsTable, {
        'src/api.ts': `${imports}export const handler = async (event: { ids: string[] }) => {
  const found = [];
  for (const id of event.ids) {
    const r = await ddb.send(new GetCommand({ TableName: TABLE, Key: { id } }));
    if (r.Item) found.push(r.Item);
  }
  return found;
};
`,
      }),
    );

    expect(findings).toHaveLength(1);
    expect(findings[0]?.location).toMatchObject({ file: 'src/api.ts', line: 6 });
    expect(findings[0]?.message).toBe(
      'Get on table "Items" runs once per element of the loop at line 5: one request per element.',
    );
    expect(findings[0]?.recommendation).toContain('BatchGetItem');
  });

  it('reports a parallel fan-out in a map callback collected into Promise.all (C007)', async () => {
    const findings = await runRule(
      callInLoop,
      samApp(itemsTable, {
        'src/api.ts': `${imports}export const handler = async (event: { ids: string[] }) =>
  Promise.all(event.ids.map(id => ddb.send(new GetCommand({ TableName: TABLE, Key: { id } }))));
`,
      }),
    );

    expect(findings).toHaveLength(1);
    expect(findings[0]?.location).toMatchObject({ file: 'src/api.ts', line: 4 });
    expect(findings[0]?.message).toContain('side by side, once per element');
  });

  it('reports a helper in another module called in a loop, at the call in the loop', async () => {
    const findings = await runRule(
      callInLoop,
      samApp(itemsTable, {
        'src/products.ts': `${imports}export const getProduct = (id: string) => ddb.send(new GetCommand({ TableName: TABLE, Key: { id } }));
`,
        'src/api.ts': `import { getProduct } from './products';
export const handler = async (event: { ids: string[] }) => {
  const products = [];
  for (const id of event.ids) {
    products.push(await getProduct(id));
  }
  return products;
};
`,
      }),
    );

    expect(findings).toHaveLength(1);
    expect(findings[0]?.location).toMatchObject({ file: 'src/api.ts', line: 5 });
    expect(findings[0]?.message).toContain('through the call in handler');
    expect(findings[0]?.related[0]).toMatchObject({ file: 'src/products.ts', line: 3 });
  });

  it('stays silent for a BatchGet per chunk of keys (C007 control)', async () => {
    const findings = await runRule(
      callInLoop,
      samApp(itemsTable, {
        'src/api.ts': `${imports}export const handler = async (event: { ids: string[] }) => {
  for (let i = 0; i < event.ids.length; i += 100) {
    const keys = event.ids.slice(i, i + 100).map(id => ({ id }));
    await ddb.send(new BatchGetCommand({ RequestItems: { [TABLE]: { Keys: keys } } }));
  }
};
`,
      }),
    );

    expect(findings).toEqual([]);
  });

  it('does not report an operation in a while loop (limitation)', async () => {
    const findings = await runRule(
      callInLoop,
      samApp(itemsTable, {
        'src/api.ts': `${imports}export const handler = async (event: { ids: string[] }) => {
  while (event.ids.length > 0) {
    const id = event.ids.pop()!;
    await ddb.send(new GetCommand({ TableName: TABLE, Key: { id } }));
  }
};
`,
      }),
    );

    expect(findings).toEqual([]);
  });

  it('reports a retry counted by a for loop as if it were per element (limitation)', async () => {
    const findings = await runRule(
      callInLoop,
      samApp(itemsTable, {
        'src/api.ts': `${imports}export const handler = async (event: { id: string }) => {
  for (let attempt = 0; attempt < 3; attempt++) {
    try { return await ddb.send(new GetCommand({ TableName: TABLE, Key: { id: event.id } })); } catch { continue; }
  }
};
`,
      }),
    );

    expect(findings).toHaveLength(1);
  });

  it('never reports a scan in a loop (limitation)', async () => {
    const findings = await runRule(
      callInLoop,
      samApp(itemsTable, {
        'src/api.ts': `${imports}export const handler = async (event: { segments: number[] }) =>
  Promise.all(event.segments.map(Segment => ddb.send(new ScanCommand({ TableName: TABLE, Segment, TotalSegments: 4 }))));
`,
      }),
    );

    expect(findings).toEqual([]);
  });

  it('stops following helpers at helperDepth', async () => {
    const files = samApp(itemsTable, {
      'src/products.ts': `${imports}export const getProduct = (id: string) => ddb.send(new GetCommand({ TableName: TABLE, Key: { id } }));
`,
      'src/api.ts': `import { getProduct } from './products';
export const handler = async (event: { ids: string[] }) => Promise.all(event.ids.map(id => getProduct(id)));
`,
    });

    expect(await runRule(callInLoop, files, { helperDepth: 0 })).toEqual([]);
    expect(await runRule(callInLoop, files, { helperDepth: 1 })).toHaveLength(1);
  });
});
