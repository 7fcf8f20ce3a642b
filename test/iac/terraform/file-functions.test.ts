import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanTerraform } from '../../../src/iac/terraform/scan-terraform.js';
import { captureLogger, writeFiles } from '../scan-files.js';
import { scanTerraformFiles } from './terraform-files.js';

const mainTf = `variable "environment" {
  default = "dev"
}

locals {
  config = yamldecode(file("\${path.module}/env/\${var.environment}.yml"))
  limits = jsondecode(file("limits.json"))
}

resource "aws_dynamodb_table" "app" {
  name     = "\${local.config.table_name}-\${var.environment}"
  hash_key = local.config.hash_key

  attribute {
    name = local.config.hash_key
    type = "S"
  }
}

resource "aws_lambda_function" "api" {
  for_each    = local.config.methods
  handler     = "\${lower(each.value)}.handler"
  timeout     = local.limits.timeout
}
`;

describe('terraform file, yamldecode and jsondecode', () => {
  it('reads settings from a YAML or JSON file of the repository', async () => {
    const { table, lambda } = await scanTerraformFiles({
      'infra/main.tf': mainTf,
      'infra/env/dev.yml':
        'table_name: "fruit-table"\nhash_key: id\nmethods:\n  GET: GET\n  PUT: PUT\n',
      'infra/limits.json': '{ "timeout": 12 }',
    });

    expect(table('aws_dynamodb_table.app')).toMatchObject({
      name: 'fruit-table-dev',
      partitionKey: { name: 'id', type: 'S' },
    });
    expect(lambda('aws_lambda_function.api["PUT"]')).toMatchObject({
      timeout: 12,
      handler: { text: 'put.handler' },
    });
  });

  it('leaves a file outside the scanned folder unread', async () => {
    const root = await writeFiles({
      'secret.yml': 'name: orders\n',
      'app/main.tf': `resource "aws_dynamodb_table" "app" {
  name = yamldecode(file("../secret.yml")).name
}
`,
    });
    const scan = await scanTerraform(join(root, 'app'), { logger: captureLogger() });

    expect(scan.resources[0]).toMatchObject({
      name: 'aws_dynamodb_table.app',
      nameValue: { kind: 'unresolved', text: 'yamldecode(file("../secret.yml")).name' },
    });
  });

  it('keeps a template in YAML data as text, not as an expression', async () => {
    const { table } = await scanTerraformFiles({
      'main.tf': `resource "aws_dynamodb_table" "app" {
  name = yamldecode(file("names.yml")).table
}
`,
      'names.yml': 'table: "orders-${var.stage}"\n',
    });

    expect(table('aws_dynamodb_table.app').name).toBe('orders-${var.stage}');
  });
});
