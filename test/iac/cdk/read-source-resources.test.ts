import { describe, expect, it } from 'vitest';
import type { LambdaResource, TableResource } from '../../../src/iac/resources.js';
import { scanCdk } from '../../../src/iac/cdk/scan-cdk.js';
import { captureLogger, writeFiles } from '../scan-files.js';

const app = `import { App } from 'aws-cdk-lib';
import { AppStack } from '../infra/app-stack';

new AppStack(new App(), 'AppStack');
`;

const stack = `import * as path from 'node:path';
import { Stack } from 'aws-cdk-lib';
import { AttributeType, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';

export class AppStack extends Stack {
  constructor(scope, id) {
    super(scope, id);
    const orders = new TableV2(this, 'Orders', {
      tableName: 'orders',
      partitionKey: { name: 'id', type: AttributeType.STRING },
    });
    orders.addGlobalSecondaryIndex({
      indexName: 'byCustomer',
      partitionKey: { name: 'customerId', type: AttributeType.STRING },
    });
    const list = new NodejsFunction(this, 'ListOrders', {
      entry: path.join(__dirname, '../src/list-orders.ts'),
      runtime: lambda.Runtime.NODEJS_20_X,
      environment: { ORDERS_TABLE: orders.tableName },
    });
    orders.grantReadWriteData(list);
    new lambda.Function(this, 'Report', {
      code: lambda.Code.fromAsset('src'),
      handler: 'report.run',
      runtime: lambda.Runtime.NODEJS_20_X,
    });
    new NodejsFunction(this, 'Audit');
  }
}
`;

async function scanSource() {
  const logger = captureLogger();
  const root = await writeFiles({
    'cdk.json': '{ "app": "npx ts-node --prefer-ts-exts bin/app.ts" }',
    'bin/app.ts': app,
    'infra/app-stack.ts': stack,
  });

  return { scan: await scanCdk(root, { logger }), logger };
}

describe('scanCdk without a cloud assembly', () => {
  it('warns once that cdk synth has not run, naming the app entry', async () => {
    const { logger } = await scanSource();

    expect(logger.warnings).toEqual([
      'No cdk.out found next to "bin/app.ts": run "cdk synth" so infrawise can read the synthesized templates.',
    ]);
  });

  it('reads a TableV2 with its keys and an added index at its source line', async () => {
    const { scan } = await scanSource();
    const table = scan.resources.find(resource => resource.kind === 'table') as TableResource;

    expect(table).toMatchObject({
      id: 'infra/app-stack.ts#Orders',
      name: 'orders',
      nameIsLogicalId: false,
      partitionKey: { name: 'id', type: 'S' },
      billingMode: 'PAY_PER_REQUEST',
      location: { file: 'infra/app-stack.ts', line: 10 },
    });
    expect(table.indexes).toMatchObject([
      { name: 'byCustomer', kind: 'global', partitionKey: { name: 'customerId', type: 'S' } },
    ]);
  });

  it('reads a function with its entry, environment and grant', async () => {
    const { scan } = await scanSource();
    const list = scan.resources.find(
      resource => resource.logicalId === 'ListOrders',
    ) as LambdaResource;

    expect(list.handler).toEqual({
      files: ['src/list-orders.ts'],
      exportName: 'handler',
      text: 'handler',
    });
    expect(list.runtime).toBe('nodejs20.x');
    expect(list.environment.ORDERS_TABLE).toEqual({ kind: 'resource', logicalId: 'Orders' });
    expect(list.environmentLocations?.ORDERS_TABLE).toMatchObject({ line: 21 });
    expect(list.policies).toHaveLength(1);
    expect(list.policies[0]?.actions).toContain('dynamodb:PutItem');
    expect(list.policies[0]?.resources).toEqual([
      { kind: 'resource', logicalId: 'Orders', attribute: 'Arn' },
      {
        kind: 'join',
        parts: [
          { kind: 'resource', logicalId: 'Orders', attribute: 'Arn' },
          { kind: 'literal', value: '/index/*' },
        ],
      },
    ]);
    expect(list.policies[0]?.location).toMatchObject({ file: 'infra/app-stack.ts', line: 23 });
  });

  it('reads Code.fromAsset relative to the app root and the default NodejsFunction entry', async () => {
    const { scan } = await scanSource();
    const report = scan.resources.find(
      resource => resource.logicalId === 'Report',
    ) as LambdaResource;
    const audit = scan.resources.find(resource => resource.logicalId === 'Audit') as LambdaResource;

    expect(report.handler?.files[0]).toBe('src/report.ts');
    expect(report.handler?.exportName).toBe('run');
    expect(audit.handler?.files.slice(0, 2)).toEqual([
      'infra/app-stack.Audit.ts',
      'infra/app-stack.Audit.js',
    ]);
  });

  it('reads props spread from a constant of the file', async () => {
    const root = await writeFiles({
      'infra/stack.ts': `import { aws_dynamodb, aws_lambda_nodejs } from 'aws-cdk-lib';
const table = new aws_dynamodb.Table(this, 'Products', { partitionKey: { name: 'id' } });
const settings = { handler: 'main', environment: { TABLE_NAME: table.tableName } };
new aws_lambda_nodejs.NodejsFunction(this, 'GetProducts', { entry: './src/get.ts', ...settings });
`,
    });

    const scan = await scanCdk(root, { logger: captureLogger() });
    const lambda = scan.resources.find(resource => resource.kind === 'lambda') as LambdaResource;

    expect(lambda.handler).toEqual({ files: ['src/get.ts'], exportName: 'main', text: 'main' });
    expect(lambda.environment.TABLE_NAME).toEqual({ kind: 'resource', logicalId: 'Products' });
  });

  it('reports a CDK source file that does not parse with its line', async () => {
    const logger = captureLogger();
    const root = await writeFiles({
      'infra/broken.ts': "import { Stack } from 'aws-cdk-lib';\nconst x = ;\n",
      'infra/app-stack.ts': stack,
    });

    const scan = await scanCdk(root, { logger });

    expect(scan.sources).toContainEqual(
      expect.objectContaining({ kind: 'cdk', path: 'infra/broken.ts', status: 'failed', line: 2 }),
    );
    expect(scan.resources.some(resource => resource.logicalId === 'Orders')).toBe(true);
  });
});
