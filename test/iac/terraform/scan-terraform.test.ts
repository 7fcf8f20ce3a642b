import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/analyze.js';
import { silentLogger } from '../../../src/logger.js';
import { configWith, writeOrdersAppTwin } from '../../helpers/app.js';
import { scanTerraformFiles } from './terraform-files.js';

const moduleTf = `variable "name" {
  type = string
}

variable "suffix" {
  default = "v1"
}

resource "aws_dynamodb_table" "this" {
  name     = "\${var.name}-\${var.suffix}"
  hash_key = "id"
}

output "table_name" {
  value = aws_dynamodb_table.this.name
}
`;

const rootTf = `variable "stage" {
  default = "dev"
}

locals {
  prefix = "shop-\${var.stage}"
}

module "orders" {
  source = "./modules/table"
  name   = "\${local.prefix}-orders"
}

resource "aws_lambda_function" "api" {
  function_name = "api"
  handler       = "src/api.handler"

  environment {
    variables = {
      ORDERS_TABLE = module.orders.table_name
      UNKNOWN      = module.remote.table_name
    }
  }
}

module "remote" {
  source = "terraform-aws-modules/dynamodb-table/aws"
}
`;

describe('scanTerraform', () => {
  it('reads a local module with its inputs bound and its outputs available', async () => {
    const { table, lambda } = await scanTerraformFiles({
      'main.tf': rootTf,
      'modules/table/main.tf': moduleTf,
    });

    expect(table('module.orders.aws_dynamodb_table.this')).toMatchObject({
      id: '.#module.orders.aws_dynamodb_table.this',
      template: '.',
      name: 'shop-dev-orders-v1',
      location: { file: 'modules/table/main.tf', line: 9 },
    });
    expect(lambda('aws_lambda_function.api').environment).toEqual({
      ORDERS_TABLE: { kind: 'resource', logicalId: 'module.orders.aws_dynamodb_table.this' },
      UNKNOWN: { kind: 'unresolved', text: 'module.remote.table_name' },
    });
  });

  it('takes variable values from terraform.tfvars over defaults', async () => {
    const { table } = await scanTerraformFiles({
      'main.tf': rootTf,
      'terraform.tfvars': 'stage = "prod"\n',
      'modules/table/main.tf': moduleTf,
    });

    expect(table('module.orders.aws_dynamodb_table.this').name).toBe('shop-prod-orders-v1');
  });

  it('keeps the default when var files disagree on a variable', async () => {
    const { table } = await scanTerraformFiles({
      'main.tf': rootTf,
      'dev.tfvars': 'stage = "qa"\n',
      'prod.tfvars': 'stage = "live"\n',
      'modules/table/main.tf': moduleTf,
    });

    expect(table('module.orders.aws_dynamodb_table.this').name).toBe('shop-dev-orders-v1');
  });

  it('reports a broken file with its line and still reads the others', async () => {
    const { scan, logger } = await scanTerraformFiles({
      'broken.tf': 'resource "aws_sqs_queue" "jobs" {\n  name = \n}\n',
      'tables.tf': 'resource "aws_dynamodb_table" "orders" {\n  name = "orders"\n}\n',
    });

    expect(scan.sources).toEqual([
      expect.objectContaining({ kind: 'terraform', path: 'broken.tf', status: 'failed', line: 2 }),
      { kind: 'terraform', path: 'tables.tf', status: 'ok' },
    ]);
    expect(scan.resources.map(resource => resource.logicalId)).toEqual([
      'aws_dynamodb_table.orders',
    ]);
    expect(logger.warnings[0]).toMatch(/^Skipped "broken.tf": line 2: Invalid expression/);
  });

  it('skips .terraform and gitignored folders', async () => {
    const queue = 'resource "aws_sqs_queue" "jobs" {\n  name = "jobs"\n}\n';
    const { scan } = await scanTerraformFiles({
      '.gitignore': 'generated/\n',
      '.terraform/modules/x/main.tf': queue,
      'generated/main.tf': queue,
      'infra/main.tf': queue,
    });

    expect(scan.sources.map(source => source.path)).toEqual(['infra/main.tf']);
  });
});

describe('the Terraform twin of the orders app', () => {
  const root = writeOrdersAppTwin('terraform-app');

  it('reaches the findings of the SAM orders app', async () => {
    const analysis = await analyze(root, configWith(), silentLogger);
    const found = (ruleId: string) =>
      analysis.findings
        .filter(finding => finding.ruleId === ruleId)
        .map(finding => ({
          severity: finding.severity,
          file: finding.location.file,
          line: finding.location.line,
          message: finding.message,
        }));

    expect(found('dynamodb/full-scan')).toEqual([
      expect.objectContaining({
        severity: 'high',
        file: 'src/lib/orders-repository.ts',
        line: 47,
        message: expect.stringContaining('table "orders"') as unknown,
      }),
    ]);
    expect(found('dynamodb/hot-partition')).toEqual([
      expect.objectContaining({
        severity: 'medium',
        file: 'modules/tables/main.tf',
        line: 10,
        message: expect.stringContaining('reached by 6 code paths') as unknown,
      }),
    ]);
    expect(found('dynamodb/unknown-table')).toEqual([
      expect.objectContaining({
        severity: 'high',
        file: 'src/lib/orders-repository.ts',
        line: 38,
        message: expect.stringContaining('"orders-audit"') as unknown,
      }),
    ]);
  });
});
