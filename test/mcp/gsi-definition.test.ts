import { describe, expect, it } from 'vitest';
import type { GsiRequest } from '../../src/mcp/gsi-definition.js';
import { gsiDefinition } from '../../src/mcp/gsi-definition.js';

const request: GsiRequest = {
  indexName: 'byStatusAndCreatedAt',
  partitionKey: { name: 'status', type: 'S' },
  sortKey: { name: 'createdAt', type: 'N' },
  provisioned: false,
};

describe('gsiDefinition', () => {
  it('writes a Terraform global_secondary_index block with its attributes', () => {
    const definition = gsiDefinition('terraform', request);

    expect(definition).toContain('global_secondary_index {');
    expect(definition).toContain('  hash_key        = "status"');
    expect(definition).toContain('  range_key       = "createdAt"');
    expect(definition).toContain('  name = "createdAt"\n  type = "N"');
  });

  it('writes a CDK addGlobalSecondaryIndex call with attribute types', () => {
    const definition = gsiDefinition('cdk-typescript', request);

    expect(definition).toContain("indexName: 'byStatusAndCreatedAt'");
    expect(definition).toContain(
      "sortKey: { name: 'createdAt', type: dynamodb.AttributeType.NUMBER }",
    );
  });

  it('writes CloudFormation JSON with throughput for a provisioned table', () => {
    const definition = JSON.parse(
      gsiDefinition('cloudformation-json', { ...request, provisioned: true }),
    ) as { GlobalSecondaryIndexes: Array<Record<string, unknown>> };

    expect(definition.GlobalSecondaryIndexes[0]).toMatchObject({
      IndexName: 'byStatusAndCreatedAt',
      KeySchema: [
        { AttributeName: 'status', KeyType: 'HASH' },
        { AttributeName: 'createdAt', KeyType: 'RANGE' },
      ],
      ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 },
    });
  });
});
