import { describe, expect, it } from 'vitest';
import type { LambdaResource } from '../../src/iac/resources.js';
import { analyzeApp } from '../helpers/app.js';

const template = `Transform: AWS::Serverless-2016-10-31
Resources:
  MetricsTable:
    Type: AWS::DynamoDB::Table
    Properties:
      KeySchema: [{ AttributeName: pk, KeyType: HASH }]
      AttributeDefinitions: [{ AttributeName: pk, AttributeType: S }]
  MetricsQueue:
    Type: AWS::SQS::Queue
  PublishMetric:
    Type: AWS::Serverless::Function
    Properties:
      Handler: src/app.handler
  PublishToTable:
    Type: AWS::Serverless::Connector
    Properties:
      Source: { Id: PublishMetric }
      Destination: { Id: MetricsTable }
      Permissions: [Write]
  QueueToPublish:
    Type: AWS::Serverless::Connector
    Properties:
      Source: { Id: MetricsQueue }
      Destination: { Id: PublishMetric }
      Permissions: [Read, Write]
`;

async function lambdaOf(templateText: string): Promise<LambdaResource | undefined> {
  const analysis = await analyzeApp({ 'template.yaml': templateText });

  return analysis.graph.lambdas[0];
}

describe('SAM connectors', () => {
  it('grants the write actions on the table and its indexes to the source function', async () => {
    const lambda = await lambdaOf(template);

    expect(lambda?.policies).toHaveLength(1);
    expect(lambda?.policies[0]?.actions).toContain('dynamodb:PutItem');
    expect(lambda?.policies[0]?.actions).toContain('dynamodb:UpdateItem');
    expect(lambda?.policies[0]).toMatchObject({
      resources: [
        { kind: 'resource', logicalId: 'MetricsTable', attribute: 'Arn' },
        {
          kind: 'join',
          parts: [
            { kind: 'resource', logicalId: 'MetricsTable', attribute: 'Arn' },
            { kind: 'literal', value: '/index/*' },
          ],
        },
      ],
      fromTemplate: 'AWS::Serverless::Connector',
      location: { file: 'template.yaml', line: 14 },
    });
  });

  it('keeps a connector to something other than a table without actions', async () => {
    const lambda = await lambdaOf(template.replace('Id: MetricsTable', 'Id: MetricsQueue'));

    expect(lambda?.policies[0]?.actions).toEqual([]);
  });
});
