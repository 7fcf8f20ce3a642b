import { describe, expect, it } from 'vitest';
import { scanFiles } from './scan-files.js';

const template = `Transform: AWS::Serverless-2016-10-31
Resources:
  Orders:
    Type: AWS::DynamoDB::Table
    Properties:
      KeySchema: [{ AttributeName: id, KeyType: HASH }]
      StreamSpecification: { StreamViewType: NEW_IMAGE }
  Jobs:
    Type: AWS::SQS::Queue
  Failures:
    Type: AWS::SQS::Queue
  Alerts:
    Type: AWS::SNS::Topic
  Clicks:
    Type: AWS::Kinesis::Stream
  Uploads:
    Type: AWS::S3::Bucket
  Api:
    Type: AWS::Serverless::Function
    Properties:
      Handler: src/api.handler
      Events:
        ListOrders:
          Type: Api
          Properties: { Method: get, Path: /orders }
        CreateOrder:
          Type: HttpApi
          Properties: { Method: POST, Path: /orders }
  Consumer:
    Type: AWS::Serverless::Function
    Properties:
      Handler: src/consumer.handler
      Events:
        FromQueue:
          Type: SQS
          Properties:
            Queue: !GetAtt Jobs.Arn
            BatchSize: 5
            FunctionResponseTypes: [ReportBatchItemFailures]
        FromTopic:
          Type: SNS
          Properties: { Topic: !Ref Alerts }
        FromStream:
          Type: DynamoDB
          Properties:
            Stream: !GetAtt Orders.StreamArn
            StartingPosition: LATEST
            BatchSize: 100
            MaximumRetryAttempts: 3
            BisectBatchOnFunctionError: true
            DestinationConfig:
              OnFailure:
                Destination: !GetAtt Failures.Arn
        FromKinesis:
          Type: Kinesis
          Properties: { Stream: !GetAtt Clicks.Arn, StartingPosition: LATEST }
        Nightly:
          Type: Schedule
          Properties: { Schedule: rate(1 day) }
        Hourly:
          Type: ScheduleV2
          Properties: { ScheduleExpression: rate(1 hour) }
        OnOrder:
          Type: EventBridgeRule
          Properties: { Pattern: { source: [orders] } }
        OnUpload:
          Type: S3
          Properties: { Bucket: !Ref Uploads, Events: s3:ObjectCreated:* }
        Other:
          Type: MQ
          Properties: {}
`;

describe('readSamEvents', () => {
  it('reads API routes with method and path', async () => {
    const { lambda } = await scanFiles({ 'template.yaml': template });

    expect(lambda('Api').events).toEqual([
      {
        name: 'ListOrders',
        type: 'api',
        method: 'GET',
        path: '/orders',
        functionResponseTypes: [],
        location: { file: 'template.yaml', line: 23, column: 9 },
      },
      {
        name: 'CreateOrder',
        type: 'http-api',
        method: 'POST',
        path: '/orders',
        functionResponseTypes: [],
        location: { file: 'template.yaml', line: 26, column: 9 },
      },
    ]);
  });

  it('reads queue, topic, stream, schedule, rule and bucket events with their sources', async () => {
    const { lambda } = await scanFiles({ 'template.yaml': template });
    const events = lambda('Consumer').events;

    expect(events.map(event => [event.name, event.type])).toEqual([
      ['FromQueue', 'sqs'],
      ['FromTopic', 'sns'],
      ['FromStream', 'dynamodb'],
      ['FromKinesis', 'kinesis'],
      ['Nightly', 'schedule'],
      ['Hourly', 'schedule'],
      ['OnOrder', 'eventbridge'],
      ['OnUpload', 's3'],
      ['Other', 'other'],
    ]);
    expect(events[0]).toMatchObject({
      source: { kind: 'resource', logicalId: 'Jobs', attribute: 'Arn' },
      batchSize: 5,
      functionResponseTypes: ['ReportBatchItemFailures'],
    });
    expect(events[1]?.source).toEqual({ kind: 'resource', logicalId: 'Alerts' });
    expect(events[7]?.source).toEqual({ kind: 'resource', logicalId: 'Uploads' });
  });

  it('reads the failure handling of a stream event', async () => {
    const { lambda } = await scanFiles({ 'template.yaml': template });

    expect(lambda('Consumer').events[2]).toEqual({
      name: 'FromStream',
      type: 'dynamodb',
      source: { kind: 'resource', logicalId: 'Orders', attribute: 'StreamArn' },
      batchSize: 100,
      maximumRetryAttempts: 3,
      bisectBatchOnFunctionError: true,
      onFailureDestination: { kind: 'resource', logicalId: 'Failures', attribute: 'Arn' },
      functionResponseTypes: [],
      location: { file: 'template.yaml', line: 43, column: 9 },
    });
  });
});

const mappings = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Jobs:
    Type: AWS::SQS::Queue
  Worker:
    Type: AWS::Lambda::Function
    Properties:
      FunctionName: jobs-worker
      Handler: src/worker.handler
      Role: !GetAtt WorkerRole.Arn
      Code: { S3Bucket: bucket, S3Key: worker.zip }
  WorkerRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
  JobsMapping:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      EventSourceArn: !GetAtt Jobs.Arn
      FunctionName: !Ref Worker
      BatchSize: 10
      FunctionResponseTypes: [ReportBatchItemFailures]
  ByNameMapping:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      EventSourceArn: arn:aws:kinesis:eu-west-1:123456789012:stream/clicks
      FunctionName: arn:aws:lambda:eu-west-1:123456789012:function:jobs-worker
      MaximumRetryAttempts: 2
  Nightly:
    Type: AWS::Events::Rule
    Properties:
      ScheduleExpression: cron(0 2 * * ? *)
      Targets:
        - Id: worker
          Arn: !GetAtt Worker.Arn
          RetryPolicy: { MaximumRetryAttempts: 2 }
          DeadLetterConfig: { Arn: !GetAtt Jobs.Arn }
  Alerts:
    Type: AWS::SNS::Topic
  AlertsSubscription:
    Type: AWS::SNS::Subscription
    Properties:
      TopicArn: !Ref Alerts
      Protocol: lambda
      Endpoint: !GetAtt Worker.Arn
  Orphan:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      EventSourceArn: !GetAtt Jobs.Arn
      FunctionName: somewhere-else
`;

describe('linkTriggers', () => {
  it('attaches an event source mapping to its lambda at the mapping', async () => {
    const { lambda } = await scanFiles({ 'template.yaml': mappings });

    expect(lambda('Worker').events[0]).toEqual({
      name: 'JobsMapping',
      type: 'sqs',
      source: { kind: 'resource', logicalId: 'Jobs', attribute: 'Arn' },
      batchSize: 10,
      functionResponseTypes: ['ReportBatchItemFailures'],
      location: { file: 'template.yaml', line: 16, column: 3 },
    });
  });

  it('finds the lambda of a mapping by function ARN and the type by event source ARN', async () => {
    const { lambda } = await scanFiles({ 'template.yaml': mappings });

    expect(lambda('Worker').events[1]).toMatchObject({
      name: 'ByNameMapping',
      type: 'kinesis',
      maximumRetryAttempts: 2,
      location: { line: 23 },
    });
  });

  it('attaches event rule targets and topic subscriptions', async () => {
    const { lambda } = await scanFiles({ 'template.yaml': mappings });

    expect(lambda('Worker').events.slice(2)).toEqual([
      {
        name: 'Nightly',
        type: 'schedule',
        maximumRetryAttempts: 2,
        deadLetterTarget: { kind: 'resource', logicalId: 'Jobs', attribute: 'Arn' },
        functionResponseTypes: [],
        location: { file: 'template.yaml', line: 34, column: 11 },
      },
      {
        name: 'AlertsSubscription',
        type: 'sns',
        source: { kind: 'resource', logicalId: 'Alerts' },
        functionResponseTypes: [],
        location: { file: 'template.yaml', line: 40, column: 3 },
      },
    ]);
  });

  it('leaves out a mapping whose function no template defines', async () => {
    const { lambda } = await scanFiles({ 'template.yaml': mappings });

    expect(lambda('Worker').events.map(event => event.name)).not.toContain('Orphan');
  });
});
