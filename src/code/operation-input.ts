import type { Action, AttributeValue, Value } from './facts.js';
import type { Symbolic } from './file-facts.js';
import { keyConditionAttributes, legacyKeyAttributes } from './key-condition.js';
import { readProperty, textOf, toValue, unresolved } from './symbolic.js';

/** What one operation's input says, read from its (linked) input object. */
export interface InputFields {
  target: Symbolic;
  indexName?: Value;
  keyAttributes: string[];
  hasFilter: boolean;
  hasLimit: boolean;
  hasCondition: boolean;
  keyValues?: Record<string, AttributeValue>;
}

const DYNAMODB_JSON_TYPES = new Set(['S', 'N', 'B']);

const STATEMENT_TABLE = /\b(?:FROM|INTO|UPDATE)\s+"?([A-Za-z0-9_.-]+?)"?(?:\.|\s|$|;)/i;

function uniqueTargets(targets: Symbolic[]): Symbolic[] {
  const seen = new Set<string>();

  return targets.filter(target => {
    const key = JSON.stringify(toValue(target));
    if (seen.has(key)) {
      return false;
    }
    seen.add(key);
    return true;
  });
}

function requestItemTables(input: Symbolic): Symbolic[] {
  const requestItems = readProperty(input, 'RequestItems');
  if (requestItems?.kind !== 'object' || requestItems.entries.length === 0) {
    return [unresolved(requestItems ? textOf(requestItems) : 'RequestItems')];
  }

  return requestItems.entries.map(entry => entry.key);
}

function transactItemTables(input: Symbolic): Symbolic[] {
  const items = readProperty(input, 'TransactItems');
  if (items?.kind !== 'array' || items.elements.length === 0) {
    return [unresolved(items ? textOf(items) : 'TransactItems')];
  }

  return items.elements.map(item => {
    const request = item.kind === 'object' ? item.entries[0]?.value : undefined;
    const table = request ? readProperty(request, 'TableName') : undefined;
    return table ?? unresolved(textOf(item));
  });
}

function statementTable(statement: Symbolic | undefined): Symbolic {
  if (statement?.kind !== 'literal') {
    return unresolved(statement ? textOf(statement) : 'Statement');
  }

  const table = STATEMENT_TABLE.exec(statement.value)?.[1];

  return table
    ? { kind: 'literal', value: table, hops: statement.hops }
    : unresolved(textOf(statement));
}

function statementTables(input: Symbolic): Symbolic[] {
  const statements = readProperty(input, 'Statements');
  if (statements?.kind !== 'array' || statements.elements.length === 0) {
    return [unresolved(statements ? textOf(statements) : 'Statements')];
  }

  return statements.elements.map(element => statementTable(readProperty(element, 'Statement')));
}

function fieldTarget(input: Symbolic, field: string): Symbolic {
  return readProperty(input, field) ?? unresolved(input.kind === 'object' ? field : textOf(input));
}

/**
 * The tables an input names (batch and transaction inputs may name several), or the queue or
 * topic a message goes to.
 */
export function targetsOf(action: Action, input: Symbolic): Symbolic[] {
  switch (action) {
    case 'batch-get':
    case 'batch-write':
      return uniqueTargets(requestItemTables(input));
    case 'transact-get':
    case 'transact-write':
      return uniqueTargets(transactItemTables(input));
    case 'execute-statement':
      return [statementTable(readProperty(input, 'Statement'))];
    case 'batch-execute-statement':
      return uniqueTargets(statementTables(input));
    case 'send':
    case 'send-batch':
      return [fieldTarget(input, 'QueueUrl')];
    case 'publish':
    case 'publish-batch':
      return [fieldTarget(input, 'TopicArn')];
    default:
      return [fieldTarget(input, 'TableName')];
  }
}

function keyAttributesOf(input: Symbolic): string[] {
  const expression = readProperty(input, 'KeyConditionExpression');
  if (expression?.kind === 'literal') {
    return keyConditionAttributes(
      expression.value,
      readProperty(input, 'ExpressionAttributeNames'),
    );
  }

  const legacy = readProperty(input, 'KeyConditions');

  return legacy ? legacyKeyAttributes(legacy) : [];
}

function isPresent(input: Symbolic, key: string): boolean {
  const value = readProperty(input, key);

  return value !== undefined && input.kind === 'object';
}

/** `{ S: 'x' }` in a low-level client's item stands for `'x'`. */
function plainAttribute(value: Symbolic): Symbolic {
  const [only] = value.kind === 'object' ? value.entries : [];
  const isTyped =
    value.kind === 'object' &&
    value.entries.length === 1 &&
    only?.key.kind === 'literal' &&
    DYNAMODB_JSON_TYPES.has(only.key.value);

  return isTyped && only ? only.value : value;
}

function keyValuesOf(action: Action, input: Symbolic): Record<string, AttributeValue> | undefined {
  const field =
    action === 'put' ? 'Item' : ['get', 'update', 'delete'].includes(action) ? 'Key' : '';
  const item = field ? readProperty(input, field) : undefined;
  if (item?.kind !== 'object') {
    return undefined;
  }

  const values: Record<string, AttributeValue> = {};
  for (const entry of item.entries) {
    if (entry.key.kind === 'literal') {
      const value = toValue(plainAttribute(entry.value));
      values[entry.key.value] = entry.location ? { value, location: entry.location } : { value };
    }
  }

  return values;
}

export function inputFields(action: Action, input: Symbolic): Omit<InputFields, 'target'> {
  const index = readProperty(input, 'IndexName');
  const keyValues = keyValuesOf(action, input);

  return {
    ...(index && input.kind === 'object' ? { indexName: toValue(index) } : {}),
    keyAttributes: keyAttributesOf(input),
    hasFilter: ['FilterExpression', 'ScanFilter', 'QueryFilter'].some(key => isPresent(input, key)),
    hasLimit: isPresent(input, 'Limit'),
    hasCondition: ['ConditionExpression', 'Expected'].some(key => isPresent(input, key)),
    ...(keyValues ? { keyValues } : {}),
  };
}
