import { describe, expect, it } from 'vitest';
import { partialBatchResponse } from '../../../src/rules/lambda/partial-batch-response.js';
import { runRule } from '../../helpers/app.js';

const template = (responseTypes: string) => `Transform: AWS::Serverless-2016-10-31
Resources:
  DeliveriesQueue:
    Type: AWS::SQS::Queue
  DeliverFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: src/deliver.handler
      Timeout: 60
      Events:
        Deliveries:
          Type: SQS
          Properties:
            Queue: !GetAtt DeliveriesQueue.Arn
            BatchSize: 10
${responseTypes}
`;

const reporting = '            FunctionResponseTypes: [ReportBatchItemFailures]';

const returningFailures = {
  'src/deliver.ts': `
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { postWebhook } from './lib/webhooks';
export const handler = async (event: SQSEvent): Promise<SQSBatchResponse> => {
  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    try {
      await postWebhook(record.body);
    } catch {
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
};
`,
  'src/lib/webhooks.ts':
    'export const postWebhook = async (body: string) => { await fetch(body); };\n',
};

const throwing = {
  'src/deliver.ts': `
import type { SQSEvent } from 'aws-lambda';
export const handler = async (event: SQSEvent) => {
  for (const record of event.Records) await fetch(record.body);
};
`,
};

describe('lambda/partial-batch-response', () => {
  it('reports batchItemFailures returned to a mapping without ReportBatchItemFailures', async () => {
    const findings = await runRule(partialBatchResponse, {
      ...returningFailures,
      'template.yaml': template(''),
    });

    expect(findings).toHaveLength(1);
    expect(findings[0]?.severity).toBe('high');
    expect(findings[0]?.location).toMatchObject({ file: 'template.yaml', line: 11 });
    expect(findings[0]?.message).toContain(
      'returns batchItemFailures, but its mapping "Deliveries"',
    );
    expect(findings[0]?.related[0]).toMatchObject({ file: 'src/deliver.ts', line: 4 });
  });

  it('stays silent when the mapping reports batch item failures', async () => {
    const findings = await runRule(partialBatchResponse, {
      ...returningFailures,
      'template.yaml': template(reporting),
    });

    expect(findings).toEqual([]);
  });

  it('reports ReportBatchItemFailures that no code path uses, at the default severity', async () => {
    const findings = await runRule(partialBatchResponse, {
      ...throwing,
      'template.yaml': template(reporting),
    });

    expect(findings).toHaveLength(1);
    expect(findings[0]?.severity).toBeUndefined();
    expect(findings[0]?.message).toContain('no code path of its handler returns batchItemFailures');
  });

  it('stays silent for a handler that throws on a mapping without the setting', async () => {
    const findings = await runRule(partialBatchResponse, {
      ...throwing,
      'template.yaml': template(''),
    });

    expect(findings).toEqual([]);
  });

  it('reports a Powertools batch processor as if it returned nothing', async () => {
    const findings = await runRule(partialBatchResponse, {
      'src/deliver.ts': `
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
const processor = new BatchProcessor(EventType.SQS);
const deliver = async (record: SQSRecord) => { await fetch(record.body); };
export const handler = async (event: SQSEvent) =>
  processPartialResponse(event, deliver, { processor });
`,
      'template.yaml': template(reporting),
    });

    expect(findings).toHaveLength(1);
  });

  it('counts a return inside a callback as the handler returning it', async () => {
    const findings = await runRule(partialBatchResponse, {
      'src/deliver.ts': `
import type { SQSEvent } from 'aws-lambda';
export const handler = async (event: SQSEvent) => {
  const results = event.Records.map(record => {
    return { batchItemFailures: [{ itemIdentifier: record.messageId }] };
  });
  return results.length;
};
`,
      'template.yaml': template(''),
    });

    expect(findings).toHaveLength(1);
  });
});
