import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AnalysisCache } from '../../src/analysis-cache.js';
import type { Analysis } from '../../src/analyze.js';
import { analyze } from '../../src/analyze.js';
import { silentLogger } from '../../src/logger.js';
import { analyzeChange } from '../../src/mcp/analyze-change.js';
import { configWith, writeOrdersAppTwin } from '../helpers/app.js';
import { copyOrdersApp } from './serve-helpers.js';

const scanningGetOrder = `import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { ddb } from '../lib/db';

export const handler = async () => ddb.send(new ScanCommand({ TableName: process.env.ORDERS_TABLE }));
`;

const auditTable = `
  AuditTable:
    Type: AWS::DynamoDB::Table
    Properties:
      TableName: audit
      KeySchema:
        - AttributeName: id
          KeyType: HASH
`;

async function cacheFor(root: string): Promise<AnalysisCache> {
  const cache = new AnalysisCache(root);
  await analyze(root, configWith(), silentLogger, { cache });

  return cache;
}

function view(analysis: Analysis) {
  return {
    findings: analysis.findings.map(finding => finding.fingerprint).sort(),
    tables: analysis.graph.tables.map(table => table.name).sort(),
    lambdas: analysis.graph.lambdas
      .map(lambda => lambda.constructLocation?.file ?? lambda.id)
      .sort(),
    operations: analysis.graph.operations.length,
  };
}

describe('analyzeChange', () => {
  it('parses only the proposed code file through the cache, with the same result as without', async () => {
    const root = copyOrdersApp();
    const cache = await cacheFor(root);
    const file = 'src/handlers/get-order.ts';

    const cached = await analyzeChange(root, configWith(), file, scanningGetOrder, cache);
    const uncached = await analyzeChange(root, configWith(), file, scanningGetOrder);

    expect(cached.cacheUse).toEqual({ infrastructure: 'reused', filesRead: 0, filesParsed: 1 });
    expect(view(cached)).toEqual(view(uncached));
    expect(cached.findings.map(finding => finding.location.file)).toContain(file);
  });

  it('reads a proposed template from a copy, with the same result as a full copy', async () => {
    const root = copyOrdersApp();
    const cache = await cacheFor(root);
    const template = `${readFileSync(join(root, 'template.yaml'), 'utf8')}${auditTable}`;

    const cached = await analyzeChange(root, configWith(), 'template.yaml', template, cache);
    const uncached = await analyzeChange(root, configWith(), 'template.yaml', template);

    expect(cached.cacheUse).toEqual({ infrastructure: 'read', filesRead: 0, filesParsed: 0 });
    expect(view(cached).tables).toEqual(['CustomersTable', 'audit', 'orders']);
    expect(view(cached)).toEqual(view(uncached));
    expect(readFileSync(join(root, 'template.yaml'), 'utf8')).not.toContain('AuditTable');
  });

  it('copies the CDK sources of an app not yet synthesized for a proposed change of another file', async () => {
    const root = writeOrdersAppTwin('cdk-app');
    rmSync(join(root, 'cdk.out'), { recursive: true });
    const cache = await cacheFor(root);

    const cached = await analyzeChange(root, configWith(), 'notes.md', '# notes\n', cache);
    const uncached = await analyzeChange(root, configWith(), 'notes.md', '# notes\n');

    expect(view(cached).lambdas).toContain('infra/orders-stack.ts');
    expect(view(cached)).toEqual(view(uncached));
  });
});
