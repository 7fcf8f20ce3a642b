import { describe, expect, it } from 'vitest';
import { streamFanOut } from '../../../src/rules/dynamodb/stream-fan-out.js';
import { runRule } from '../../helpers/app.js';

const consumer = (name: string, handler: string, table: string, extra = '') => `
  ${name}:
    Type: AWS::Serverless::Function
    Properties:
      Handler: src/consumers.${handler}
      Events:
        Stream:
          Type: DynamoDB
          Properties:
            Stream: !GetAtt ${table}.StreamArn
            StartingPosition: LATEST
            MaximumRetryAttempts: 3${extra}`;

const table = (name: string) => `
  ${name}:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      KeySchema: [{ AttributeName: id, KeyType: HASH }]
      AttributeDefinitions: [{ AttributeName: id, AttributeType: S }]
      StreamSpecification: { StreamViewType: NEW_IMAGE }`;

const template = (consumers: string) => `Transform: AWS::Serverless-2016-10-31
Resources:${table('OrdersTable')}${table('CustomersTable')}${consumers}
`;

const code = {
  'src/consumers.ts': `
import type { DynamoDBStreamEvent } from 'aws-lambda';
const log = (name: string) => async (event: DynamoDBStreamEvent) => {
  for (const record of event.Records) console.log(name, record.eventName);
};
export const audit = log('audit');
export const notify = log('notify');
export const index = log('index');
`,
};

const filtered = `
            FilterCriteria:
              Filters:
                - Pattern: '{"eventName": ["INSERT"]}'`;

describe('dynamodb/stream-fan-out', () => {
  it('reports a third mapping on one stream at the table', async () => {
    const findings = await runRule(streamFanOut, {
      ...code,
      'template.yaml': template(
        consumer('Audit', 'audit', 'OrdersTable') +
          consumer('Notify', 'notify', 'OrdersTable') +
          consumer('SearchIndex', 'index', 'OrdersTable') +
          consumer('CustomerAudit', 'audit', 'CustomersTable'),
      ),
    });

    expect(findings).toHaveLength(1);
    expect(findings[0]?.location).toMatchObject({ file: 'template.yaml', line: 3 });
    expect(findings[0]?.message).toContain('table "OrdersTable" is read by 3');
    expect(findings[0]?.message).toContain('"Audit", "Notify", "SearchIndex"');
    expect(findings[0]?.related.map(related => related.line)).toEqual([9, 22, 33, 44]);
  });

  it('stays silent for two mappings on one stream', async () => {
    const findings = await runRule(streamFanOut, {
      ...code,
      'template.yaml': template(
        consumer('Audit', 'audit', 'CustomersTable') +
          consumer('Notify', 'notify', 'CustomersTable'),
      ),
    });

    expect(findings).toEqual([]);
  });

  it('counts mappings with FilterCriteria as readers', async () => {
    const findings = await runRule(streamFanOut, {
      ...code,
      'template.yaml': template(
        consumer('Audit', 'audit', 'OrdersTable') +
          consumer('Notify', 'notify', 'OrdersTable', filtered) +
          consumer('SearchIndex', 'index', 'OrdersTable', filtered),
      ),
    });

    expect(findings).toHaveLength(1);
  });

  it('takes the number of consumers allowed from maxConsumers', async () => {
    const files = {
      ...code,
      'template.yaml': template(
        consumer('Audit', 'audit', 'OrdersTable') +
          consumer('Notify', 'notify', 'OrdersTable') +
          consumer('SearchIndex', 'index', 'OrdersTable'),
      ),
    };

    expect(await runRule(streamFanOut, files, { maxConsumers: 3 })).toEqual([]);
  });

  it('does not group mappings on a stream named by a literal ARN of another stack', async () => {
    const external = (name: string) => `
  ${name}:
    Type: AWS::Serverless::Function
    Properties:
      Handler: src/consumers.audit
      Events:
        Stream:
          Type: DynamoDB
          Properties:
            Stream: arn:aws:dynamodb:us-east-1:111111111111:table/shared/stream/2024-01-01T00:00:00.000
            StartingPosition: LATEST`;
    const findings = await runRule(streamFanOut, {
      ...code,
      'template.yaml': template(external('A') + external('B') + external('C')),
    });

    expect(findings).toEqual([]);
  });
});
