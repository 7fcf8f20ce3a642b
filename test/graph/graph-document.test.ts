import { describe, expect, it } from 'vitest';
import { toGraphDocument } from '../../src/graph/graph-document.js';
import { analyzeApp } from '../helpers/app.js';

const template = `
Transform: AWS::Serverless-2016-10-31
Resources:
  Jobs:
    Type: AWS::SQS::Queue
    Properties: { QueueName: jobs }
  Alerts:
    Type: AWS::SNS::Topic
  Sender:
    Type: AWS::Serverless::Function
    Properties:
      Handler: src/send.handler
      Environment:
        Variables: { JOBS_URL: !Ref Jobs, ALERTS_ARN: !Ref Alerts, NEWS_ARN: !GetAtt Alerts.TopicArn }
`;

const sender = `import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';
import { SNSClient, PublishCommand } from '@aws-sdk/client-sns';
const sqs = new SQSClient({});
const sns = new SNSClient({});
export const handler = async () => {
  await sqs.send(new SendMessageCommand({ QueueUrl: process.env.JOBS_URL, MessageBody: 'x' }));
  await sns.send(new PublishCommand({ TopicArn: process.env.ALERTS_ARN, Message: 'y' }));
  await sns.send(new PublishCommand({ TopicArn: process.env.NEWS_ARN, Message: 'z' }));
  await sqs.send(new SendMessageCommand({ QueueUrl: 'https://sqs.eu-west-1.amazonaws.com/1/jobs', MessageBody: 'x' }));
};
`;

function publishEdges(document: ReturnType<typeof toGraphDocument>) {
  return document.edges
    .filter(edge => edge.kind === 'publishes')
    .map(({ from, to, action, resolved, line }) => ({ from, to, action, resolved, line }));
}

describe('publishes edges', () => {
  it('joins queue URLs and topic ARNs from the environment, Ref, GetAtt and literals', async () => {
    const { graph } = await analyzeApp({ 'template.yaml': template, 'src/send.ts': sender });

    expect(publishEdges(toGraphDocument(graph))).toEqual([
      {
        from: 'lambda:template.yaml#Sender',
        to: 'queue:template.yaml#Jobs',
        action: 'send',
        resolved: true,
        line: 6,
      },
      {
        from: 'lambda:template.yaml#Sender',
        to: 'topic:template.yaml#Alerts',
        action: 'publish',
        resolved: true,
        line: 7,
      },
      {
        from: 'lambda:template.yaml#Sender',
        to: 'topic:template.yaml#Alerts',
        action: 'publish',
        resolved: true,
        line: 8,
      },
      {
        from: 'lambda:template.yaml#Sender',
        to: 'queue:template.yaml#Jobs',
        action: 'send',
        resolved: true,
        line: 9,
      },
    ]);
    expect(graph.accesses).toEqual([]);
  });

  it('keeps a queue from an environment no template sets unresolved, from the entry point', async () => {
    const { graph } = await analyzeApp({ 'src/send.ts': sender });

    expect(publishEdges(toGraphDocument(graph))[0]).toEqual({
      from: 'function:src/send.ts#handler',
      to: 'unresolved:process.env.JOBS_URL',
      action: 'send',
      resolved: false,
      line: 6,
    });
  });

  it('names a queue by the last part of a URL that no template defines', async () => {
    const { graph } = await analyzeApp({ 'src/send.ts': sender });

    expect(graph.publishes.map(publish => publish.target).at(-1)).toEqual({
      kind: 'name',
      name: 'jobs',
    });
  });
});
