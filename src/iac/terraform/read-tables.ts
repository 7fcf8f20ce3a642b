import type { KeyAttribute, TableIndex, TableResource } from '../resources.js';
import type { Configuration } from './configuration.js';
import { argumentLocationOf, baseOf, resourcesOfType } from './configuration.js';
import type { HclObject } from './hcl-value.js';
import { blocksOf, booleanOf, childOf, stringOf } from './hcl-value.js';
import type { TerraformBlock } from './module-instance.js';
import { templateValueOf } from './template-values.js';

export function readTables(configuration: Configuration): TableResource[] {
  return resourcesOfType(configuration, 'aws_dynamodb_table').map(block =>
    readTable(block, configuration),
  );
}

function readTable(block: TerraformBlock, configuration: Configuration): TableResource {
  const body = block.body;
  const types = attributeTypesOf(body);
  const table: TableResource = {
    kind: 'table',
    ...baseOf(block, configuration),
    ...nameOf(block),
    indexes: [
      ...indexesOf(block, 'global_secondary_index', 'global', types),
      ...indexesOf(block, 'local_secondary_index', 'local', types),
    ],
    pointInTimeRecovery: booleanOf(childOf(body, 'point_in_time_recovery', 'enabled')) === true,
    deletionProtection: booleanOf(body.deletion_protection_enabled) === true,
  };
  assignKeys(table, keysOf(body, types, 'hash_key', 'range_key'));
  const billingMode = stringOf(body.billing_mode);
  if (billingMode !== undefined) {
    table.billingMode = billingMode;
  }

  if (booleanOf(body.stream_enabled) === true) {
    const viewType = stringOf(body.stream_view_type);
    const location = argumentLocationOf(block, 'stream_view_type');
    table.stream = viewType === undefined ? { location } : { viewType, location };
  }

  return table;
}

// A name that does not resolve is kept as written, and the address stands in as the label.
function nameOf(block: TerraformBlock) {
  const value = block.body.name;
  const name = stringOf(value);
  if (value === undefined) {
    return { name: block.address, nameIsLogicalId: true };
  }

  const nameValue = templateValueOf(value);

  return name === undefined || name === ''
    ? { name: block.address, nameIsLogicalId: true, nameValue }
    : { name, nameIsLogicalId: false, nameValue };
}

function attributeTypesOf(body: HclObject): Map<string, string> {
  const types = new Map<string, string>();
  for (const attribute of blocksOf(body, 'attribute')) {
    const name = stringOf(attribute.name);
    const type = stringOf(attribute.type);
    if (name !== undefined && type !== undefined) {
      types.set(name, type);
    }
  }

  return types;
}

interface Keys {
  partitionKey?: KeyAttribute;
  sortKey?: KeyAttribute;
}

function keysOf(
  body: HclObject,
  types: Map<string, string>,
  hashKey: string,
  rangeKey: string,
): Keys {
  const keys: Keys = {};
  const partition = stringOf(body[hashKey]);
  const sort = stringOf(body[rangeKey]);
  if (partition !== undefined) {
    keys.partitionKey = attributeOf(partition, types);
  }

  if (sort !== undefined) {
    keys.sortKey = attributeOf(sort, types);
  }

  return keys;
}

function attributeOf(name: string, types: Map<string, string>): KeyAttribute {
  const type = types.get(name);

  return type === undefined ? { name } : { name, type };
}

function assignKeys(table: TableResource | TableIndex, keys: Keys): void {
  if (keys.partitionKey) {
    table.partitionKey = keys.partitionKey;
  }

  if (keys.sortKey) {
    table.sortKey = keys.sortKey;
  }
}

// A local index shares the table's partition key and names only its own sort key.
function indexesOf(
  block: TerraformBlock,
  blockName: string,
  kind: TableIndex['kind'],
  types: Map<string, string>,
): TableIndex[] {
  const tableKeys = keysOf(block.body, types, 'hash_key', 'range_key');

  return blocksOf(block.body, blockName).flatMap(index => {
    const name = stringOf(index.name);
    const keys = keysOf(index, types, 'hash_key', 'range_key');
    const partitionKey = kind === 'local' ? tableKeys.partitionKey : keys.partitionKey;
    if (name === undefined || !partitionKey) {
      return [];
    }

    const location = argumentLocationOf(block, blockName);
    const result: TableIndex = { name, kind, partitionKey, location };
    if (keys.sortKey) {
      result.sortKey = keys.sortKey;
    }

    return [result];
  });
}
