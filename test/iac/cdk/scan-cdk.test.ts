import { describe, expect, it } from 'vitest';
import type { LambdaResource, TableResource } from '../../../src/iac/resources.js';
import { scanCdk } from '../../../src/iac/cdk/scan-cdk.js';
import { captureLogger, writeFiles } from '../scan-files.js';

const manifest = JSON.stringify(
  {
    version: '36.0.0',
    artifacts: {
      AppStack: {
        type: 'aws:cloudformation:stack',
        environment: 'aws://unknown-account/unknown-region',
        properties: { templateFile: 'AppStack.template.json' },
        displayName: 'AppStack',
      },
    },
  },
  undefined,
  2,
);

const template = JSON.stringify(
  {
    Resources: {
      OrdersTable1234ABCD: {
        Type: 'AWS::DynamoDB::Table',
        Properties: {
          KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
          AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
          TableName: 'orders',
        },
        Metadata: { 'aws:cdk:path': 'AppStack/Orders/Resource' },
      },
      ListOrdersServiceRoleAAAA1111: {
        Type: 'AWS::IAM::Role',
        Properties: { AssumeRolePolicyDocument: { Statement: [] } },
        Metadata: { 'aws:cdk:path': 'AppStack/ListOrders/ServiceRole/Resource' },
      },
      ListOrdersServiceRoleDefaultPolicyBBBB2222: {
        Type: 'AWS::IAM::Policy',
        Properties: {
          PolicyDocument: {
            Statement: [
              {
                Action: ['dynamodb:GetItem', 'dynamodb:Query'],
                Effect: 'Allow',
                Resource: [{ 'Fn::GetAtt': ['OrdersTable1234ABCD', 'Arn'] }],
              },
            ],
          },
          PolicyName: 'ListOrdersServiceRoleDefaultPolicyBBBB2222',
          Roles: [{ Ref: 'ListOrdersServiceRoleAAAA1111' }],
        },
        Metadata: { 'aws:cdk:path': 'AppStack/ListOrders/ServiceRole/DefaultPolicy/Resource' },
      },
      ListOrdersCCCC3333: {
        Type: 'AWS::Lambda::Function',
        Properties: {
          Code: { S3Bucket: 'cdk-assets', S3Key: 'abc.zip' },
          Environment: { Variables: { ORDERS_TABLE: { Ref: 'OrdersTable1234ABCD' } } },
          Handler: 'index.handler',
          Role: { 'Fn::GetAtt': ['ListOrdersServiceRoleAAAA1111', 'Arn'] },
          Runtime: 'nodejs20.x',
        },
        Metadata: {
          'aws:cdk:path': 'AppStack/ListOrders/Resource',
          'aws:asset:path': 'asset.abc',
          'aws:asset:is-bundled': true,
        },
      },
    },
  },
  undefined,
  1,
);

const stack = `import * as path from 'node:path';
import { Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';

export class AppStack extends Stack {
  constructor(scope, id) {
    super(scope, id);
    const orders = new dynamodb.Table(this, 'Orders', {
      tableName: 'orders',
      partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING },
    });
    const list = new NodejsFunction(this, 'ListOrders', {
      entry: path.join(__dirname, '../src/list-orders.ts'),
    });
    orders.grantReadData(list);
  }
}
`;

function lambdasOf(resources: { kind: string }[]): LambdaResource[] {
  return resources.filter((resource): resource is LambdaResource => resource.kind === 'lambda');
}

describe('scanCdk with a cloud assembly', () => {
  it('links a Lambda to the entry its construct names, not to the bundle', async () => {
    const root = await writeFiles({
      'cdk.json': '{ "app": "npx ts-node bin/app.ts" }',
      'cdk.out/manifest.json': manifest,
      'cdk.out/AppStack.template.json': template,
      'infra/app-stack.ts': stack,
    });

    const scan = await scanCdk(root, { logger: captureLogger() });
    const [lambda] = lambdasOf(scan.resources);

    expect(lambda?.handler).toEqual({
      files: ['src/list-orders.ts'],
      exportName: 'handler',
      text: 'handler',
    });
    expect(lambda?.location).toMatchObject({ file: 'cdk.out/AppStack.template.json', line: 68 });
    expect(lambda?.constructLocation).toMatchObject({ file: 'infra/app-stack.ts', line: 13 });
  });

  it('resolves the environment to the table and keeps the policy attached through Roles', async () => {
    const root = await writeFiles({
      'cdk.out/manifest.json': manifest,
      'cdk.out/AppStack.template.json': template,
      'infra/app-stack.ts': stack,
    });

    const scan = await scanCdk(root, { logger: captureLogger() });
    const [lambda] = lambdasOf(scan.resources);
    const table = scan.resources.find(resource => resource.kind === 'table') as TableResource;

    expect(lambda?.environment.ORDERS_TABLE).toEqual({
      kind: 'resource',
      logicalId: 'OrdersTable1234ABCD',
    });
    expect(lambda?.policies).toHaveLength(1);
    expect(lambda?.policies[0]).toMatchObject({
      actions: ['dynamodb:GetItem', 'dynamodb:Query'],
      resources: [{ kind: 'resource', logicalId: 'OrdersTable1234ABCD', attribute: 'Arn' }],
      location: { file: 'cdk.out/AppStack.template.json', line: 40 },
    });
    expect(table.constructLocation).toMatchObject({ file: 'infra/app-stack.ts', line: 9 });
    expect(scan.sources).toContainEqual({
      kind: 'cdk',
      path: 'cdk.out/manifest.json',
      status: 'ok',
    });
  });

  it('ignores a template the manifest does not list', async () => {
    const root = await writeFiles({
      'cdk.out/manifest.json': manifest,
      'cdk.out/AppStack.template.json': template,
      'cdk.out/OldStack.template.json': template,
    });

    const scan = await scanCdk(root, { logger: captureLogger() });

    expect(scan.templatesRead).toBe(1);
    expect(new Set(scan.resources.map(resource => resource.template))).toEqual(
      new Set(['cdk.out/AppStack.template.json']),
    );
  });

  it('reports a manifest that is not JSON as a failed source with its line', async () => {
    const logger = captureLogger();
    const root = await writeFiles({
      'cdk.out/manifest.json':
        '{\n  "version": "36.0.0",\n  "artifacts": {\n    "A": {"type": "x" "b": 1}\n  }\n}\n',
      'cdk.out/AppStack.template.json': template,
      'other/cdk.out/manifest.json': manifest,
      'other/cdk.out/AppStack.template.json': template,
    });

    const scan = await scanCdk(root, { logger });
    const failed = scan.sources.find(source => source.status === 'failed');

    expect(failed).toMatchObject({ kind: 'cdk', path: 'cdk.out/manifest.json', line: 4 });
    expect(logger.warnings[0]).toContain('Skipped "cdk.out/manifest.json": line 4');
    expect(scan.templatesRead).toBe(1);
    expect(lambdasOf(scan.resources).map(lambda => lambda.template)).toEqual([
      'other/cdk.out/AppStack.template.json',
    ]);
  });

  it('falls back to the bundle when the construct id is not static', async () => {
    const root = await writeFiles({
      'cdk.out/manifest.json': manifest,
      'cdk.out/AppStack.template.json': template,
      'cdk.out/asset.abc/index.js':
        '"use strict";\n// src/lib/db.ts\nvar a = 1;\n// src/handlers/list.ts\nvar handler = 1;\n',
      'infra/app-stack.ts': stack.replace("'ListOrders'", '`${name}`'),
    });

    const scan = await scanCdk(root, { logger: captureLogger() });
    const [lambda] = lambdasOf(scan.resources);

    expect(lambda?.handler?.files).toEqual(['src/handlers/list.ts']);
    expect(lambda?.handler?.exportName).toBe('handler');
    expect(lambda?.constructLocation).toBeUndefined();
  });

  it('reads the stacks of a nested stage and a nested stack', async () => {
    const outer = JSON.stringify({
      version: '36.0.0',
      artifacts: {
        assemblyProd: {
          type: 'cdk:cloud-assembly',
          properties: { directoryName: 'assembly-Prod', displayName: 'Prod' },
        },
      },
    });
    const parent = JSON.stringify({
      Resources: {
        TablesNestedStackTablesNestedStackResourceAAAA1111: {
          Type: 'AWS::CloudFormation::Stack',
          Properties: { TemplateURL: 'https://example/tables.json' },
          Metadata: {
            'aws:cdk:path': 'Prod/AppStack/Tables.NestedStack/Tables.NestedStackResource',
            'aws:asset:path': 'ProdAppStackTables1234.nested.template.json',
          },
        },
      },
    });
    const root = await writeFiles({
      'cdk.out/manifest.json': outer,
      'cdk.out/assembly-Prod/manifest.json': manifest,
      'cdk.out/assembly-Prod/AppStack.template.json': parent,
      'cdk.out/assembly-Prod/ProdAppStackTables1234.nested.template.json': template,
    });

    const scan = await scanCdk(root, { logger: captureLogger() });
    const table = scan.resources.find(resource => resource.kind === 'table');

    expect(table?.template).toBe(
      'cdk.out/assembly-Prod/ProdAppStackTables1234.nested.template.json',
    );
    expect(scan.templatesRead).toBe(2);
  });
  it('links a Lambda a construct library makes to the folder its asset was copied from', async () => {
    const handler = 'export const handler = async () => ({ statusCode: 200 });\n';
    const libraryTemplate = template
      .replace('AppStack/ListOrders/Resource', 'AppStack/Feed/LambdaFunction/Resource')
      .replace('"aws:asset:is-bundled": true', '"aws:asset:is-bundled": false');
    const root = await writeFiles({
      'cdk.out/manifest.json': manifest,
      'cdk.out/AppStack.template.json': libraryTemplate,
      'cdk.out/asset.abc/index.mjs': handler,
      'functions/feed/index.mjs': handler,
      'functions/other/index.mjs': 'export const handler = async () => ({ statusCode: 500 });\n',
      'infra/app-stack.ts': stack,
    });

    const scan = await scanCdk(root, { logger: captureLogger() });
    const [lambda] = lambdasOf(scan.resources);

    expect(lambda?.handler).toEqual({
      files: ['functions/feed/index.mjs'],
      exportName: 'handler',
      text: 'index.handler',
    });
    expect(lambda?.providedBy).toBeUndefined();
  });

  it('marks the log retention Lambda the CDK adds as code of aws-cdk-lib', async () => {
    const cdkTemplate = template.replace(
      'AppStack/ListOrders/Resource',
      'AppStack/LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8a/Resource',
    );
    const root = await writeFiles({
      'cdk.out/manifest.json': manifest,
      'cdk.out/AppStack.template.json': cdkTemplate,
      'cdk.out/asset.abc/index.js': '"use strict";var a=1;exports.handler=async()=>a;\n',
    });

    const scan = await scanCdk(root, { logger: captureLogger() });
    const [lambda] = lambdasOf(scan.resources);

    expect(lambda?.providedBy).toBe('aws-cdk-lib');
    expect(lambda?.handler).toBeUndefined();
  });

  it('keeps no handler file inside cdk.out for a Lambda whose source is not found', async () => {
    const root = await writeFiles({
      'cdk.out/manifest.json': manifest,
      'cdk.out/AppStack.template.json': template,
      'cdk.out/asset.abc/index.js': '"use strict";var a=1;exports.handler=async()=>a;\n',
      'infra/app-stack.ts': stack.replace("'ListOrders'", '`${name}`'),
    });

    const scan = await scanCdk(root, { logger: captureLogger() });
    const [lambda] = lambdasOf(scan.resources);

    expect(lambda?.handler).toEqual({ files: [], exportName: 'handler', text: 'index.handler' });
    expect(lambda?.providedBy).toBeUndefined();
  });
});
