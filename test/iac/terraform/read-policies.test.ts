import { describe, expect, it } from 'vitest';
import { scanTerraformFiles } from './terraform-files.js';

const base = `resource "aws_dynamodb_table" "orders" {
  name     = "orders"
  hash_key = "id"
}

resource "aws_iam_role" "worker" {
  name = "worker"
}

resource "aws_lambda_function" "worker" {
  function_name = "worker"
  role          = aws_iam_role.worker.arn
  handler       = "src/worker.handler"
}
`;

describe('terraform role policies', () => {
  it('reads an aws_iam_role_policy written with jsonencode, keeping references', async () => {
    const { lambda } = await scanTerraformFiles({
      'main.tf': `${base}
resource "aws_iam_role_policy" "worker" {
  role = aws_iam_role.worker.id
  policy = jsonencode({
    Statement = [{
      Effect   = "Allow"
      Action   = ["dynamodb:PutItem", "dynamodb:Query"]
      Resource = [aws_dynamodb_table.orders.arn, "\${aws_dynamodb_table.orders.arn}/index/*"]
    }]
  })
}
`,
    });

    expect(lambda('aws_lambda_function.worker').policies).toEqual([
      {
        effect: 'Allow',
        actions: ['dynamodb:PutItem', 'dynamodb:Query'],
        resources: [
          { kind: 'resource', logicalId: 'aws_dynamodb_table.orders', attribute: 'Arn' },
          {
            kind: 'join',
            parts: [
              { kind: 'resource', logicalId: 'aws_dynamodb_table.orders', attribute: 'Arn' },
              { kind: 'literal', value: '/index/*' },
            ],
          },
        ],
        location: { file: 'main.tf', line: 16, column: 1 },
      },
    ]);
  });

  it('reads an attached aws_iam_policy built from an aws_iam_policy_document', async () => {
    const { lambda } = await scanTerraformFiles({
      'main.tf': `${base}
data "aws_iam_policy_document" "worker" {
  statement {
    effect    = "Allow"
    actions   = ["dynamodb:GetItem"]
    resources = [aws_dynamodb_table.orders.arn]
  }
}

resource "aws_iam_policy" "worker" {
  policy = data.aws_iam_policy_document.worker.json
}

resource "aws_iam_role_policy_attachment" "worker" {
  role       = aws_iam_role.worker.name
  policy_arn = aws_iam_policy.worker.arn
}
`,
    });

    expect(lambda('aws_lambda_function.worker').policies).toEqual([
      {
        effect: 'Allow',
        actions: ['dynamodb:GetItem'],
        resources: [{ kind: 'resource', logicalId: 'aws_dynamodb_table.orders', attribute: 'Arn' }],
        location: { file: 'main.tf', line: 16, column: 1 },
      },
    ]);
  });

  it('reads a heredoc policy and an AWS managed policy attachment', async () => {
    const { lambda } = await scanTerraformFiles({
      'main.tf': `${base}
resource "aws_iam_role_policy" "worker" {
  role   = "worker"
  policy = <<POLICY
{"Statement": [{"Effect": "Deny", "Action": "dynamodb:Scan", "Resource": "\${aws_dynamodb_table.orders.arn}"}]}
POLICY
}

resource "aws_iam_role_policy_attachment" "sqs" {
  role       = aws_iam_role.worker.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole"
}
`,
    });
    const policies = lambda('aws_lambda_function.worker').policies;

    expect(policies[0]).toMatchObject({
      effect: 'Deny',
      actions: ['dynamodb:Scan'],
      resources: [{ kind: 'resource', logicalId: 'aws_dynamodb_table.orders', attribute: 'Arn' }],
    });
    expect(policies[1]).toMatchObject({
      fromTemplate: 'AWSLambdaSQSQueueExecutionRole',
      actions: expect.arrayContaining(['sqs:ReceiveMessage']) as unknown,
      location: { file: 'main.tf', line: 23 },
    });
  });
});
