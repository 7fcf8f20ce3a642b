import { describe, expect, it } from 'vitest';
import { scanTerraformFiles } from './terraform-files.js';

const functionsTf = `locals {
  functions = {
    create = { handler = "src/create.handler", memory = 256 }
    list   = { handler = "src/list.handler", memory = 128 }
  }
}

resource "aws_dynamodb_table" "orders" {
  for_each = toset(["orders", "archive"])
  name     = "shop-\${each.key}"
  hash_key = "id"
}

resource "aws_lambda_function" "api" {
  for_each      = local.functions
  function_name = "orders-\${each.key}"
  handler       = each.value.handler
  memory_size   = each.value.memory
  runtime       = "nodejs20.x"

  environment {
    variables = {
      TABLE = aws_dynamodb_table.orders["orders"].name
    }
  }
}
`;

describe('terraform for_each', () => {
  it('reads one resource per key of a known map or set', async () => {
    const { scan, lambda, table } = await scanTerraformFiles({ 'main.tf': functionsTf });

    expect(scan.resources.map(resource => resource.logicalId)).toEqual([
      'aws_dynamodb_table.orders["orders"]',
      'aws_dynamodb_table.orders["archive"]',
      'aws_lambda_function.api["create"]',
      'aws_lambda_function.api["list"]',
    ]);
    expect(table('aws_dynamodb_table.orders["archive"]').name).toBe('shop-archive');
    expect(lambda('aws_lambda_function.api["list"]')).toMatchObject({
      functionName: 'orders-list',
      memorySize: 128,
      handler: { exportName: 'handler', text: 'src/list.handler' },
      environment: {
        TABLE: { kind: 'resource', logicalId: 'aws_dynamodb_table.orders["orders"]' },
      },
    });
  });

  it('reads one module instance per key and resolves outputs of each', async () => {
    const { lambda } = await scanTerraformFiles({
      'main.tf': `module "fn" {
  for_each = { get = "GET", put = "PUT" }
  source   = "./modules/fn"
  method   = each.value
}

resource "aws_sqs_queue" "audit" {
  name = "audit-\${module.fn["put"].name}"
}

resource "aws_lambda_function" "auditor" {
  handler = "audit.handler"

  environment {
    variables = {
      PUT_FUNCTION = module.fn["put"].name
    }
  }
}
`,
      'modules/fn/main.tf': `variable "method" {}

resource "aws_lambda_function" "this" {
  function_name = "fruit-\${var.method}"
  handler       = "\${lower(var.method)}.handler"
}

output "name" {
  value = aws_lambda_function.this.function_name
}
`,
    });

    expect(lambda('module.fn["get"].aws_lambda_function.this')).toMatchObject({
      functionName: 'fruit-GET',
      handler: { text: 'get.handler' },
    });
    expect(lambda('aws_lambda_function.auditor').environment.PUT_FUNCTION).toEqual({
      kind: 'resource',
      logicalId: 'module.fn["put"].aws_lambda_function.this',
    });
  });

  it('names the instance a mapping of the same for_each points at with each.key', async () => {
    const { lambda } = await scanTerraformFiles({
      'main.tf': `locals {
  workers = toset(["billing", "email"])
}

resource "aws_sqs_queue" "jobs" {
  for_each = local.workers
  name     = "\${each.key}-jobs"
}

resource "aws_lambda_function" "worker" {
  for_each = local.workers
  handler  = "src/\${each.key}.handler"
}

resource "aws_lambda_event_source_mapping" "jobs" {
  for_each         = local.workers
  event_source_arn = aws_sqs_queue.jobs[each.key].arn
  function_name    = aws_lambda_function.worker[each.key].arn
}
`,
    });

    expect(lambda('aws_lambda_function.worker["email"]').events).toMatchObject([
      {
        name: 'aws_lambda_event_source_mapping.jobs["email"]',
        type: 'sqs',
        source: { kind: 'resource', logicalId: 'aws_sqs_queue.jobs["email"]', attribute: 'Arn' },
      },
    ]);
  });

  it('reads a resource once when its for_each is not known before an apply', async () => {
    const { scan, lambda } = await scanTerraformFiles({
      'main.tf': `variable "names" {}

resource "aws_sqs_queue" "jobs" {
  for_each = var.names
  name     = each.key
}

resource "aws_lambda_function" "worker" {
  handler = "index.handler"

  environment {
    variables = {
      JOBS = aws_sqs_queue.jobs["a"].url
    }
  }
}
`,
    });

    expect(scan.resources.map(resource => resource.logicalId)).toEqual([
      'aws_sqs_queue.jobs',
      'aws_lambda_function.worker',
    ]);
    expect(lambda('aws_lambda_function.worker').environment.JOBS).toEqual({
      kind: 'resource',
      logicalId: 'aws_sqs_queue.jobs',
    });
  });
});
