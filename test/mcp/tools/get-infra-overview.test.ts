import { describe, expect, it } from 'vitest';
import { toGraphDocument } from '../../../src/graph/graph-document.js';
import type { Snapshot } from '../../../src/mcp/analysis-store.js';
import type { GraphStatus } from '../../../src/mcp/graph-status.js';
import { getInfraOverview } from '../../../src/mcp/tools/get-infra-overview.js';
import { analyzeApp } from '../../helpers/app.js';

const template = `Resources:
  Orders:
    Type: AWS::DynamoDB::Table
    Properties:
      TableName: orders
      KeySchema: [{ AttributeName: id, KeyType: HASH }]
      GlobalSecondaryIndexes:
        - IndexName: byCustomer
          KeySchema: [{ AttributeName: customerId, KeyType: HASH }]
  Jobs:
    Type: AWS::SQS::Queue
`;

describe('get_infra_overview', () => {
  it('says each count in words, singular for one', async () => {
    const analysis = await analyzeApp({ 'template.yaml': template });
    const snapshot: Snapshot = {
      analysis,
      status: {} as GraphStatus,
      document: () => toGraphDocument(analysis.graph),
    };

    const answer = await getInfraOverview.run({}, snapshot, undefined as never);

    expect(answer.text.split('\n')[0]).toBe(
      '1 table, 1 index, 0 Lambdas, 1 queue, 0 topics, 0 streams, 0 entry points, 0 operations',
    );
  });
});
