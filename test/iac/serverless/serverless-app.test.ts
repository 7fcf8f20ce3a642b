import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/analyze.js';
import { silentLogger } from '../../../src/logger.js';
import { configWith, writeOrdersAppTwin } from '../../helpers/app.js';

describe('the Serverless twin of examples/orders-app', () => {
  it('reaches the findings of the SAM application, at serverless.yml lines', async () => {
    const analysis = await analyze(
      writeOrdersAppTwin('serverless-app'),
      configWith(),
      silentLogger,
    );
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
    const analysis = await analyze(
      writeOrdersAppTwin('serverless-app'),
      configWith(),
      silentLogger,
    );

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
