import { describe, expect, it } from 'vitest';
import { scanTerraformFiles } from './terraform-files.js';

const mainTf = `resource "aws_sqs_queue" "jobs" {
  name = "jobs"
}

resource "aws_dynamodb_table" "ledger" {
  name             = "ledger"
  hash_key         = "id"
  stream_enabled   = true
  stream_view_type = "NEW_IMAGE"
}

resource "aws_lambda_function" "worker" {
  function_name = "worker"
  handler       = "src/worker.handler"
}

resource "aws_lambda_event_source_mapping" "jobs" {
  event_source_arn        = aws_sqs_queue.jobs.arn
  function_name           = aws_lambda_function.worker.arn
  batch_size              = 10
  function_response_types = ["ReportBatchItemFailures"]
}

resource "aws_lambda_event_source_mapping" "ledger" {
  event_source_arn               = aws_dynamodb_table.ledger.stream_arn
  function_name                  = "worker"
  maximum_retry_attempts         = 3
  bisect_batch_on_function_error = true

  destination_config {
    on_failure {
      destination_arn = aws_sqs_queue.jobs.arn
    }
  }
}

resource "aws_apigatewayv2_integration" "worker" {
  integration_uri = aws_lambda_function.worker.invoke_arn
}

resource "aws_apigatewayv2_route" "worker" {
  route_key = "POST /jobs"
  target    = "integrations/\${aws_apigatewayv2_integration.worker.id}"
}

resource "aws_lambda_event_source_mapping" "elsewhere" {
  event_source_arn = aws_sqs_queue.jobs.arn
  function_name    = "not-here"
}
`;

describe('terraform linkEvents', () => {
  it('attaches mappings and routes to the lambda they name', async () => {
    const { lambda } = await scanTerraformFiles({ 'main.tf': mainTf });

    expect(lambda('aws_lambda_function.worker').events).toEqual([
      {
        name: 'aws_lambda_event_source_mapping.jobs',
        type: 'sqs',
        source: { kind: 'resource', logicalId: 'aws_sqs_queue.jobs', attribute: 'Arn' },
        batchSize: 10,
        functionResponseTypes: ['ReportBatchItemFailures'],
        location: { file: 'main.tf', line: 17, column: 1 },
      },
      {
        name: 'aws_lambda_event_source_mapping.ledger',
        type: 'dynamodb',
        source: {
          kind: 'resource',
          logicalId: 'aws_dynamodb_table.ledger',
          attribute: 'StreamArn',
        },
        maximumRetryAttempts: 3,
        bisectBatchOnFunctionError: true,
        onFailureDestination: {
          kind: 'resource',
          logicalId: 'aws_sqs_queue.jobs',
          attribute: 'Arn',
        },
        functionResponseTypes: [],
        location: { file: 'main.tf', line: 24, column: 1 },
      },
      {
        name: 'aws_apigatewayv2_route.worker',
        type: 'http-api',
        method: 'POST',
        path: '/jobs',
        functionResponseTypes: [],
        location: { file: 'main.tf', line: 41, column: 1 },
      },
    ]);
  });

  it('attaches the targets of event rules and schedules with their retries and dead letters', async () => {
    const { lambda } = await scanTerraformFiles({
      'main.tf': `resource "aws_lambda_function" "report" {
  function_name = "report"
  handler       = "index.handler"
}

resource "aws_sqs_queue" "failed" {}

resource "aws_cloudwatch_event_rule" "orders" {
  name          = "orders"
  event_pattern = jsonencode({ source = ["shop.orders"] })
}

resource "aws_cloudwatch_event_target" "orders_report" {
  rule = aws_cloudwatch_event_rule.orders.name
  arn  = aws_lambda_function.report.arn

  retry_policy {
    maximum_retry_attempts = 2
  }

  dead_letter_config {
    arn = aws_sqs_queue.failed.arn
  }
}

resource "aws_cloudwatch_event_target" "orders_archive" {
  rule = aws_cloudwatch_event_rule.orders.name
  arn  = aws_sqs_queue.failed.arn
}

resource "aws_cloudwatch_event_rule" "nightly" {
  schedule_expression = "cron(0 2 * * ? *)"
}

resource "aws_cloudwatch_event_target" "nightly_report" {
  rule = aws_cloudwatch_event_rule.nightly.name
  arn  = aws_lambda_function.report.arn
}

resource "aws_scheduler_schedule" "hourly" {
  schedule_expression = "rate(1 hour)"

  target {
    arn = aws_lambda_function.report.arn
  }
}
`,
    });

    expect(lambda('aws_lambda_function.report').events).toEqual([
      {
        name: 'aws_cloudwatch_event_rule.nightly',
        type: 'schedule',
        functionResponseTypes: [],
        location: { file: 'main.tf', line: 35, column: 1 },
      },
      {
        name: 'aws_cloudwatch_event_rule.orders',
        type: 'eventbridge',
        maximumRetryAttempts: 2,
        deadLetterTarget: {
          kind: 'resource',
          logicalId: 'aws_sqs_queue.failed',
          attribute: 'Arn',
        },
        functionResponseTypes: [],
        location: { file: 'main.tf', line: 13, column: 1 },
      },
      {
        name: 'aws_scheduler_schedule.hourly',
        type: 'schedule',
        functionResponseTypes: [],
        location: { file: 'main.tf', line: 40, column: 1 },
      },
    ]);
  });
});
