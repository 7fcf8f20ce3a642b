import { describe, expect, it } from 'vitest';
import { formatGraphText } from '../../src/report/graph-report.js';
import { analyzeApp } from '../helpers/app.js';

const template = `AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Resources:
  Orders:
    Type: AWS::DynamoDB::Table
    Properties:
      TableName: orders
      KeySchema: [{ AttributeName: orderId, KeyType: HASH }]
      AttributeDefinitions: [{ AttributeName: orderId, AttributeType: S }]
      StreamSpecification: { StreamViewType: NEW_IMAGE }
  Jobs:
    Type: AWS::SQS::Queue
    Properties: { QueueName: order-jobs }
  Events:
    Type: AWS::SNS::Topic
    Properties: { TopicName: order-events }
  Dispatch:
    Type: AWS::Serverless::Function
    Properties:
      Handler: src/dispatch.handler
      Environment: { Variables: { JOBS_URL: !Ref Jobs } }
`;

const dispatch = `import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';
const sqs = new SQSClient({});
export const handler = (id: string) =>
  sqs.send(new SendMessageCommand({ QueueUrl: process.env.JOBS_URL, MessageBody: id }));
`;

describe('formatGraphText', () => {
  it('lists the stream, the queues and topics, and what each Lambda sends', async () => {
    const analysis = await analyzeApp({ 'template.yaml': template, 'src/dispatch.ts': dispatch });

    expect(formatGraphText(analysis)).toBe(`tables (1)
  orders key orderId, stream NEW_IMAGE  (template.yaml:4:3)

queues (1)
  order-jobs  (template.yaml:11:3)

topics (1)
  order-events  (template.yaml:14:3)

lambdas (1)
  Dispatch  linked: handler "src/dispatch.handler" names export "handler" of src/dispatch.ts
      send order-jobs  src/dispatch.ts:4:12
`);
  });
});
