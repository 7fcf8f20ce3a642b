import { describe, expect, it } from 'vitest';
import { scanFiles } from './scan-files.js';

const template = `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Stage: { Type: String, Default: dev }
Resources:
  Dlq:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: !Sub 'jobs-dlq-\${Stage}'
  Jobs:
    Type: AWS::SQS::Queue
    Properties:
      FifoQueue: true
      VisibilityTimeout: 120
      RedrivePolicy:
        deadLetterTargetArn: !GetAtt Dlq.Arn
        maxReceiveCount: 5
  Legacy:
    Type: AWS::SQS::Queue
    Properties:
      RedrivePolicy: '{"deadLetterTargetArn": "arn:aws:sqs:eu-west-1:123456789012:old-dlq", "maxReceiveCount": "3"}'
  Plain:
    Type: AWS::SQS::Queue
  Alerts:
    Type: AWS::SNS::Topic
    Properties:
      TopicName: alerts
      Subscription:
        - Protocol: email
          Endpoint: ops@example.com
  AlertsToJobs:
    Type: AWS::SNS::Subscription
    Properties:
      TopicArn: !Ref Alerts
      Protocol: sqs
      Endpoint: !GetAtt Jobs.Arn
      RedrivePolicy:
        deadLetterTargetArn: !GetAtt Dlq.Arn
`;

describe('readQueues', () => {
  it('reads name, visibility timeout and redrive policy with the property line', async () => {
    const { queue } = await scanFiles({ 'template.yaml': template });

    expect(queue('Jobs')).toMatchObject({
      name: 'Jobs',
      nameIsLogicalId: true,
      fifo: true,
      visibilityTimeout: 120,
      deadLetterTarget: { kind: 'resource', logicalId: 'Dlq', attribute: 'Arn' },
      maxReceiveCount: 5,
      location: { file: 'template.yaml', line: 9 },
      propertyLocations: { VisibilityTimeout: { file: 'template.yaml', line: 13, column: 7 } },
    });
    expect(queue('Dlq')).toMatchObject({ name: 'jobs-dlq-dev', nameIsLogicalId: false });
  });

  it('reads a redrive policy written as a JSON string', async () => {
    const { queue } = await scanFiles({ 'template.yaml': template });

    expect(queue('Legacy')).toMatchObject({
      deadLetterTarget: { kind: 'literal', value: 'arn:aws:sqs:eu-west-1:123456789012:old-dlq' },
      maxReceiveCount: 3,
    });
  });

  it('leaves the visibility timeout unset when the template does not set it', async () => {
    const { queue } = await scanFiles({ 'template.yaml': template });

    expect(queue('Plain').visibilityTimeout).toBeUndefined();
    expect(queue('Plain').deadLetterTarget).toBeUndefined();
  });
});

describe('readTopics', () => {
  it('reads the topic name and its subscriptions with their dead-letter queues', async () => {
    const { topic } = await scanFiles({ 'template.yaml': template });

    expect(topic('Alerts')).toMatchObject({ name: 'alerts', nameIsLogicalId: false });
    expect(topic('Alerts').subscriptions).toEqual([
      {
        protocol: 'email',
        endpoint: { kind: 'literal', value: 'ops@example.com' },
        location: { file: 'template.yaml', line: 28, column: 11 },
      },
      {
        logicalId: 'AlertsToJobs',
        protocol: 'sqs',
        endpoint: { kind: 'resource', logicalId: 'Jobs', attribute: 'Arn' },
        deadLetterTarget: { kind: 'resource', logicalId: 'Dlq', attribute: 'Arn' },
        location: { file: 'template.yaml', line: 30, column: 3 },
      },
    ]);
  });
});
