import { describe, expect, it } from 'vitest';
import { toGraphDocument } from '../../../src/graph/graph-document.js';
import type { Snapshot } from '../../../src/mcp/analysis-store.js';
import type { GraphStatus } from '../../../src/mcp/graph-status.js';
import { analyzeFunction } from '../../../src/mcp/tools/analyze-function.js';
import { analyzeApp } from '../../helpers/app.js';

const template = `Transform: AWS::Serverless-2016-10-31
Resources:
  Outbox:
    Type: AWS::SQS::Queue
    Properties: { QueueName: outbox }
  Notifier:
    Type: AWS::Serverless::Function
    Properties:
      Handler: src/notify.handler
      Environment: { Variables: { OUTBOX_URL: !Ref Outbox } }
`;

const notify = `import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';
const sqs = new SQSClient({});
export const handler = async () => {
  await sqs.send(new SendMessageCommand({ QueueUrl: process.env.OUTBOX_URL, MessageBody: 'x' }));
};
`;

describe('analyze_function', () => {
  it('lists the queues a Lambda sends to under publishes', async () => {
    const analysis = await analyzeApp({ 'template.yaml': template, 'src/notify.ts': notify });
    const snapshot: Snapshot = {
      analysis,
      status: {} as GraphStatus,
      document: () => toGraphDocument(analysis.graph),
    };

    const answer = await analyzeFunction.run({ name: 'Notifier' }, snapshot, undefined as never);

    const publishes = answer.structured.matches[0]?.publishes ?? [];
    expect(
      publishes.map(({ service, target, location }) => [service, target, location.line]),
    ).toEqual([['sqs', 'outbox', 4]]);
    expect(publishes[0]?.location.file).toBe('src/notify.ts');
  });
});
