import { describe, expect, it } from 'vitest';
import { streamFailureHandling } from '../../../src/rules/lambda/stream-failure-handling.js';
import { runRule } from '../../helpers/app.js';

const template = (mappingProperties: string) => `Transform: AWS::Serverless-2016-10-31
Resources:
  LedgerTable:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      KeySchema: [{ AttributeName: entryId, KeyType: HASH }]
      AttributeDefinitions: [{ AttributeName: entryId, AttributeType: S }]
      StreamSpecification: { StreamViewType: NEW_IMAGE }
  StreamFailures:
    Type: AWS::SQS::Queue
  ProjectorFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: src/projector.handler
      Events:
        LedgerStream:
          Type: DynamoDB
          Properties:
            Stream: !GetAtt LedgerTable.StreamArn
            StartingPosition: TRIM_HORIZON
            BatchSize: 100
${mappingProperties}
`;

const code = {
  'src/projector.ts': `
import type { DynamoDBStreamEvent } from 'aws-lambda';
export const handler = async (event: DynamoDBStreamEvent) => {
  for (const record of event.Records) {
    if (!record.dynamodb?.NewImage) throw new Error('malformed record');
  }
};
`,
};

describe('lambda/stream-failure-handling', () => {
  it('reports a stream mapping left at the default retries at the event', async () => {
    const findings = await runRule(streamFailureHandling, {
      ...code,
      'template.yaml': template(''),
    });

    expect(findings).toHaveLength(1);
    expect(findings[0]?.location).toMatchObject({ file: 'template.yaml', line: 17 });
    expect(findings[0]?.message).toContain(
      'Stream mapping "LedgerStream" of Lambda "ProjectorFunction" sets no MaximumRetryAttempts, no BisectBatchOnFunctionError and no OnFailure destination, so',
    );
    expect(findings[0]?.related[0]).toMatchObject({ file: 'template.yaml', line: 12 });
  });

  it('reports MaximumRetryAttempts -1, which retries until the record expires', async () => {
    const findings = await runRule(streamFailureHandling, {
      ...code,
      'template.yaml': template('            MaximumRetryAttempts: -1'),
    });

    expect(findings).toHaveLength(1);
  });

  it('stays silent with capped retries, bisect and an on-failure queue', async () => {
    const findings = await runRule(streamFailureHandling, {
      ...code,
      'template.yaml': template(`            MaximumRetryAttempts: 3
            BisectBatchOnFunctionError: true
            DestinationConfig:
              OnFailure: { Type: SQS, Destination: !GetAtt StreamFailures.Arn }`),
    });

    expect(findings).toEqual([]);
  });

  it('stays silent when an on-failure destination alone is set', async () => {
    const findings = await runRule(streamFailureHandling, {
      ...code,
      'template.yaml': template(`            DestinationConfig:
              OnFailure: { Type: SQS, Destination: !GetAtt StreamFailures.Arn }`),
    });

    expect(findings).toEqual([]);
  });

  it('still reports a mapping bounded only by MaximumRecordAgeInSeconds', async () => {
    const findings = await runRule(streamFailureHandling, {
      ...code,
      'template.yaml': template('            MaximumRecordAgeInSeconds: 3600'),
    });

    expect(findings).toHaveLength(1);
  });

  it('stays silent on a mapping with capped retries and no on-failure destination', async () => {
    const findings = await runRule(streamFailureHandling, {
      ...code,
      'template.yaml': template('            MaximumRetryAttempts: 2'),
    });

    expect(findings).toEqual([]);
  });
});
