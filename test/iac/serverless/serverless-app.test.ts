import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/analyze.js';
import { silentLogger } from '../../../src/logger.js';
import { configWith, writeApp } from '../../helpers/app.js';

const repository = join(import.meta.dirname, '../../..');
const example = join(repository, 'examples/orders-app');

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap(entry =>
    entry.isDirectory() ? filesUnder(join(folder, entry.name)) : [join(folder, entry.name)],
  );
}

// The code is the example's own, read at test time: copied into test/, its imports of the AWS
// SDK would have to type-check with the project, which does not install the SDK.
function twinApp(): Record<string, string> {
  const files: Record<string, string> = {
    'serverless.yml': readFileSync(
      join(repository, 'test/fixtures/serverless-app/serverless.yml'),
      'utf8',
    ),
    'package.json': readFileSync(join(example, 'package.json'), 'utf8'),
  };
  for (const file of filesUnder(join(example, 'src'))) {
    files[relative(example, file)] = readFileSync(file, 'utf8');
  }

  return files;
}

describe('the Serverless twin of examples/orders-app', () => {
  it('reaches the findings of the SAM application, at serverless.yml lines', async () => {
    const analysis = await analyze(writeApp(twinApp()), configWith(), silentLogger);
    const found = (ruleId: string) =>
      analysis.findings
        .filter(finding => finding.ruleId === ruleId)
        .map(finding => [finding.severity, finding.location.file, finding.location.line]);

    expect(found('dynamodb/full-scan')).toEqual([['high', 'src/lib/orders-repository.ts', 47]]);
    expect(found('dynamodb/hot-partition')).toEqual([['medium', 'serverless.yml', 68]]);
    expect(found('dynamodb/unknown-table')).toEqual([['high', 'src/lib/orders-repository.ts', 38]]);
    expect(
      analysis.findings.find(finding => finding.ruleId === 'dynamodb/hot-partition')?.message,
    ).toContain('Table "orders" is reached by 6 code paths');
    expect(
      analysis.findings.find(finding => finding.ruleId === 'dynamodb/unknown-table')?.message,
    ).toContain('"orders-audit"');
  });

  it('links every function to its handler and reads one table per resource', async () => {
    const analysis = await analyze(writeApp(twinApp()), configWith(), silentLogger);

    expect(
      analysis.graph.tables.map(table => [table.logicalId, table.name, table.template]),
    ).toEqual([
      ['OrdersTable', 'orders', 'serverless.yml'],
      ['CustomersTable', 'CustomersTable', 'serverless.yml'],
    ]);
    expect(
      analysis.graph.lambdaLinks.filter(link => link.entryPoint).map(link => link.file),
    ).toEqual([
      'src/handlers/create-order.ts',
      'src/handlers/get-order.ts',
      'src/handlers/list-orders.ts',
      'src/handlers/update-status.ts',
      'src/handlers/cancel-order.ts',
      'src/handlers/payment-confirmed.ts',
    ]);
  });
});
