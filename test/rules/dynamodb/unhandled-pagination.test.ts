import { describe, expect, it } from 'vitest';
import { unhandledPagination } from '../../../src/rules/dynamodb/unhandled-pagination.js';
import { runRule } from '../../helpers/app.js';

const template = `
Transform: AWS::Serverless-2016-10-31
Resources:
  Sessions:
    Type: AWS::DynamoDB::Table
    Properties:
      KeySchema: [{ AttributeName: accountId, KeyType: HASH }, { AttributeName: sessionId, KeyType: RANGE }]
      AttributeDefinitions: [{ AttributeName: accountId, AttributeType: S }, { AttributeName: sessionId, AttributeType: S }]
  ListSessions:
    Type: AWS::Serverless::Function
    Properties:
      Handler: src/api.handler
      Environment: { Variables: { SESSIONS_TABLE: !Ref Sessions } }
      Events: { List: { Type: HttpApi, Properties: { Method: GET, Path: /sessions } } }
`;

const db = `
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
export const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));
`;

const api = `import { run } from './sessions'; export const handler = (event: { accountId: string }) => run(event.accountId);`;

function app(sessions: string): Record<string, string> {
  return {
    'template.yaml': template,
    'src/db.ts': db,
    'src/api.ts': api,
    'src/sessions.ts': sessions,
  };
}

const imports = `import { QueryCommand, paginateQuery } from '@aws-sdk/lib-dynamodb';
import { ddb } from './db';
`;

describe('dynamodb/unhandled-pagination', () => {
  it('reports a Query whose Items are returned as the full list as high', async () => {
    const findings = await runRule(
      unhandledPagination,
      app(`${imports}export async function run(accountId: string) {
  const out = await ddb.send(new QueryCommand({
    TableName: process.env.SESSIONS_TABLE,
    KeyConditionExpression: 'accountId = :a',
    ExpressionAttributeValues: { ':a': accountId },
  }));
  return out.Items ?? [];
}
`),
    );

    expect(findings).toHaveLength(1);
    expect(findings[0]?.severity).toBe('high');
    expect(findings[0]?.location).toMatchObject({ file: 'src/sessions.ts', line: 4 });
    expect(findings[0]?.message).toContain('Query on table "Sessions"');
    expect(findings[0]?.message).toContain('never reads LastEvaluatedKey');
  });

  it('says Limit is applied before the filter for Limit with a FilterExpression (C003)', async () => {
    const findings = await runRule(
      unhandledPagination,
      app(`${imports}export async function run(accountId: string) {
  const out = await ddb.send(new QueryCommand({
    TableName: process.env.SESSIONS_TABLE,
    KeyConditionExpression: 'accountId = :a',
    FilterExpression: '#s = :active',
    ExpressionAttributeNames: { '#s': 'status' },
    ExpressionAttributeValues: { ':a': accountId, ':active': 'ACTIVE' },
    Limit: 1,
  }));
  return out.Items?.[0] ?? null;
}
`),
    );

    expect(findings).toHaveLength(1);
    expect(findings[0]?.severity).toBe('high');
    expect(findings[0]?.location).toMatchObject({ file: 'src/sessions.ts', line: 4 });
    expect(findings[0]?.message).toContain('Limit is applied before the filter');
  });

  it('grades a filtered read of only the first item as medium', async () => {
    const findings = await runRule(
      unhandledPagination,
      app(`${imports}export async function run(accountId: string) {
  const { Items } = await ddb.send(new QueryCommand({
    TableName: process.env.SESSIONS_TABLE,
    KeyConditionExpression: 'accountId = :a',
    FilterExpression: 'active = :t',
    ExpressionAttributeValues: { ':a': accountId, ':t': true },
  }));
  return Items?.[0];
}
`),
    );

    expect(findings.map(finding => finding.severity)).toEqual(['medium']);
    expect(findings[0]?.message).toContain('first match may lie past the first page');
  });

  it('stays silent for Limit without a filter, the first item of an unfiltered read, and a paginator', async () => {
    const findings = await runRule(
      unhandledPagination,
      app(`${imports}export async function run(accountId: string) {
  const latest = await ddb.send(new QueryCommand({
    TableName: process.env.SESSIONS_TABLE,
    KeyConditionExpression: 'accountId = :a',
    ExpressionAttributeValues: { ':a': accountId },
    ScanIndexForward: false,
    Limit: 1,
  }));
  const first = await ddb.send(new QueryCommand({
    TableName: process.env.SESSIONS_TABLE,
    KeyConditionExpression: 'accountId = :a',
    ExpressionAttributeValues: { ':a': accountId },
  }));
  const all = [];
  for await (const page of paginateQuery({ client: ddb }, { TableName: process.env.SESSIONS_TABLE })) {
    all.push(...(page.Items ?? []));
  }
  return [latest.Items?.[0], first.Items?.[0], all];
}
`),
    );

    expect(findings).toEqual([]);
  });

  it('stays silent when the code function follows LastEvaluatedKey', async () => {
    const findings = await runRule(
      unhandledPagination,
      app(`${imports}export async function run(accountId: string) {
  const items = [];
  let start;
  do {
    const page = await ddb.send(new QueryCommand({
      TableName: process.env.SESSIONS_TABLE,
      KeyConditionExpression: 'accountId = :a',
      ExpressionAttributeValues: { ':a': accountId },
      ExclusiveStartKey: start,
    }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}
`),
    );

    expect(findings).toEqual([]);
  });

  it('takes a code function that names LastEvaluatedKey without looping as paging (limitation)', async () => {
    const findings = await runRule(
      unhandledPagination,
      app(`${imports}export async function run(accountId: string) {
  const out = await ddb.send(new QueryCommand({
    TableName: process.env.SESSIONS_TABLE,
    KeyConditionExpression: 'accountId = :a',
    ExpressionAttributeValues: { ':a': accountId },
  }));
  return { items: out.Items, next: out.LastEvaluatedKey };
}
`),
    );

    expect(findings).toEqual([]);
  });

  it('reports a helper that returns the raw response even when its caller pages (limitation)', async () => {
    const findings = await runRule(unhandledPagination, {
      ...app(`${imports}export const fetchPage = (accountId: string) =>
  ddb.send(new QueryCommand({
    TableName: process.env.SESSIONS_TABLE,
    KeyConditionExpression: 'accountId = :a',
    ExpressionAttributeValues: { ':a': accountId },
  }));
export async function run(accountId: string) {
  const page = await fetchPage(accountId);
  return page.LastEvaluatedKey ? [] : page.Items;
}
`),
    });

    expect(findings).toHaveLength(1);
    expect(findings[0]?.location).toMatchObject({ file: 'src/sessions.ts', line: 4 });
  });

  it('reports a one-page read made through ElectroDB, and not one that asks for every page', async () => {
    const findings = await runRule(
      unhandledPagination,
      app(`import { Entity } from 'electrodb';
const Session = new Entity({ model: { entity: 'session' } } as never, { table: process.env.SESSIONS_TABLE });
export const run = async (accountId: string) => (await Session.query.byAccount({ accountId }).go()).data;
export const every = async (accountId: string) =>
  (await Session.query.byAccount({ accountId }).go({ pages: 'all' })).data;
`),
    );

    expect(findings.map(finding => finding.location)).toEqual([
      expect.objectContaining({ file: 'src/sessions.ts', line: 3 }),
    ]);
  });
});
