import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AnalysisCache } from '../src/analysis-cache.js';
import type { Analysis } from '../src/analyze.js';
import { analyze } from '../src/analyze.js';
import { silentLogger } from '../src/logger.js';
import { configWith, writeApp, writeOrdersAppTwin } from './helpers/app.js';

const template = `Transform: AWS::Serverless-2016-10-31
Resources:
  Orders:
    Type: AWS::DynamoDB::Table
    Properties:
      TableName: orders
      KeySchema: [{ AttributeName: id, KeyType: HASH }]
  ListOrders:
    Type: AWS::Serverless::Function
    Properties:
      Handler: src/list.handler
      Environment: { Variables: { TABLE: !Ref Orders } }
`;

const list = `import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
const client = new DynamoDBClient({});
export const handler = async () => client.send(new ScanCommand({ TableName: process.env.TABLE }));
`;

const app = { 'template.yaml': template, 'src/list.ts': list, 'README.md': '# orders\n' };

async function analyzeCached(root: string, cache: AnalysisCache, changed?: string[]) {
  return analyze(root, configWith(), silentLogger, {
    cache,
    ...(changed ? { changed: new Set(changed) } : {}),
  });
}

async function startedApp(files: Record<string, string> = app) {
  const root = writeApp(files);
  const cache = new AnalysisCache(root);
  await analyzeCached(root, cache);

  return { root, cache };
}

function tablesOf(analysis: Analysis): string[] {
  return analysis.graph.tables.map(table => table.name).sort();
}

describe('AnalysisCache', () => {
  it('reuses the infrastructure when only a code file changed', async () => {
    const { root, cache } = await startedApp();

    writeFileSync(join(root, 'src/list.ts'), `${list}// edited\n`);
    const analysis = await analyzeCached(root, cache, ['src/list.ts']);

    expect(analysis.cacheUse).toEqual({ infrastructure: 'reused', filesRead: 1, filesParsed: 1 });
    expect(analysis.findings.map(finding => finding.ruleId)).toContain('dynamodb/full-scan');
  });

  it('reads the infrastructure again when a template changed', async () => {
    const { root, cache } = await startedApp();

    const audit = `  Audit:\n    Type: AWS::DynamoDB::Table\n    Properties: { TableName: audit }\n`;
    writeFileSync(join(root, 'template.yaml'), `${template}${audit}`);
    const analysis = await analyzeCached(root, cache, ['template.yaml']);

    expect(analysis.cacheUse).toEqual({ infrastructure: 'read', filesRead: 0, filesParsed: 0 });
    expect(tablesOf(analysis)).toEqual(['audit', 'orders']);
  });

  it('reads the infrastructure again when a code file starts to import the CDK', async () => {
    const { root, cache } = await startedApp();

    writeFileSync(join(root, 'src/stack.ts'), `import { Stack } from 'aws-cdk-lib';\n`);
    const analysis = await analyzeCached(root, cache, ['src/stack.ts']);

    expect(analysis.cacheUse?.infrastructure).toBe('read');
  });

  it('reads the infrastructure again for a file it cannot classify, a CDK assembly or an unknown change', async () => {
    const { root, cache } = await startedApp();

    const byPath: Array<string | undefined> = [];
    for (const file of ['infrawise.yaml', 'main.tf', 'cdk.out/manifest.json', 'serverless.ts']) {
      byPath.push((await analyzeCached(root, cache, [file])).cacheUse?.infrastructure);
    }
    const unknown = await analyzeCached(root, cache);

    expect(byPath).toEqual(['read', 'read', 'read', 'read']);
    expect(unknown.cacheUse?.infrastructure).toBe('read');
  });

  it('reads the infrastructure again when a module a serverless.ts imports changed', async () => {
    const { root, cache } = await startedApp({
      'serverless.ts': `import { HANDLER } from './names';
export default { service: 'orders', provider: { name: 'aws' }, functions: { listOrders: { handler: HANDLER } } };
`,
      'names.ts': "export const HANDLER = 'src/list.handler';\n",
      'src/list.ts': list,
    });

    writeFileSync(join(root, 'names.ts'), "export const HANDLER = 'src/export.handler';\n");
    const analysis = await analyzeCached(root, cache, ['names.ts']);

    expect(analysis.cacheUse?.infrastructure).toBe('read');
    expect(analysis.graph.lambdas.map(lambda => lambda.handler?.text)).toEqual([
      'src/export.handler',
    ]);
  });

  it('reads the infrastructure again on a code change in a CDK app with a cloud assembly', async () => {
    const root = writeOrdersAppTwin('cdk-app');
    const cache = new AnalysisCache(root);
    await analyzeCached(root, cache);

    writeFileSync(join(root, 'src/handlers/get-order.ts'), 'export const handler = 1;\n');
    const analysis = await analyzeCached(root, cache, ['src/handlers/get-order.ts']);

    expect(analysis.cacheUse?.infrastructure).toBe('read');
  });

  it('reads the infrastructure again when a file that Terraform reads through file() changed', async () => {
    const mainTf = `locals {
  config = yamldecode(file("settings.txt"))
}

resource "aws_dynamodb_table" "app" {
  name     = local.config.table_name
  hash_key = "id"
}
`;
    const { root, cache } = await startedApp({
      'main.tf': mainTf,
      'settings.txt': 'table_name: orders\n',
      'src/list.ts': list,
    });

    writeFileSync(join(root, 'settings.txt'), 'table_name: invoices\n');
    const analysis = await analyzeCached(root, cache, ['settings.txt']);

    expect(analysis.cacheUse?.infrastructure).toBe('read');
    expect(tablesOf(analysis)).toEqual(['invoices']);
  });

  it('reuses the infrastructure when a documentation file changed', async () => {
    const { root, cache } = await startedApp();

    writeFileSync(join(root, 'README.md'), '# orders, edited\n');
    const analysis = await analyzeCached(root, cache, ['README.md']);

    expect(analysis.cacheUse?.infrastructure).toBe('reused');
  });

  it('reads everything again when the exclude patterns changed', async () => {
    const { root, cache } = await startedApp();

    const analysis = await analyze(root, { ...configWith(), exclude: ['src/'] }, silentLogger, {
      cache,
      changed: new Set(['infrawise.yaml']),
    });

    expect(analysis.cacheUse?.infrastructure).toBe('read');
    expect(analysis.graph.operations).toEqual([]);
  });

  it('gives the same findings and graph as a run without a cache', async () => {
    const { root, cache } = await startedApp();

    writeFileSync(join(root, 'src/list.ts'), list.replaceAll('ScanCommand', 'GetItemCommand'));
    const cached = await analyzeCached(root, cache, ['src/list.ts']);
    const fresh = await analyze(root, configWith(), silentLogger);

    expect(cached.findings).toEqual(fresh.findings);
    expect(cached.graph.operations).toEqual(fresh.graph.operations);
    expect(cached.sources).toEqual(fresh.sources);
  });
});
