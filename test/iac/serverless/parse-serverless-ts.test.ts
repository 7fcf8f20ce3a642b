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
  it('follows imports through path aliases and re-exports, spreads, and the handlerPath helper', async () => {
    const { lambda, table } = await scanFiles({
      'tsconfig.json': JSON.stringify({
        compilerOptions: {
          baseUrl: '.',
          paths: { '@functions/*': ['src/functions/*'], '@infra': ['src/infra/index'] },
        },
      }),
      'serverless.ts': `import type { AWS } from '@serverless/typescript';
import shipOrder from '@functions/shipOrder';
import { ordersTable } from '@infra';

const config: AWS = {
  service: 'shipping',
  provider: { name: 'aws', runtime: 'nodejs20.x' },
  functions: { shipOrder },
  resources: { Resources: { ...ordersTable } },
};

module.exports = config;
`,
      'src/libs/handler-resolver.ts': `export const handlerPath = (context: string) =>
  \`\${context.split(process.cwd())[1].substring(1).replace(/\\\\/g, '/')}\`;
`,
      'src/functions/shipOrder/index.ts': `import { handlerPath } from '../../libs/handler-resolver';

export default {
  handler: \`\${handlerPath(__dirname)}/handler.main\`,
  environment: { ORDERS_TABLE: { Ref: 'OrdersTable' } },
};
`,
      'src/functions/shipOrder/handler.ts':
        'export const main = async () => ({ statusCode: 200 });\n',
      'src/infra/index.ts': "export * from './tables';\n",
      'src/infra/tables.ts': `export const ordersTable = {
  OrdersTable: {
    Type: 'AWS::DynamoDB::Table',
    Properties: {
      TableName: 'orders',
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
    },
  },
};
`,
    });

    expect(lambda('shipOrder')?.handler).toMatchObject({
      exportName: 'main',
      text: 'src/functions/shipOrder/handler.main',
    });
    expect(lambda('shipOrder')?.handler?.files).toContain('src/functions/shipOrder/handler.ts');
    expect(lambda('shipOrder')?.environment.ORDERS_TABLE).toEqual({
      kind: 'resource',
      logicalId: 'OrdersTable',
    });
    expect(table('OrdersTable')).toMatchObject({
      name: 'orders',
      partitionKey: { name: 'id' },
      location: { file: 'src/infra/tables.ts', line: 2 },
    });
  });

  it('leaves a helper called with __dirname unresolved when it does not read process.cwd()', async () => {
    const { lambda } = await scanFiles({
      'serverless.ts': `const folderOf = (dir: string) => dir.toUpperCase();
export default {
  service: 's',
  provider: { name: 'aws' },
  functions: { a: { handler: \`\${folderOf(__dirname)}/handler.main\` } },
};
`,
    });

    expect(lambda('a')?.handler).toBeUndefined();
  });
});
