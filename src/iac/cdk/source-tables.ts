import type { Expression } from 'oxc-parser';
import type { KeyAttribute, TableIndex, TableResource } from '../resources.js';
import { booleanPropOf, entriesOf, enumMemberOf, propOf } from './construct-props.js';
import type { CdkSource, ConstructFact } from './parse-cdk-source.js';
import { staticStringOf } from './static-values.js';

const ATTRIBUTE_TYPES: Record<string, string> = { STRING: 'S', NUMBER: 'N', BINARY: 'B' };
const TABLE_CLASSES = new Set(['Table', 'TableV2']);

export function isTableConstruct(construct: ConstructFact): boolean {
  return construct.module === 'aws-dynamodb' && TABLE_CLASSES.has(construct.className);
}

/** A table as its construct states it; the construct id stands in for the logical id. */
export function readSourceTable(construct: ConstructFact, source: CdkSource): TableResource {
  const props = construct.props;
  const tableName = staticStringOf(propOf(props, 'tableName'), source.scope);
  const table: TableResource = {
    kind: 'table',
    id: `${source.file}#${construct.id}`,
    logicalId: construct.id,
    template: source.file,
    location: construct.location,
    constructLocation: construct.location,
    name: tableName ?? construct.id,
    nameIsLogicalId: tableName === undefined,
    indexes: indexesOf(construct, source),
    pointInTimeRecovery: isPointInTimeRecoveryOn(props),
    deletionProtection: booleanPropOf(props, 'deletionProtection') === true,
  };
  assignDetails(table, construct, source);

  return table;
}

function assignDetails(table: TableResource, construct: ConstructFact, source: CdkSource): void {
  const props = construct.props;
  const partitionKey = keyOf(propOf(props, 'partitionKey'), source);
  const sortKey = keyOf(propOf(props, 'sortKey'), source);
  const billingMode = billingModeOf(construct, source);
  const stream = propOf(props, construct.className === 'TableV2' ? 'dynamoStream' : 'stream');
  if (table.nameValue === undefined && !table.nameIsLogicalId) {
    table.nameValue = { kind: 'literal', value: table.name };
  }

  if (partitionKey) {
    table.partitionKey = partitionKey;
  }

  if (sortKey) {
    table.sortKey = sortKey;
  }

  if (billingMode) {
    table.billingMode = billingMode;
  }

  const viewType = enumMemberOf(stream);
  if (stream && viewType) {
    table.stream = { viewType, location: source.lines.locate(source.file, stream.start) };
  }
}

function keyOf(node: Expression | undefined, source: CdkSource): KeyAttribute | undefined {
  const name = staticStringOf(propOf(node, 'name'), source.scope);
  if (name === undefined) {
    return undefined;
  }

  const type = ATTRIBUTE_TYPES[enumMemberOf(propOf(node, 'type')) ?? ''];

  return type === undefined ? { name } : { name, type };
}

// TableV2 lists its indexes in props; Table adds them with `addGlobalSecondaryIndex` calls.
function indexesOf(construct: ConstructFact, source: CdkSource): TableIndex[] {
  const listed = (['globalSecondaryIndexes', 'localSecondaryIndexes'] as const).flatMap(key => {
    const list = propOf(construct.props, key);
    const items = list?.type === 'ArrayExpression' ? list.elements : [];
    const kind = key === 'globalSecondaryIndexes' ? 'global' : 'local';
    return items.flatMap(item =>
      item ? indexOf(item as Expression, kind, construct, source) : [],
    );
  });
  const added = source.calls
    .filter(call => construct.variable !== undefined && call.receiver === construct.variable)
    .flatMap(call => {
      const kind = call.method === 'addGlobalSecondaryIndex' ? 'global' : 'local';
      const isIndex = /^add(Global|Local)SecondaryIndex$/.test(call.method);
      const props = call.arguments[0] as Expression | undefined;
      return isIndex && props ? indexOf(props, kind, construct, source) : [];
    });

  return [...listed, ...added];
}

function indexOf(
  node: Expression,
  kind: 'global' | 'local',
  construct: ConstructFact,
  source: CdkSource,
): TableIndex[] {
  const name = staticStringOf(propOf(node, 'indexName'), source.scope);
  // A local index shares the table's partition key and states only its sort key.
  const partitionKey =
    keyOf(propOf(node, 'partitionKey'), source) ??
    (kind === 'local'
      ? keyOf(propOf(construct.props, 'partitionKey', source.scope.constants), source)
      : undefined);
  if (name === undefined || !partitionKey) {
    return [];
  }

  const index: TableIndex = {
    name,
    kind,
    partitionKey,
    location: source.lines.locate(source.file, node.start),
  };
  const sortKey = keyOf(propOf(node, 'sortKey'), source);
  if (sortKey) {
    index.sortKey = sortKey;
  }

  return [index];
}

// TableV2 is on demand unless `billing: Billing.provisioned(...)`; Table is provisioned unless
// `billingMode: BillingMode.PAY_PER_REQUEST`.
function billingModeOf(construct: ConstructFact, source: CdkSource): string | undefined {
  if (construct.className === 'TableV2') {
    const billing = propOf(construct.props, 'billing', source.scope.constants);
    const callee = billing?.type === 'CallExpression' ? enumMemberOf(billing.callee) : undefined;
    return callee === 'provisioned' ? 'PROVISIONED' : 'PAY_PER_REQUEST';
  }

  return (
    enumMemberOf(propOf(construct.props, 'billingMode', source.scope.constants)) ?? 'PROVISIONED'
  );
}

function isPointInTimeRecoveryOn(props: Expression | undefined): boolean {
  const specification = propOf(props, 'pointInTimeRecoverySpecification');
  const enabled = entriesOf(specification).find(
    entry => entry.key === 'pointInTimeRecoveryEnabled',
  );
  const flag = enabled?.value;

  return (
    booleanPropOf(props, 'pointInTimeRecovery') === true ||
    (flag?.type === 'Literal' && flag.value === true)
  );
}

/** Tables of the same file by the variable that holds them: `orders` or `this.orders`. */
export type TablesByVariable = Map<string, TableResource>;
