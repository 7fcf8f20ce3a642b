import { describe, expect, it } from 'vitest';
import { missingDlq } from '../../../src/rules/sqs/missing-dlq.js';
import { runRule } from '../../helpers/app.js';

const template = (queueProperties: string, extra = '') => `AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Resources:
  ChatDlq:
    Type: AWS::SQS::Queue
  ChatQueue:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeout: 1800
${queueProperties}
  AnswerFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      Handler: src/answer.handler
      Timeout: 300
      Events:
        Chat:
          Type: SQS
          Properties:
            Queue: !GetAtt ChatQueue.Arn
            BatchSize: 1${extra}
`;

const code = {
  'src/answer.ts': `
import type { SQSEvent } from 'aws-lambda';
declare function answer(question: string): Promise<void>;
export const handler = async (event: SQSEvent) => {
  for (const record of event.Records) await answer(record.body);
};
`,
};

describe('sqs/missing-dlq', () => {
  it('reports a consumed queue without a redrive policy at the queue', async () => {
    const findings = await runRule(missingDlq, {
      ...code,
      'template.yaml': template('      MessageRetentionPeriod: 345600'),
    });

    expect(findings).toHaveLength(1);
    expect(findings[0]?.location).toMatchObject({ file: 'template.yaml', line: 6 });
    expect(findings[0]?.message).toContain(
      'Queue "ChatQueue" is consumed by Lambda "AnswerFunction" and has no redrive policy',
    );
    expect(findings[0]?.message).toContain('every 1800 s');
    expect(findings[0]?.message).toContain('retention period (345600 s, 4 days by default)');
    expect(findings[0]?.message).not.toContain('maxReceiveCount');
    expect(findings[0]?.related[0]).toMatchObject({ file: 'template.yaml', line: 18 });
  });

  it('stays silent when the queue has a redrive policy', async () => {
    const findings = await runRule(missingDlq, {
      ...code,
      'template.yaml': template(
        '      RedrivePolicy: { deadLetterTargetArn: !GetAtt ChatDlq.Arn, maxReceiveCount: 3 }',
      ),
    });

    expect(findings).toEqual([]);
  });

  it('stays silent on a queue no Lambda consumes', async () => {
    const findings = await runRule(missingDlq, {
      ...code,
      'template.yaml': template(
        '      RedrivePolicy: { deadLetterTargetArn: !GetAtt ChatDlq.Arn, maxReceiveCount: 3 }',
      ).replace('Queue: !GetAtt ChatQueue.Arn', 'Queue: arn:aws:sqs:us-east-1:111111111111:other'),
    });

    expect(findings).toEqual([]);
  });

  it('does not report a consumed queue that is the dead-letter queue of another', async () => {
    const findings = await runRule(missingDlq, {
      ...code,
      'template.yaml': template(
        '      RedrivePolicy: { deadLetterTargetArn: !GetAtt ChatDlq.Arn, maxReceiveCount: 3 }',
        `
        Redrive:
          Type: SQS
          Properties:
            Queue: !GetAtt ChatDlq.Arn`,
      ),
    });

    expect(findings).toEqual([]);
  });

  it('describes the 4-day default retention whatever MessageRetentionPeriod says', async () => {
    const findings = await runRule(missingDlq, {
      ...code,
      'template.yaml': template('      MessageRetentionPeriod: 86400'),
    });

    expect(findings[0]?.message).toContain('345600 s');
  });
});
