import { describe, expect, it } from 'vitest';
import { operationsIn, scanApp, summary } from './write-app.js';

const documentClient = `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
`;

describe('linkProject', () => {
  it('resolves a constant imported through a re-export and a CommonJS module', async () => {
    const { scan } = await scanApp({
      'src/config/tables.ts': `export const ORDERS_TABLE = process.env.ORDERS_TABLE ?? 'orders-dev';\n`,
      'src/config/index.ts': `export * from './tables';\nexport { ORDERS_TABLE as default } from './tables';\n`,
      'src/legacy.js': `module.exports = { USERS: 'Users' };\n`,
      'src/app.ts': `${documentClient}import { ORDERS_TABLE } from './config/index.js';
const { USERS } = require('./legacy');
const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));
export const a = () => ddb.send(new GetCommand({ TableName: ORDERS_TABLE, Key: {} }));
export const b = () => ddb.send(new GetCommand({ TableName: USERS, Key: {} }));
`,
    });

    const [orders, users] = operationsIn(scan, 'src/app.ts');
    expect(orders?.target).toEqual({
      kind: 'fallback',
      options: [
        { kind: 'env', name: 'ORDERS_TABLE' },
        { kind: 'literal', value: 'orders-dev' },
      ],
    });
    expect(orders?.hops.map(hop => hop.description)).toContain(
      'ORDERS_TABLE imported from src/config/tables.ts',
    );
    expect(users?.target).toEqual({ kind: 'literal', value: 'Users' });
  });

  it('recognises a client created in one module and used in another', async () => {
    const { scan } = await scanApp({
      'src/db.ts': `import { DynamoDBDocument } from '@aws-sdk/lib-dynamodb';
import { DynamoDB } from '@aws-sdk/client-dynamodb';
export const doc = DynamoDBDocument.from(new DynamoDB({}));
`,
      'src/v2.js': `const AWS = require('aws-sdk');\nmodule.exports = new AWS.DynamoDB.DocumentClient();\n`,
      'src/app.ts': `import { doc } from './db';
import legacy from './v2.js';
const lookup = new Map<string, string>();
export const handler = async () => {
  await doc.get({ TableName: 'Orders', Key: {} });
  await legacy.put({ TableName: 'Audit', Item: {} }).promise();
  return lookup.get('x');
};
`,
    });

    expect(scan.operations.map(summary)).toEqual([
      {
        action: 'get',
        target: { kind: 'literal', value: 'Orders' },
        line: 5,
        codeFunction: 'src/app.ts#handler',
      },
      {
        action: 'put',
        target: { kind: 'literal', value: 'Audit' },
        line: 6,
        codeFunction: 'src/app.ts#handler',
      },
    ]);
  });

  it('reports a wrapper once per call site with the values the caller passes (house wrapper)', async () => {
    const { scan } = await scanApp({
      'src/config.ts': `export const USERS_TABLE = process.env.USERS_TABLE_NAME ?? "users-dev";\nexport const EMAIL_INDEX = "emailIndex";\n`,
      'src/db.ts': `${documentClient}const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));
export const db = {
  query: (a: { tableName: string; indexName?: string; keyConditionExpression: string; limit?: number }) =>
    doc.send(
      new QueryCommand({
        TableName: a.tableName,
        IndexName: a.indexName,
        KeyConditionExpression: a.keyConditionExpression,
        Limit: a.limit,
      }),
    ),
};
`,
      'src/users.ts': `import { EMAIL_INDEX, USERS_TABLE } from "./config";
import { db } from "./db";
export async function getUserByEmail(email: string) {
  const res = await db.query({
    tableName: USERS_TABLE,
    indexName: EMAIL_INDEX,
    keyConditionExpression: "email = :e",
    limit: 1,
  });
  return res.Items?.[0] ?? null;
}
export const listAll = () => db.query({ tableName: 'Audit', keyConditionExpression: '#k = :k' });
`,
    });

    expect(
      scan.operations.map(operation => ({
        ...summary(operation),
        index: operation.indexName,
        keys: operation.keyAttributes,
        limit: operation.hasLimit,
        sdk: operation.sdkLocation?.line,
      })),
    ).toEqual([
      {
        action: 'query',
        target: {
          kind: 'fallback',
          options: [
            { kind: 'env', name: 'USERS_TABLE_NAME' },
            { kind: 'literal', value: 'users-dev' },
          ],
        },
        line: 4,
        codeFunction: 'src/users.ts#getUserByEmail',
        index: { kind: 'literal', value: 'emailIndex' },
        keys: ['email'],
        limit: true,
        sdk: 7,
      },
      {
        action: 'query',
        target: { kind: 'literal', value: 'Audit' },
        line: 12,
        codeFunction: 'src/users.ts#listAll',
        index: undefined,
        keys: ['#k'],
        limit: false,
        sdk: 7,
      },
    ]);
  });

  it('reports a raw-params facade at each call site and, without callers, at the SDK call', async () => {
    const { scan } = await scanApp({
      'src/libs/dynamodb-lib.js': `${documentClient}const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));
export default {
  get: (params) => client.send(new GetCommand(params)),
  query: (params) => client.send(new QueryCommand(params)),
};
`,
      'src/libs/handler-lib.js': `export default function handler(lambda) {\n  return async (event) => lambda(event);\n}\n`,
      'src/list-profiles.js': `import dynamoDb from "./libs/dynamodb-lib";
import handler from "./libs/handler-lib";
export const main = handler(async (event) => {
  const params = {
    TableName: process.env.PROFILES_TABLE,
    KeyConditionExpression: "orgId = :o",
  };
  const result = await dynamoDb.query(params);
  return result.Items;
});
`,
    });

    expect(scan.operations.map(summary)).toEqual([
      {
        action: 'get',
        target: { kind: 'unresolved', text: 'params.TableName' },
        line: 5,
        codeFunction: 'src/libs/dynamodb-lib.js#default.get',
      },
      {
        action: 'query',
        target: { kind: 'env', name: 'PROFILES_TABLE' },
        line: 8,
        codeFunction: 'src/list-profiles.js#main',
      },
    ]);
    expect(scan.operations[1]?.sdkLocation).toEqual({
      file: 'src/libs/dynamodb-lib.js',
      line: 6,
      column: 34,
    });
    expect(scan.functions.find(fn => fn.id === 'src/list-profiles.js#main')?.calls).toEqual([
      'src/libs/dynamodb-lib.js#default.query',
      'src/libs/handler-lib.js#default',
    ]);
  });

  it('resolves class fields from constructor defaults and from each construction site', async () => {
    const { scan } = await scanApp({
      'src/repo.ts': `${documentClient}const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));
export class Repo {
  constructor(private table = process.env.ORDERS_TABLE!) {}
  load(id: string) {
    return doc.send(new GetCommand({ TableName: this.table, Key: { id } }));
  }
}
export class Audit {
  private readonly tableName: string;
  constructor(tableName?: string) {
    this.tableName = tableName ?? 'audit-dev';
  }
  load() {
    return doc.send(new GetCommand({ TableName: this.tableName, Key: {} }));
  }
}
`,
      'src/use.ts': `import { Audit } from './repo';\nexport const a = new Audit(process.env.AUDIT_TABLE);\nexport const b = new Audit('Audit');\n`,
    });

    expect(scan.operations.map(operation => [operation.id, operation.target])).toEqual([
      ['src/repo.ts:7:21', { kind: 'env', name: 'ORDERS_TABLE' }],
      [
        'src/repo.ts:16:21',
        {
          kind: 'fallback',
          options: [
            { kind: 'env', name: 'AUDIT_TABLE' },
            { kind: 'literal', value: 'audit-dev' },
          ],
        },
      ],
      [
        'src/repo.ts:16:21#2',
        {
          kind: 'fallback',
          options: [
            { kind: 'literal', value: 'Audit' },
            { kind: 'literal', value: 'audit-dev' },
          ],
        },
      ],
    ]);
  });

  it('links middy chains and business modules into the call graph', async () => {
    const { scan } = await scanApp({
      'src/get-community.ts': `${documentClient}import middy from '@middy/core';
import httpErrorHandler from '@middy/http-error-handler';
const docClient = DynamoDBDocumentClient.from(new DynamoDBClient({}));
async function getCommunity(event: { id: string }) {
  return docClient.send(new GetCommand({ TableName: process.env.COMMUNITIES_TABLE_NAME, Key: { id: event.id } }));
}
export const handler = middy(getCommunity).use(httpErrorHandler());
`,
      'src/data/todos-access.mjs': `${documentClient}export class TodosAccess {
  constructor() {
    this.doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));
    this.table = process.env.TODOS_TABLE;
  }
  async listByUser(userId) {
    return this.doc.send(new QueryCommand({ TableName: this.table, KeyConditionExpression: "userId = :u" }));
  }
}
`,
      'src/business/todos.mjs': `import { TodosAccess } from "../data/todos-access.mjs";
const access = new TodosAccess();
export const getTodosForUser = (userId) => access.listByUser(userId);
`,
      'src/list-todos.mjs': `import middy from "@middy/core";
import { getTodosForUser } from "./business/todos.mjs";
export const handler = middy()
  .use(cors())
  .handler(async (event) => getTodosForUser(event.userId));
`,
    });

    const calls = new Map(scan.functions.map(fn => [fn.id, fn.calls]));
    expect(calls.get('src/get-community.ts#handler')).toEqual([
      'src/get-community.ts#getCommunity',
    ]);
    expect(calls.get('src/list-todos.mjs#handler')).toEqual([
      'src/business/todos.mjs#getTodosForUser',
    ]);
    expect(calls.get('src/business/todos.mjs#getTodosForUser')).toEqual([
      'src/data/todos-access.mjs#TodosAccess.listByUser',
    ]);
    expect(scan.operations.map(summary)).toEqual(
      [
        {
          action: 'query',
          target: { kind: 'env', name: 'TODOS_TABLE' },
          line: 9,
          codeFunction: 'src/data/todos-access.mjs#TodosAccess.listByUser',
        },
        {
          action: 'get',
          target: { kind: 'env', name: 'COMMUNITIES_TABLE_NAME' },
          line: 7,
          codeFunction: 'src/get-community.ts#getCommunity',
        },
      ].sort((a, b) => a.codeFunction.localeCompare(b.codeFunction)),
    );
  });

  it('lists exports with the code functions they stand for', async () => {
    const { scan } = await scanApp({
      'src/impl.ts': `export async function run() { return process.env.X; }\n`,
      'src/index.ts': `import { run } from './impl';\nexport { run as handler };\nexport default async () => run();\nexport * from './impl';\n`,
      'src/cjs.js': `const work = async () => process.env.Y;\nexports.first = work;\nmodule.exports.second = async () => 1;\n`,
    });

    expect(scan.exports.map(entry => [entry.file, entry.name, entry.codeFunction])).toEqual([
      ['src/cjs.js', 'first', 'src/cjs.js#work'],
      ['src/cjs.js', 'second', 'src/cjs.js#second'],
      ['src/impl.ts', 'run', 'src/impl.ts#run'],
      ['src/index.ts', 'run', 'src/impl.ts#run'],
      ['src/index.ts', 'handler', 'src/impl.ts#run'],
      ['src/index.ts', 'default', 'src/index.ts#default'],
    ]);
  });
});
