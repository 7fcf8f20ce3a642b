import { describe, expect, it } from 'vitest';
import { scanFiles } from '../scan-files.js';

const service = `service: events
provider: { name: aws, runtime: nodejs20.x }
functions:
  api:
    handler: api.handler
    events:
      - http: GET users/{id}
      - http: { method: post, path: /users }
      - httpApi: 'PUT /users/{id}'
      - httpApi: '*'
      - httpApi: { method: delete, path: '/users/{id}' }
  worker:
    handler: worker.handler
    events:
      - sqs: arn:aws:sqs:eu-west-1:123456789012:jobs
      - sqs:
          arn: !GetAtt Jobs.Arn
          batchSize: 5
          functionResponseType: ReportBatchItemFailures
      - sns: orders-created
      - sns: { arn: !Ref Alerts }
  streamer:
    handler: streamer.handler
    events:
      - stream:
          type: dynamodb
          arn: !GetAtt Orders.StreamArn
          batchSize: 100
          maximumRetryAttempts: 2
          bisectBatchOnFunctionError: true
          destinations:
            onFailure: !GetAtt Failures.Arn
          functionResponseType: ReportBatchItemFailures
      - stream: arn:aws:kinesis:eu-west-1:123456789012:stream/clicks
      - schedule: rate(1 hour)
      - eventBridge:
          pattern: { source: [orders] }
resources:
  Resources:
    Jobs: { Type: AWS::SQS::Queue }
    Failures: { Type: AWS::SQS::Queue }
    Alerts: { Type: AWS::SNS::Topic }
    Orders:
      Type: AWS::DynamoDB::Table
      Properties:
        StreamSpecification: { StreamViewType: NEW_IMAGE }
`;

describe('readServerlessEvents', () => {
  it('reads http and httpApi routes in their string and map forms', async () => {
    const { lambda } = await scanFiles({ 'serverless.yml': service });

    expect(
      lambda('api').events.map(event => [event.name, event.type, event.method, event.path]),
    ).toEqual([
      ['api-http-1', 'api', 'GET', '/users/{id}'],
      ['api-http-2', 'api', 'POST', '/users'],
      ['api-httpApi-1', 'http-api', 'PUT', '/users/{id}'],
      ['api-httpApi-2', 'http-api', 'ANY', undefined],
      ['api-httpApi-3', 'http-api', 'DELETE', '/users/{id}'],
    ]);
    expect(lambda('api').events[0]?.location).toMatchObject({ file: 'serverless.yml', line: 7 });
  });

  it('reads queue and topic sources as ARNs, names and resources', async () => {
    const { lambda } = await scanFiles({ 'serverless.yml': service });
    const [plainQueue, queue, topicName, topic] = lambda('worker').events;

    expect(plainQueue).toMatchObject({
      type: 'sqs',
      source: { kind: 'literal', value: 'arn:aws:sqs:eu-west-1:123456789012:jobs' },
    });
    expect(queue).toMatchObject({
      type: 'sqs',
      source: { kind: 'resource', logicalId: 'Jobs', attribute: 'Arn' },
      batchSize: 5,
      functionResponseTypes: ['ReportBatchItemFailures'],
    });
    expect(topicName).toMatchObject({
      type: 'sns',
      source: { kind: 'literal', value: 'orders-created' },
    });
    expect(topic).toMatchObject({ type: 'sns', source: { kind: 'resource', logicalId: 'Alerts' } });
  });

  it('reads stream settings, schedules and event rules', async () => {
    const { lambda } = await scanFiles({ 'serverless.yml': service });
    const [table, kinesis, schedule, rule] = lambda('streamer').events;

    expect(table).toMatchObject({
      type: 'dynamodb',
      source: { kind: 'resource', logicalId: 'Orders', attribute: 'StreamArn' },
      batchSize: 100,
      maximumRetryAttempts: 2,
      bisectBatchOnFunctionError: true,
      onFailureDestination: { kind: 'resource', logicalId: 'Failures', attribute: 'Arn' },
      functionResponseTypes: ['ReportBatchItemFailures'],
    });
    expect(kinesis).toMatchObject({ type: 'kinesis' });
    expect(schedule).toMatchObject({ type: 'schedule', name: 'streamer-schedule-1' });
    expect(rule).toMatchObject({ type: 'eventbridge', name: 'streamer-eventBridge-1' });
  });
});
