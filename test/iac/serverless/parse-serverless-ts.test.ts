import { describe, expect, it } from 'vitest';
import { scanFiles } from '../scan-files.js';

describe('parseServerlessTs', () => {
  it('reads the exported object literal with constants, template literals and intrinsics', async () => {
    const { lambda, table } = await scanFiles({
      'serverless.ts': `import type { AWS } from '@serverless/typescript';

const tableName = 'orders';

const serverlessConfiguration: AWS = {
  service: 'orders',
  provider: {
    name: 'aws',
    runtime: 'nodejs20.x',
    environment: {
      ORDERS_TABLE: { Ref: 'OrdersTable' },
      AUDIT_TABLE: \`\${tableName}-audit\`,
      STAGE_TABLE: 'orders-\${sls:stage}',
      HOST: process.env.HOST,
    },
  },
  functions: {
    createOrder: {
      handler: 'src/create.main',
      timeout: 20,
      events: [{ httpApi: { method: 'post', path: '/orders' } }],
    },
  },
  resources: {
    Resources: {
      OrdersTable: {
        Type: 'AWS::DynamoDB::Table',
        Properties: { TableName: tableName },
      },
    },
  },
};

module.exports = serverlessConfiguration;
`,
    });

    expect(lambda('createOrder')).toMatchObject({
      timeout: 20,
      location: { file: 'serverless.ts', line: 18 },
      handler: { exportName: 'main' },
      environment: {
        ORDERS_TABLE: { kind: 'resource', logicalId: 'OrdersTable' },
        AUDIT_TABLE: { kind: 'literal', value: 'orders-audit' },
        STAGE_TABLE: { kind: 'literal', value: 'orders-dev' },
        HOST: { kind: 'unresolved', text: 'process.env.HOST' },
      },
      events: [{ type: 'http-api', method: 'POST', path: '/orders' }],
    });
    expect(table('OrdersTable')).toMatchObject({ name: 'orders', location: { line: 26 } });
  });

  it('reports a file that exports no object literal as failed', async () => {
    const { scan } = await scanFiles({
      'serverless.ts': "import config from './config';\nexport const x = 1;\n",
    });

    expect(scan.sources).toEqual([
      expect.objectContaining({ path: 'serverless.ts', status: 'failed', line: 1 }),
    ]);
  });
});
