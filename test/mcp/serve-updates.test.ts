import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeFunction } from '../../src/mcp/tools/analyze-function.js';
import { getInfraOverview } from '../../src/mcp/tools/get-infra-overview.js';
import { listFindings } from '../../src/mcp/tools/list-findings.js';
import {
  ask,
  call,
  eventually,
  firstOf,
  serveOrdersAppOverStdio,
  textOf,
} from './serve-helpers.js';

const { root, client } = serveOrdersAppOverStdio();

const auditTable = `
  AuditTable:
    Type: AWS::DynamoDB::Table
    Properties:
      TableName: audit
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions:
        - AttributeName: id
          AttributeType: S
      KeySchema:
        - AttributeName: id
          KeyType: HASH
`;

const scanningGetOrder = `import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { ddb } from '../lib/db';

export const handler = async () => ddb.send(new ScanCommand({ TableName: process.env.ORDERS_TABLE }));
`;

describe('infrawise serve --stdio after saved edits', () => {
  it('reports at start that it read every file and the infrastructure', async () => {
    const overview = await ask(client, getInfraOverview);

    expect(overview.graph.update.infrastructure).toBe('read');
    expect(overview.graph.update.filesParsed).toBe(11);
  });

  it('adds a table saved into the template, reading the infrastructure again', async () => {
    appendFileSync(join(root, 'template.yaml'), auditTable);

    const overview = await eventually(
      async () => await ask(client, getInfraOverview),
      answer => answer.counts.tables === 3,
    );

    expect(overview.counts.tables).toBe(3);
    expect(overview.graph.update).toMatchObject({ infrastructure: 'read', filesParsed: 0 });
  });

  it('reports the scan saved into a handler, parsing that file alone', async () => {
    writeFileSync(join(root, 'src/handlers/get-order.ts'), scanningGetOrder);

    const scans = await eventually(
      async () => await ask(client, listFindings, { rule: 'dynamodb/full-scan' }),
      answer => answer.findings.length === 2,
    );
    const getOrder = await ask(client, analyzeFunction, { name: 'GetOrderFunction' });
    const text = textOf(await call(client, 'get_infra_overview'));

    expect(scans.findings.map(finding => finding.location.file).sort()).toEqual([
      'src/handlers/get-order.ts',
      'src/lib/orders-repository.ts',
    ]);
    expect(firstOf(firstOf(getOrder.matches).tables)).toMatchObject({
      table: 'orders',
      actions: ['scan'],
    });
    // A save may be reported twice; the second update then reads the file and parses nothing.
    expect(scans.graph.update).toMatchObject({ infrastructure: 'reused', filesRead: 1 });
    expect(scans.graph.update.filesParsed).toBeLessThanOrEqual(1);
    expect(text).toMatch(/\([01] code files? parsed, infrastructure reused\)/);
  });
});
