import { describe, expect, it } from 'vitest';
import { registryModuleOf } from '../../../src/iac/terraform/registry-modules.js';
import { scanTerraformFiles } from './terraform-files.js';

const mainTf = `module "customers" {
  source    = "terraform-aws-modules/dynamodb-table/aws"
  version   = "~> 4.0"
  name      = "customers"
  hash_key  = "pk"
  range_key = "sk"
  attributes = [
    { name = "pk", type = "S" },
    { name = "sk", type = "S" },
    { name = "email", type = "S" },
  ]
  global_secondary_indexes = [
    { name = "by-email", hash_key = "email", projection_type = "ALL" },
  ]
  stream_enabled                 = true
  stream_view_type               = "NEW_IMAGE"
  point_in_time_recovery_enabled = true
}

module "jobs" {
  source     = "terraform-aws-modules/sqs/aws"
  name       = "jobs"
  create_dlq = true
  redrive_policy = {
    maxReceiveCount = 4
  }
}

module "api" {
  source        = "github.com/terraform-aws-modules/terraform-aws-lambda?ref=v7.2.0"
  function_name = "customers-api"
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  timeout       = 10
  source_path   = "\${path.module}/../src/api"

  environment_variables = {
    CUSTOMERS_TABLE = module.customers.dynamodb_table_id
    JOBS_QUEUE      = module.jobs.queue_url
  }

  attach_policy_statements = true
  policy_statements = {
    customers = {
      effect    = "Allow"
      actions   = ["dynamodb:GetItem", "dynamodb:Query"]
      resources = [module.customers.dynamodb_table_arn]
    }
  }

  event_source_mapping = {
    jobs = {
      event_source_arn        = module.jobs.queue_arn
      batch_size              = 5
      function_response_types = ["ReportBatchItemFailures"]
    }
  }
}
`;

describe('terraform registry modules', () => {
  it('reads the table a dynamodb-table module call makes', async () => {
    const { table } = await scanTerraformFiles({ 'infra/main.tf': mainTf });

    expect(table('module.customers.aws_dynamodb_table.this')).toMatchObject({
      name: 'customers',
      partitionKey: { name: 'pk', type: 'S' },
      sortKey: { name: 'sk', type: 'S' },
      indexes: [{ name: 'by-email', kind: 'global', partitionKey: { name: 'email', type: 'S' } }],
      stream: { viewType: 'NEW_IMAGE' },
      pointInTimeRecovery: true,
      location: { file: 'infra/main.tf', line: 1 },
    });
  });

  it('reads the queue and the dead-letter queue an sqs module call makes', async () => {
    const { queue } = await scanTerraformFiles({ 'infra/main.tf': mainTf });

    expect(queue('module.jobs.aws_sqs_queue.this')).toMatchObject({
      name: 'jobs',
      deadLetterTarget: {
        kind: 'resource',
        logicalId: 'module.jobs.aws_sqs_queue.dlq',
        attribute: 'Arn',
      },
      maxReceiveCount: 4,
    });
    expect(queue('module.jobs.aws_sqs_queue.dlq').name).toBe('jobs-dlq');
  });

  it('reads the function, its code, role statements and mappings of a lambda module call', async () => {
    const { lambda } = await scanTerraformFiles({ 'infra/main.tf': mainTf });
    const api = lambda('module.api.aws_lambda_function.this');

    expect(api).toMatchObject({
      functionName: 'customers-api',
      runtime: 'nodejs20.x',
      timeout: 10,
      location: { file: 'infra/main.tf', line: 29 },
      environment: {
        CUSTOMERS_TABLE: {
          kind: 'resource',
          logicalId: 'module.customers.aws_dynamodb_table.this',
        },
        JOBS_QUEUE: { kind: 'resource', logicalId: 'module.jobs.aws_sqs_queue.this' },
      },
      environmentLocations: { CUSTOMERS_TABLE: { file: 'infra/main.tf', line: 38 } },
      role: { kind: 'resource', logicalId: 'module.api.aws_iam_role.lambda' },
      policies: [
        {
          effect: 'Allow',
          actions: ['dynamodb:GetItem', 'dynamodb:Query'],
          resources: [
            {
              kind: 'resource',
              logicalId: 'module.customers.aws_dynamodb_table.this',
              attribute: 'Arn',
            },
          ],
        },
      ],
      events: [
        {
          name: 'module.api.aws_lambda_event_source_mapping.this["jobs"]',
          type: 'sqs',
          batchSize: 5,
          functionResponseTypes: ['ReportBatchItemFailures'],
        },
      ],
    });
    expect(api.handler?.files[0]).toBe('src/api/index.ts');
  });

  it('leaves the role unknown when a policy switch does not resolve', async () => {
    const { lambda } = await scanTerraformFiles({
      'main.tf': `variable "attach" {}

module "api" {
  source                   = "terraform-aws-modules/lambda/aws"
  function_name            = "api"
  handler                  = "index.handler"
  attach_policy_statements = var.attach
  policy_statements        = {}
}
`,
    });

    expect(lambda('module.api.aws_lambda_function.this')).toMatchObject({
      role: { kind: 'unresolved', text: 'module.api.lambda_role_arn' },
      policies: [],
    });
  });

  it('reads no function from a lambda module call that makes a layer', async () => {
    const { scan } = await scanTerraformFiles({
      'main.tf': `module "deps" {
  source       = "terraform-aws-modules/lambda/aws"
  create_layer = true
  layer_name   = "deps"
  source_path  = "layers/deps"
}

module "off" {
  source          = "terraform-aws-modules/lambda/aws"
  create_function = false
  handler         = "index.handler"
}
`,
    });

    expect(scan.resources).toEqual([]);
  });

  it('recognises the registry, GitHub and git sources of the root modules only', () => {
    expect(registryModuleOf('terraform-aws-modules/lambda/aws')).toBe('lambda');
    expect(
      registryModuleOf(
        'git::https://github.com/terraform-aws-modules/terraform-aws-sqs.git?ref=v4',
      ),
    ).toBe('sqs');
    expect(registryModuleOf('terraform-aws-modules/lambda/aws//modules/alias')).toBeUndefined();
    expect(registryModuleOf('terraform-aws-modules/vpc/aws')).toBeUndefined();
  });
});
