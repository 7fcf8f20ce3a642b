import { describe, expect, it } from 'vitest';
import { scanTerraformFiles } from './terraform-files.js';

const mainTf = `resource "aws_dynamodb_table" "orders" {
  name             = "orders"
  billing_mode     = "PAY_PER_REQUEST"
  hash_key         = "pk"
  range_key        = "sk"
  stream_enabled   = true
  stream_view_type = "NEW_IMAGE"
  deletion_protection_enabled = true

  attribute {
    name = "pk"
    type = "S"
  }

  attribute {
    name = "sk"
    type = "N"
  }

  attribute {
    name = "status"
    type = "S"
  }

  global_secondary_index {
    name            = "byStatus"
    hash_key        = "status"
    range_key       = "sk"
    projection_type = "ALL"
  }

  local_secondary_index {
    name            = "byStatusLocal"
    range_key       = "status"
    projection_type = "KEYS_ONLY"
  }

  point_in_time_recovery {
    enabled = true
  }
}

resource "aws_dynamodb_table" "unnamed" {
  name     = var.table_name
  hash_key = "id"
}
`;

describe('terraform readTables', () => {
  it('reads keys, attribute types, indexes, stream and protection settings', async () => {
    const { table } = await scanTerraformFiles({ 'infra/main.tf': mainTf });
    const orders = table('aws_dynamodb_table.orders');

    expect(orders).toMatchObject({
      id: 'infra#aws_dynamodb_table.orders',
      template: 'infra',
      name: 'orders',
      nameIsLogicalId: false,
      partitionKey: { name: 'pk', type: 'S' },
      sortKey: { name: 'sk', type: 'N' },
      billingMode: 'PAY_PER_REQUEST',
      pointInTimeRecovery: true,
      deletionProtection: true,
      location: { file: 'infra/main.tf', line: 1 },
      stream: { viewType: 'NEW_IMAGE', location: { file: 'infra/main.tf', line: 7 } },
    });
    expect(orders.indexes).toEqual([
      expect.objectContaining({
        name: 'byStatus',
        kind: 'global',
        partitionKey: { name: 'status', type: 'S' },
        sortKey: { name: 'sk', type: 'N' },
      }),
      expect.objectContaining({
        name: 'byStatusLocal',
        kind: 'local',
        partitionKey: { name: 'pk', type: 'S' },
        sortKey: { name: 'status', type: 'S' },
      }),
    ]);
  });

  it('keeps a name that does not resolve as written and labels the table by address', async () => {
    const { table } = await scanTerraformFiles({ 'main.tf': mainTf });

    expect(table('aws_dynamodb_table.unnamed')).toMatchObject({
      name: 'aws_dynamodb_table.unnamed',
      nameIsLogicalId: true,
      nameValue: { kind: 'unresolved', text: 'var.table_name' },
      location: { file: 'main.tf', line: 43 },
      pointInTimeRecovery: false,
    });
  });
});
