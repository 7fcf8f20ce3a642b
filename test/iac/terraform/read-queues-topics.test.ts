import { describe, expect, it } from 'vitest';
import { scanTerraformFiles } from './terraform-files.js';

describe('terraform readQueues and readTopics', () => {
  it('reads a redrive policy written with jsonencode', async () => {
    const { queue } = await scanTerraformFiles({
      'main.tf': `resource "aws_sqs_queue" "dlq" {
  name = "jobs-dlq"
}

resource "aws_sqs_queue" "jobs" {
  name                       = "jobs"
  visibility_timeout_seconds = 180
  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.dlq.arn
    maxReceiveCount     = 5
  })
}
`,
    });

    expect(queue('aws_sqs_queue.jobs')).toMatchObject({
      name: 'jobs',
      visibilityTimeout: 180,
      maxReceiveCount: 5,
      deadLetterTarget: { kind: 'resource', logicalId: 'aws_sqs_queue.dlq', attribute: 'Arn' },
      location: { file: 'main.tf', line: 5 },
      propertyLocations: { VisibilityTimeout: { file: 'main.tf', line: 7, column: 1 } },
    });
  });

  it('reads a redrive policy written as heredoc JSON', async () => {
    const { queue } = await scanTerraformFiles({
      'main.tf': `resource "aws_sqs_queue" "jobs" {
  name           = "jobs"
  redrive_policy = <<EOF
{"deadLetterTargetArn": "\${aws_sqs_queue.dlq.arn}", "maxReceiveCount": 3}
EOF
}
`,
    });

    expect(queue('aws_sqs_queue.jobs')).toMatchObject({
      maxReceiveCount: 3,
      deadLetterTarget: { kind: 'resource', logicalId: 'aws_sqs_queue.dlq', attribute: 'Arn' },
    });
  });

  it('reads a topic and its name', async () => {
    const { topic } = await scanTerraformFiles({
      'main.tf': `resource "aws_sns_topic" "events" {
  name = "order-events"
}
`,
    });

    expect(topic('aws_sns_topic.events')).toMatchObject({
      name: 'order-events',
      nameIsLogicalId: false,
    });
  });
});
