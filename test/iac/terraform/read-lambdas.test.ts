import { describe, expect, it } from 'vitest';
import { scanTerraformFiles } from './terraform-files.js';

const lambdaTf = (code: string) => `resource "aws_dynamodb_table" "orders" {
  name     = "orders"
  hash_key = "id"
}

resource "aws_lambda_function" "api" {
  function_name = "orders-api"
  role          = aws_iam_role.api.arn
  runtime       = "nodejs20.x"
  handler       = "index.handler"
  timeout       = 15
  memory_size   = 512
${code}

  environment {
    variables = {
      ORDERS_TABLE = aws_dynamodb_table.orders.name
      ORDERS_ARN   = aws_dynamodb_table.orders.arn
    }
  }
}
`;

describe('terraform readLambdas', () => {
  it('reads settings and environment variables as references to the table', async () => {
    const { lambda } = await scanTerraformFiles({ 'main.tf': lambdaTf('  filename = "api.zip"') });
    const api = lambda('aws_lambda_function.api');

    expect(api).toMatchObject({
      id: '.#aws_lambda_function.api',
      template: '.',
      functionName: 'orders-api',
      runtime: 'nodejs20.x',
      timeout: 15,
      memorySize: 512,
      role: { kind: 'resource', logicalId: 'aws_iam_role.api' },
      location: { file: 'main.tf', line: 6 },
      environment: {
        ORDERS_TABLE: { kind: 'resource', logicalId: 'aws_dynamodb_table.orders' },
        ORDERS_ARN: { kind: 'resource', logicalId: 'aws_dynamodb_table.orders', attribute: 'Arn' },
      },
      environmentLocations: { ORDERS_TABLE: { file: 'main.tf', line: 17 } },
    });
  });

  it('finds the handler under an archive_file source_dir relative to the module', async () => {
    const { lambda } = await scanTerraformFiles({
      'infra/main.tf': `${lambdaTf('  filename = data.archive_file.api.output_path')}
data "archive_file" "api" {
  type        = "zip"
  source_dir  = "\${path.module}/../src"
  output_path = "\${path.module}/api.zip"
}
`,
    });

    expect(lambda('aws_lambda_function.api').handler).toMatchObject({
      exportName: 'handler',
      text: 'index.handler',
      files: expect.arrayContaining(['src/index.ts', 'src/index.js']) as unknown,
    });
    expect(lambda('aws_lambda_function.api').handler?.files[0]).toBe('src/index.ts');
  });

  it('maps a handler in a dist folder back to its source under src', async () => {
    const { lambda } = await scanTerraformFiles({
      'main.tf': `${lambdaTf('  source_code_hash = data.archive_file.api.output_base64sha256')}
data "archive_file" "api" {
  type        = "zip"
  source_file = "dist/index.js"
  output_path = "api.zip"
}
`,
    });

    expect(lambda('aws_lambda_function.api').handler?.files[0]).toBe('src/index.ts');
  });

  it('names the esbuild bundle source after the zip it was packed into', async () => {
    const { lambda } = await scanTerraformFiles({
      'main.tf': lambdaTf('  filename = "dist/create-order.zip"'),
    });

    expect(lambda('aws_lambda_function.api').handler?.files).toEqual(
      expect.arrayContaining(['src/create-order.ts', 'src/handlers/create-order.ts']),
    );
  });

  it('names the source of a bundle an archive_file takes from the build folder', async () => {
    const { lambda } = await scanTerraformFiles({
      'infra/main.tf':
        `${lambdaTf('  source_code_hash = data.archive_file.api.output_base64sha256')}
locals {
  dist = "\${path.module}/../dist"
}

data "archive_file" "api" {
  type        = "zip"
  source_file = "\${local.dist}/ordersRouter.js"
  output_path = "\${local.dist}/ordersRouter.zip"
}
`.replace('"index.handler"', '"ordersRouter.handler"'),
    });
    const files = lambda('aws_lambda_function.api').handler?.files ?? [];

    expect(files[0]).toBe('src/ordersRouter.ts');
    expect(files).toContain('handlers/ordersRouter.ts');
    expect(files).toContain('lambdas/ordersRouter.js');
  });

  it('looks for the handler in the folder an uploaded zip was packed from', async () => {
    const { lambda } = await scanTerraformFiles({
      'infra/main.tf': `${lambdaTf('  s3_key = aws_s3_object.api.key')}
resource "aws_s3_object" "api" {
  bucket = "code"
  key    = "api.zip"
  source = "\${path.root}/../app/handlers/orders-api.zip"
}
`,
    });
    const files = lambda('aws_lambda_function.api').handler?.files ?? [];

    expect(files[0]).toBe('infra/index.ts');
    expect(files).toContain('app/handlers/orders-api/index.js');
  });

  it('gives no handler file for a container image', async () => {
    const { lambda } = await scanTerraformFiles({
      'main.tf': lambdaTf('  package_type = "Image"'),
    });

    expect(lambda('aws_lambda_function.api').handler).toBeUndefined();
  });
});
