import { describe, expect, it } from 'vitest';
import { scanApp } from './write-app.js';

const client = `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));
`;

async function targetsOf(body: string) {
  const { scan } = await scanApp({ 'src/app.ts': `${client}${body}` });

  return scan.operations.map(operation => operation.target);
}

describe('evaluate', () => {
  it('resolves process.env in its dotted, indexed and destructured forms', async () => {
    const targets = await targetsOf(`const { USERS } = process.env;
const { ORDERS_TABLE: orders = 'orders-dev' } = process.env;
export const a = () => ddb.send(new GetCommand({ TableName: process.env.A_TABLE, Key: {} }));
export const b = () => ddb.send(new GetCommand({ TableName: process.env['B_TABLE'], Key: {} }));
export const c = () => ddb.send(new GetCommand({ TableName: USERS, Key: {} }));
export const d = () => ddb.send(new GetCommand({ TableName: orders, Key: {} }));
`);

    expect(targets).toEqual([
      { kind: 'env', name: 'A_TABLE' },
      { kind: 'env', name: 'B_TABLE' },
      { kind: 'env', name: 'USERS' },
      {
        kind: 'fallback',
        options: [
          { kind: 'env', name: 'ORDERS_TABLE' },
          { kind: 'literal', value: 'orders-dev' },
        ],
      },
    ]);
  });

  it('resolves templates, object-member constants, casts and fallbacks', async () => {
    const targets = await targetsOf(`const STAGE = 'dev';
const TABLES = { orders: \`orders-\${STAGE}\` } as const;
const config = { tables: { users: process.env.USERS_TABLE! } };
export const a = () => ddb.send(new GetCommand({ TableName: TABLES.orders, Key: {} }));
export const b = () => ddb.send(new GetCommand({ TableName: config.tables.users as string, Key: {} }));
export const c = () => ddb.send(new GetCommand({ TableName: process.env.T || 'local', Key: {} }));
`);

    expect(targets).toEqual([
      { kind: 'literal', value: 'orders-dev' },
      { kind: 'env', name: 'USERS_TABLE' },
      {
        kind: 'fallback',
        options: [
          { kind: 'env', name: 'T' },
          { kind: 'literal', value: 'local' },
        ],
      },
    ]);
  });

  it('follows an input object kept in a variable, spread into another, or built by a helper', async () => {
    const targets = await targetsOf(`const base = { TableName: 'Orders' };
const buildParams = (id: string) => ({ TableName: 'Lines', Key: { id } });
export const a = async () => {
  const params = { ...base, Key: { id: '1' } };
  return ddb.send(new GetCommand(params));
};
export const b = async () => ddb.send(new GetCommand(buildParams('1')));
`);

    expect(targets).toEqual([
      { kind: 'literal', value: 'Orders' },
      { kind: 'literal', value: 'Lines' },
    ]);
  });

  it('keeps an unknown target as unresolved source text', async () => {
    const targets = await targetsOf(`export const a = (event: { table: string }) => {
  const pick = (name: string) => name;
  return ddb.send(new GetCommand({ TableName: pick(event.table), Key: {} }));
};
`);

    expect(targets).toEqual([{ kind: 'unresolved', text: 'pick(event.table)' }]);
  });

  it('records the hops a resolution took', async () => {
    const { scan } = await scanApp({
      'src/app.ts': `${client}const TABLE = process.env.ORDERS_TABLE!;
export const a = () => ddb.send(new GetCommand({ TableName: TABLE, Key: {} }));
`,
    });

    expect(scan.operations[0]?.hops).toEqual([
      { description: 'TABLE declared here', location: { file: 'src/app.ts', line: 4, column: 7 } },
    ]);
  });
  it('reads a static field of a class declared in the same file', async () => {
    const { scan } = await scanApp({
      'src/store.ts': `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
export class ItemStore {
  private static tableName = process.env.ITEMS_TABLE;
  private static client = DynamoDBDocumentClient.from(new DynamoDBClient({}));
  async getItem(id: string) {
    return ItemStore.client.send(new GetCommand({ TableName: ItemStore.tableName, Key: { id } }));
  }
}
`,
    });

    expect(scan.operations.map(operation => operation.target)).toEqual([
      { kind: 'env', name: 'ITEMS_TABLE' },
    ]);
    expect(scan.operations[0]?.hops).toEqual([
      {
        description: 'ItemStore.tableName set here',
        location: { file: 'src/store.ts', line: 4, column: 3 },
      },
    ]);
  });

  it('leaves a static field set in a static block unresolved', async () => {
    const targets = await targetsOf(`class Store {
  static table: string | undefined;
  static { Store.table = process.env.T; }
}
export const a = () => ddb.send(new GetCommand({ TableName: Store.table, Key: {} }));
`);

    expect(targets).toEqual([{ kind: 'unresolved', text: 'Store.table' }]);
  });
});
