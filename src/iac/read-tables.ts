import type { KeyAttribute, TableIndex, TableResource } from './resources.js';
import { booleanOf, stringOf, templateValueOf } from './intrinsics.js';
import { resourceIdOf, resourceNameOf } from './resource-names.js';
import type { Template, TemplateResource } from './template.js';
import type { TemplateNode } from './template-node.js';
import { childAt, entryOf, itemsOf, scalarText } from './template-node.js';

const TABLE_TYPES = new Set([
  'AWS::DynamoDB::Table',
  'AWS::DynamoDB::GlobalTable',
  'AWS::Serverless::SimpleTable',
]);

// SAM's SimpleTable spells attribute types out; DynamoDB wants the one-letter form.
const SIMPLE_TABLE_TYPES: Record<string, string> = { String: 'S', Number: 'N', Binary: 'B' };

export function readTables(template: Template): TableResource[] {
  return template.resources
    .filter(resource => TABLE_TYPES.has(resource.type))
    .map(resource =>
      resource.type === 'AWS::Serverless::SimpleTable'
        ? readSimpleTable(resource, template)
        : readTable(resource, template),
    );
}

function readTable(resource: TemplateResource, template: Template): TableResource {
  const properties = resource.properties;
  const types = attributeTypesOf(properties, template);
  const keys = keysOf(childAt(properties, 'KeySchema'), types, template);
  const table: TableResource = {
    ...tableBaseOf(resource, template),
    indexes: [
      ...indexesOf(childAt(properties, 'GlobalSecondaryIndexes'), 'global', types, template),
      ...indexesOf(childAt(properties, 'LocalSecondaryIndexes'), 'local', types, template),
    ],
    pointInTimeRecovery: isPointInTimeRecoveryOn(resource, template),
    deletionProtection: isDeletionProtectionOn(resource, template),
  };
  assignKeys(table, keys);
  assignBillingAndStream(table, resource, template);

  return table;
}

function readSimpleTable(resource: TemplateResource, template: Template): TableResource {
  const primaryKey = childAt(resource.properties, 'PrimaryKey');
  const name = stringOf(templateValueOf(childAt(primaryKey, 'Name'), template)) ?? 'id';
  const type = stringOf(templateValueOf(childAt(primaryKey, 'Type'), template)) ?? 'String';
  const hasThroughput = childAt(resource.properties, 'ProvisionedThroughput') !== undefined;

  return {
    ...tableBaseOf(resource, template),
    partitionKey: { name, type: SIMPLE_TABLE_TYPES[type] ?? type },
    indexes: [],
    billingMode: hasThroughput ? 'PROVISIONED' : 'PAY_PER_REQUEST',
    pointInTimeRecovery: false,
    deletionProtection: false,
  };
}

function tableBaseOf(resource: TemplateResource, template: Template) {
  return {
    kind: 'table' as const,
    id: resourceIdOf(template, resource.logicalId),
    logicalId: resource.logicalId,
    template: template.file,
    location: resource.location,
    ...resourceNameOf(resource, 'TableName', template),
  };
}

function attributeTypesOf(properties: TemplateNode | undefined, template: Template) {
  const types = new Map<string, string>();
  for (const definition of itemsOf(childAt(properties, 'AttributeDefinitions'))) {
    const name = stringOf(templateValueOf(childAt(definition, 'AttributeName'), template));
    const type = stringOf(templateValueOf(childAt(definition, 'AttributeType'), template));
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
  schema: TemplateNode | undefined,
  types: Map<string, string>,
  template: Template,
): Keys {
  const keys: Keys = {};
  for (const element of itemsOf(schema)) {
    const name = stringOf(templateValueOf(childAt(element, 'AttributeName'), template));
    const keyType = scalarText(childAt(element, 'KeyType'))?.toUpperCase();
    if (name === undefined) {
      continue;
    }

    const type = types.get(name);
    const attribute: KeyAttribute = type === undefined ? { name } : { name, type };
    if (keyType === 'HASH') {
      keys.partitionKey = attribute;
    } else if (keyType === 'RANGE') {
      keys.sortKey = attribute;
    }
  }

  return keys;
}

function assignKeys(
  target: { partitionKey?: KeyAttribute; sortKey?: KeyAttribute },
  keys: Keys,
): void {
  if (keys.partitionKey) {
    target.partitionKey = keys.partitionKey;
  }

  if (keys.sortKey) {
    target.sortKey = keys.sortKey;
  }
}

function indexesOf(
  list: TemplateNode | undefined,
  kind: TableIndex['kind'],
  types: Map<string, string>,
  template: Template,
): TableIndex[] {
  return itemsOf(list).flatMap(node => {
    const name = stringOf(templateValueOf(childAt(node, 'IndexName'), template));
    const keys = keysOf(childAt(node, 'KeySchema'), types, template);
    if (name === undefined || !keys.partitionKey) {
      return [];
    }

    const index: TableIndex = {
      name,
      kind,
      partitionKey: keys.partitionKey,
      location: node.location,
    };
    if (keys.sortKey) {
      index.sortKey = keys.sortKey;
    }

    return [index];
  });
}

function assignBillingAndStream(
  table: TableResource,
  resource: TemplateResource,
  template: Template,
): void {
  const billingMode = stringOf(
    templateValueOf(childAt(resource.properties, 'BillingMode'), template),
  );
  if (billingMode !== undefined) {
    table.billingMode = billingMode;
  }

  const stream = entryOf(resource.properties, 'StreamSpecification');
  if (stream) {
    const viewType = entryOf(stream.value, 'StreamViewType');
    const text = stringOf(templateValueOf(viewType?.value, template));
    const location = viewType?.keyLocation ?? stream.keyLocation;
    table.stream = text === undefined ? { location } : { viewType: text, location };
  }
}

// A global table sets these per replica; it counts as on only when every replica turns it on.
function isPointInTimeRecoveryOn(resource: TemplateResource, template: Template): boolean {
  const path = ['PointInTimeRecoverySpecification', 'PointInTimeRecoveryEnabled'];

  return isOnForTable(resource, template, path);
}

function isDeletionProtectionOn(resource: TemplateResource, template: Template): boolean {
  return isOnForTable(resource, template, ['DeletionProtectionEnabled']);
}

function isOnForTable(resource: TemplateResource, template: Template, path: string[]): boolean {
  if (resource.type !== 'AWS::DynamoDB::GlobalTable') {
    return booleanOf(childAt(resource.properties, ...path), template) === true;
  }

  const replicas = itemsOf(childAt(resource.properties, 'Replicas'));

  return (
    replicas.length > 0 &&
    replicas.every(replica => booleanOf(childAt(replica, ...path), template) === true)
  );
}
