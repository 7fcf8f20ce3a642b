import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeApp } from '../helpers/app.js';

const BIN = resolve('dist/cli/main.js');
const EXAMPLE = resolve('examples/orders-app');

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function infrawise(args: string[], cwd = process.cwd()): Run {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });

  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const template = `
Transform: AWS::Serverless-2016-10-31
Resources:
  Orders:
    Type: AWS::DynamoDB::Table
    Properties:
      TableName: orders
      KeySchema: [{ AttributeName: orderId, KeyType: HASH }]
      AttributeDefinitions: [{ AttributeName: orderId, AttributeType: S }]
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true }
  Report:
    Type: AWS::Serverless::Function
    Properties:
      Handler: src/report.handler
      Environment: { Variables: { ORDERS_TABLE: !Ref Orders } }
      Policies: [{ DynamoDBReadPolicy: { TableName: !Ref Orders } }]
      Events: { Nightly: { Type: Schedule, Properties: { Schedule: rate(1 day) } } }
`;

// A nightly job that pages through the table with a filter: one medium finding, nothing high.
const mediumOnlyApp = {
  'template.yaml': template,
  'src/report.ts': `
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, paginateScan } from '@aws-sdk/lib-dynamodb';
const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));
export const handler = async () => {
  const pages = paginateScan({ client }, { TableName: process.env.ORDERS_TABLE, FilterExpression: 'paid = :no' });
  let unpaid = 0;
  for await (const page of pages) {
    unpaid += page.Count ?? 0;
  }
  return unpaid;
};
`,
};

describe('infrawise analyze', () => {
  it('prints findings grouped by severity with file:line:column, rule and recommendation', () => {
    const run = infrawise(['analyze', EXAMPLE]);

    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^high \(\d+\)$/m);
    expect(run.stdout).toContain(
      'src/lib/orders-repository.ts:47:33  high  Scan on table "orders"',
    );
    expect(run.stdout).toContain('  rule: dynamodb/full-scan');
    expect(run.stdout).toContain('  recommendation: ');
    expect(run.stdout).toContain(
      'template.yaml:16:3  medium  Table "orders" is reached by 6 code paths',
    );
    expect(run.stdout).toMatch(
      /^12 findings \(6 high, 3 medium, 3 low\) in 11 code files and 1 template\.\n$/m,
    );
  });

  it('prints one JSON document with findings, sources and summary', () => {
    const run = infrawise(['analyze', EXAMPLE, '--format', 'json']);
    const document = JSON.parse(run.stdout) as {
      findings: Array<Record<string, unknown>>;
      sources: Array<Record<string, unknown>>;
      summary: Record<string, unknown>;
    };

    expect(run.status).toBe(0);
    const scan = document.findings.find(finding => finding.ruleId === 'dynamodb/full-scan');
    expect(scan).toMatchObject({
      severity: 'high',
      location: { file: 'src/lib/orders-repository.ts', line: 47, column: 33 },
    });
    expect(scan?.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(document.sources).toContainEqual({
      kind: 'cloudformation',
      path: 'template.yaml',
      status: 'ok',
    });
    expect(document.summary).toMatchObject({ templatesRead: 1, lambdas: 6, lambdasLinked: 6 });
    expect(run.stderr).toMatch(/^\d+ findings .* in \d+ code files and 1 template\.\n$/);
  });
});

describe('infrawise check', () => {
  it('exits 1 when a finding is at or above the default threshold high', () => {
    const run = infrawise(['check', EXAMPLE]);

    expect(run.status).toBe(1);
    expect(run.stdout).toContain('dynamodb/full-scan');
    expect(run.stderr).toMatch(/check: \d+ findings? at or above "high"; exit code 1\./);
  });

  it('exits 0 when findings stay below the threshold, and 1 when the threshold is lowered', () => {
    const root = writeApp(mediumOnlyApp);

    expect(infrawise(['check', root]).status).toBe(0);
    const lowered = infrawise(['check', root, '--fail-on', 'medium']);
    expect(lowered.status).toBe(1);
    expect(lowered.stdout).toContain('src/report.ts:6:17  medium  Scan on table "orders"');
  });

  it('exits 2 on a config with an unknown key and names the key', () => {
    const root = writeApp({
      ...mediumOnlyApp,
      'infrawise.yaml': 'analysis:\n  hotPartitionTreshold: 2\n',
    });
    const run = infrawise(['check', root]);

    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('"analysis.hotPartitionTreshold" is not a setting.');
  });

  it('exits 2 on a --fail-on value that is not a severity', () => {
    const run = infrawise(['check', EXAMPLE, '--fail-on', 'urgent']);

    expect(run.status).toBe(2);
    expect(run.stderr).toContain(
      '--fail-on "urgent" is not a severity. Use "high", "medium" or "low".',
    );
  });

  it('exits 2 when the path is not a directory', () => {
    const run = infrawise(['check', 'no/such/dir']);

    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      '"no/such/dir" is not a directory. Give the path of the repository to scan.\n',
    );
  });

  it('warns about a broken template, marks it failed and goes on with the rest', () => {
    const root = writeApp({
      ...mediumOnlyApp,
      'infra/broken.yaml':
        'Resources:\n  Bad:\n    Type: AWS::SQS::Queue\n    Properties: [unclosed\n',
    });
    const run = infrawise(['check', root, '--fail-on', 'medium', '--format', 'json']);
    const document = JSON.parse(run.stdout) as {
      findings: unknown[];
      sources: Array<Record<string, unknown>>;
    };

    expect(run.status).toBe(1);
    expect(run.stderr).toContain('infra/broken.yaml');
    expect(document.sources).toContainEqual(
      expect.objectContaining({ path: 'infra/broken.yaml', status: 'failed' }),
    );
    expect(document.findings).toHaveLength(1);
  });
});

describe('infrawise graph', () => {
  it('prints nodes, edges and every operation with its target and location', () => {
    const run = infrawise(['graph', EXAMPLE, '--format', 'json']);
    const document = JSON.parse(run.stdout) as {
      nodes: Array<Record<string, unknown>>;
      edges: Array<Record<string, unknown>>;
      operations: Array<Record<string, unknown>>;
    };

    expect(run.status).toBe(0);
    expect(document.nodes).toContainEqual(
      expect.objectContaining({ kind: 'table', name: 'orders' }),
    );
    expect(document.edges).toContainEqual(
      expect.objectContaining({
        kind: 'accesses',
        from: 'lambda:template.yaml#ListOrdersFunction',
        to: 'table:template.yaml#OrdersTable',
        action: 'scan',
        file: 'src/lib/orders-repository.ts',
        line: 47,
      }),
    );
    expect(document.operations).toContainEqual(
      expect.objectContaining({
        action: 'scan',
        file: 'src/lib/orders-repository.ts',
        line: 47,
        targets: [{ resolved: true, table: 'orders' }],
      }),
    );
  });
});
