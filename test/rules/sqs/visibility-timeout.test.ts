import { describe, expect, it } from 'vitest';
import { visibilityTimeout } from '../../../src/rules/sqs/visibility-timeout.js';
import { runRule } from '../../helpers/app.js';

// Plain CloudFormation: queues reach their workers through event source mappings.
const pair = (name: string, queueTimeout: string, functionTimeout: string) => `
  ${name}Queue:
    Type: AWS::SQS::Queue
    Properties:
${queueTimeout}
      RedrivePolicy: { deadLetterTargetArn: !GetAtt WorkDlq.Arn, maxReceiveCount: 5 }
  ${name}Worker:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: nodejs20.x
      Handler: src/worker.handler
      Role: !GetAtt WorkerRole.Arn
${functionTimeout}
      Code: { S3Bucket: !Ref CodeBucket, S3Key: worker.zip }
  ${name}Mapping:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      EventSourceArn: !GetAtt ${name}Queue.Arn
      FunctionName: !Ref ${name}Worker`;

const template = (pairs: string) => `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  CodeBucket: { Type: String }
Resources:
  WorkerRole:
    Type: AWS::IAM::Role
    Properties:
      ManagedPolicyArns: [arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole]
  WorkDlq:
    Type: AWS::SQS::Queue${pairs}
`;

const code = {
  'src/worker.ts': `
import type { SQSEvent } from 'aws-lambda';
export const handler = async (event: SQSEvent) => event.Records.length;
`,
};

describe('sqs/visibility-timeout', () => {
  it('reports high when the visibility timeout is below the function timeout', async () => {
    const findings = await runRule(visibilityTimeout, {
      ...code,
      'template.yaml': template(pair('Jobs', '      VisibilityTimeout: 120', '      Timeout: 300')),
    });

    expect(findings).toHaveLength(1);
    expect(findings[0]?.severity).toBe('high');
    expect(findings[0]?.location).toMatchObject({ file: 'template.yaml', line: 14 });
    expect(findings[0]?.message).toContain(
      'Queue "JobsQueue" has a visibility timeout of 120 s while Lambda "JobsWorker" that consumes it may run 300 s',
    );
    expect(findings[0]?.related.map(related => related.line)).toEqual([24, 22]);
  });

  it('reports medium when the visibility timeout equals the function timeout', async () => {
    const findings = await runRule(visibilityTimeout, {
      ...code,
      'template.yaml': template(
        pair('Reports', '      VisibilityTimeout: 60', '      Timeout: 60'),
      ),
    });

    expect(findings).toHaveLength(1);
    expect(findings[0]?.severity).toBe('medium');
    expect(findings[0]?.recommendation).toContain('at least 360 s');
  });

  it('stays silent at six times the function timeout', async () => {
    const findings = await runRule(visibilityTimeout, {
      ...code,
      'template.yaml': template(
        pair('Thumbs', '      VisibilityTimeout: 360', '      Timeout: 60'),
      ),
    });

    expect(findings).toEqual([]);
  });

  it('compares the AWS defaults, 30 s and 3 s, when neither is set', async () => {
    const findings = await runRule(visibilityTimeout, {
      ...code,
      'template.yaml': template(pair('Plain', '      DelaySeconds: 0', '      MemorySize: 128')),
    });

    expect(findings).toEqual([]);
  });

  it('takes a timeout from a parameter without a default as unset', async () => {
    const findings = await runRule(visibilityTimeout, {
      ...code,
      'template.yaml': template(
        pair('Tuned', '      VisibilityTimeout: !Ref QueueTimeout', '      Timeout: 20'),
      ).replace('Parameters:', 'Parameters:\n  QueueTimeout: { Type: Number }'),
    });

    expect(findings).toHaveLength(1);
    expect(findings[0]?.message).toContain('visibility timeout of 30 s (the default)');
  });

  it('does not add the batching window to the recommended timeout', async () => {
    const findings = await runRule(visibilityTimeout, {
      ...code,
      'template.yaml': template(
        pair('Batched', '      VisibilityTimeout: 360', '      Timeout: 60'),
      ).replace(
        'FunctionName: !Ref BatchedWorker',
        'FunctionName: !Ref BatchedWorker\n      MaximumBatchingWindowInSeconds: 60',
      ),
    });

    expect(findings).toEqual([]);
  });
});
