import { spawnSync } from 'node:child_process';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { describe, expect, it } from 'vitest';
import {
  hasSecretName,
  hiddenText,
  looksLikeCredential,
  withSecretsHidden,
} from '../src/secret-values.js';
import { writeApp } from './helpers/app.js';
import { BIN, call, newClient, textOf } from './mcp/serve-helpers.js';

const SECRETS = [
  'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  'sk_live_4eC39HqLyjWDarjtT1zdp7dc',
  'hunter2-is-my-password',
  'xoxb-123456789012-abcdefghijkl',
  'AKIAIOSFODNN7EXAMPLE',
  'p4ssw0rd-default',
];

const template = `Transform: AWS::Serverless-2016-10-31
Parameters:
  DbPassword: { Type: String, Default: p4ssw0rd-default }
Resources:
  OrdersTable:
    Type: AWS::DynamoDB::Table
    Properties:
      TableName: orders
      KeySchema: [{ AttributeName: id, KeyType: HASH }]
      AttributeDefinitions: [{ AttributeName: id, AttributeType: S }]
  GetOrder:
    Type: AWS::Serverless::Function
    Properties:
      Handler: src/get.handler
      Environment:
        Variables:
          TABLE_NAME: !Ref OrdersTable
          AUTH_TABLE: auth-sessions
          STAGE: prod
          AWS_ACCESS_KEY_ID: AKIAIOSFODNN7EXAMPLE
          AWS_SECRET_ACCESS_KEY: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
          STRIPE_SECRET_KEY: sk_live_4eC39HqLyjWDarjtT1zdp7dc
          DB_PASSWORD: hunter2-is-my-password
          DB_PASSWORD_FROM_PARAMETER: !Ref DbPassword
          NOTIFY_HOOK: xoxb-123456789012-abcdefghijkl
`;

const handler = `import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
const db = new DynamoDBClient({});
export const handler = async () => {
  await db.send(new GetItemCommand({ TableName: process.env.TABLE_NAME, Key: { id: { S: '1' } } }));
  await db.send(new GetItemCommand({ TableName: process.env.AUTH_TABLE, Key: { id: { S: '1' } } }));
};
`;

describe('hasSecretName', () => {
  it('takes names with a secret word or a key that is not a data key as secret', () => {
    const secret = ['DB_PASSWORD', 'stripeSecretKey', 'API_KEY', 'apikey', 'SIGNING_KEY'];
    const plain = ['STAGE', 'TABLE_NAME', 'PARTITION_KEY', 'SORT_KEY', 'KMS_KEY_ARN', 'KEY_NAME'];

    expect(secret.map(hasSecretName)).toEqual([true, true, true, true, true]);
    expect(plain.map(hasSecretName)).toEqual([false, false, false, false, false, false]);
  });
});

describe('looksLikeCredential', () => {
  it('recognises issued credentials and long random strings, not names, ARNs or ids', () => {
    const credentials = [
      'AKIAIOSFODNN7EXAMPLE',
      'sk_test_4eC39HqLyjWDarjtT1zdp7dc',
      'ghp_abcdefghijklmnopqrstuvwxyz0123456789',
      'xoxp-1234567890-abcdef',
      'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl',
      '-----BEGIN RSA PRIVATE KEY-----\nMIIB',
      'postgres://app:s3cret@db.internal:5432/orders',
      'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    ];
    const ordinary = [
      'prod',
      'my-stack-OrdersTable-1A2B3C4D5E6F7',
      '550e8400-e29b-41d4-a716-446655440000',
      'arn:aws:dynamodb:us-east-1:123456789012:table/orders',
      'https://sqs.us-east-1.amazonaws.com/123456789012/orders-queue',
    ];

    expect(credentials.filter(looksLikeCredential)).toEqual(credentials);
    expect(ordinary.filter(looksLikeCredential)).toEqual([]);
  });
});

describe('withSecretsHidden', () => {
  it('hides literals and parameter defaults, keeps references to resources', () => {
    const reference = { kind: 'resource' as const, logicalId: 'OrdersTable' };

    expect(withSecretsHidden('DB_PASSWORD', { kind: 'literal', value: 'hunter2' })).toEqual({
      kind: 'literal',
      value: '(hidden: looks like a secret, 7 characters)',
    });
    expect(
      withSecretsHidden('DB_PASSWORD', { kind: 'parameter', name: 'Db', default: 'x1' }),
    ).toEqual({ kind: 'parameter', name: 'Db', default: hiddenText('x1') });
    expect(withSecretsHidden('API_KEY', reference)).toBe(reference);
    expect(withSecretsHidden('STAGE', { kind: 'literal', value: 'prod' })).toEqual({
      kind: 'literal',
      value: 'prod',
    });
  });
});

describe('secret environment values', () => {
  const root = writeApp({ 'template.yaml': template, 'src/get.ts': handler });

  it('appear in no report or graph the CLI prints', () => {
    const runs = [
      ['analyze', root],
      ['analyze', root, '--format', 'json'],
      ['analyze', root, '--format', 'sarif'],
      ['graph', root],
      ['graph', root, '--format', 'json'],
    ].map(args => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' }));

    expect(runs.map(run => run.status)).toEqual([0, 0, 0, 0, 0]);
    for (const run of runs) {
      for (const secret of SECRETS) {
        expect(run.stdout + run.stderr).not.toContain(secret);
      }
    }
    expect(runs[4]?.stdout).toContain('"STRIPE_SECRET_KEY"');
  });

  it('are hidden by analyze_function, text and structured, while names and references show', async () => {
    const client = newClient();
    await client.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: [BIN, 'serve', root, '--stdio'],
      }),
    );

    const result = await call(client, 'analyze_function', { name: 'GetOrder' });
    await client.close();

    const whole = JSON.stringify(result);
    for (const secret of SECRETS) {
      expect(whole).not.toContain(secret);
    }
    const text = textOf(result);
    expect(text).toContain('env STAGE = prod');
    expect(text).toContain('env TABLE_NAME = orders');
    expect(text).toContain('env AUTH_TABLE = auth-sessions');
    expect(text).toContain(
      'env AWS_SECRET_ACCESS_KEY = (hidden: looks like a secret, 40 characters)',
    );
    expect(text).toContain('env NOTIFY_HOOK = (hidden: looks like a secret, 30 characters)');
    expect(text).toContain(
      'env DB_PASSWORD_FROM_PARAMETER = !Ref DbPassword (default "(hidden: looks like a secret, 16 characters)")',
    );
    const structured = result.structuredContent as {
      matches: Array<{ environment: Array<{ name: string; values: Array<{ value: string }> }> }>;
    };
    const values = Object.fromEntries(
      (structured.matches[0]?.environment ?? []).map(use => [use.name, use.values[0]?.value]),
    );
    expect(values).toMatchObject({
      TABLE_NAME: '!Ref OrdersTable',
      STAGE: 'prod',
      AUTH_TABLE: 'auth-sessions',
      STRIPE_SECRET_KEY: '(hidden: looks like a secret, 32 characters)',
      AWS_ACCESS_KEY_ID: '(hidden: looks like a secret, 20 characters)',
    });
  });
});
