import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/analyze.js';
import { silentLogger } from '../../../src/logger.js';
import { configWith, writeOrdersAppTwin } from '../../helpers/app.js';

const fixture = writeOrdersAppTwin('cdk-app');

describe('the CDK twin of the orders app', () => {
  it('reaches the findings of the SAM orders app through cdk.out', async () => {
    const analysis = await analyze(fixture, configWith(), silentLogger);
    const found = analysis.findings.map(finding => ({
      rule: finding.ruleId,
      severity: finding.severity,
      file: finding.location.file,
      line: finding.location.line,
    }));

    expect(found).toContainEqual({
      rule: 'dynamodb/full-scan',
      severity: 'high',
      file: 'src/lib/orders-repository.ts',
      line: 47,
    });
    expect(found).toContainEqual({
      rule: 'dynamodb/hot-partition',
      severity: 'medium',
      file: 'cdk.out/OrdersStack.template.json',
      line: 3,
    });
    expect(found).toContainEqual({
      rule: 'dynamodb/unknown-table',
      severity: 'high',
      file: 'src/lib/orders-repository.ts',
      line: 38,
    });
  });

  it('links each Lambda to its handler source, through the construct or the bundle', async () => {
    const analysis = await analyze(fixture, configWith(), silentLogger);
    const lambdas = analysis.graph.lambdas.map(lambda => [
      lambda.logicalId,
      lambda.handler?.files[0],
    ]);

    expect(Object.fromEntries(lambdas)).toEqual({
      CreateOrder8E27E974: 'src/handlers/create-order.ts',
      GetOrder3716CA6D: 'src/handlers/get-order.ts',
      ListOrdersE5402B31: 'src/handlers/list-orders.ts',
      UpdateStatus029A11C6: 'src/handlers/update-status.ts',
      CancelOrder85666E33: 'src/handlers/cancel-order.ts',
      PaymentConfirmed57EF3AD7: 'src/handlers/payment-confirmed.ts',
    });
  });
});
