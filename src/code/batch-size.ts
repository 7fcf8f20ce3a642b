import type { Expression, Node } from 'oxc-parser';
import { memberPath, staticKeyName, unwrapExpression } from './ast.js';
import type { BatchSize } from './facts.js';
import type { FileContext } from './file-context.js';
import { locationOf, sourceText } from './file-context.js';

const CHUNKING_METHODS = new Set(['slice', 'splice']);
const BUILDING_METHODS = new Set(['map', 'flatMap', 'filter']);

/** The object a node stands for: itself, or the initialiser of the variable it names. */
function objectBehind(node: Node, context: FileContext): Node | undefined {
  const value = unwrapExpression(node as Expression);
  if (value.type === 'ObjectExpression') {
    return value;
  }
  if (value.type !== 'Identifier') {
    return undefined;
  }

  const declaration = context.bindings.lookup(value.name, value);
  const init =
    declaration?.kind === 'variable' && declaration.path.length === 0 ? declaration.init : null;

  return init ? objectBehind(init, context) : undefined;
}

function propertyValue(object: Node, key: string): Node | undefined {
  if (object.type !== 'ObjectExpression') {
    return undefined;
  }

  for (const property of object.properties) {
    if (property.type === 'Property' && staticKeyName(property.key, property.computed) === key) {
      return property.value;
    }
  }

  return undefined;
}

function methodCall(node: Node): [Expression, string] | undefined {
  const value = unwrapExpression(node as Expression);
  if (value.type !== 'CallExpression') {
    return undefined;
  }

  const callee = unwrapExpression(value.callee);
  const method =
    callee.type === 'MemberExpression'
      ? staticKeyName(callee.property, callee.computed)
      : undefined;

  return method !== undefined && callee.type === 'MemberExpression'
    ? [callee.object, method]
    : undefined;
}

/** `event.settings`: a field read from a parameter of the enclosing function. */
function isParameterField(node: Expression, context: FileContext): boolean {
  const path = memberPath(node);
  const root = path?.[0];
  if (!root || root === 'this') {
    return false;
  }

  return context.bindings.lookup(root, node)?.kind === 'param';
}

/** Whether a collection is known to come from outside in one piece: `event.items`, a parsed body. */
function isWholeInput(node: Node, context: FileContext, depth = 0): boolean {
  const value = unwrapExpression(node as Expression);
  if (depth > 4) {
    return false;
  }
  if (value.type === 'MemberExpression') {
    return isParameterField(value, context);
  }
  if (value.type === 'CallExpression' && memberPath(value.callee)?.join('.') === 'JSON.parse') {
    return true;
  }
  const called = methodCall(value);
  if (called) {
    const [receiver, method] = called;
    return !CHUNKING_METHODS.has(method) && isWholeInput(receiver, context, depth + 1);
  }
  if (value.type !== 'Identifier') {
    return false;
  }

  // Limitation: a collection passed in as a plain parameter counts as chunked by the caller.
  // Breaks on `async function saveAll(items) { ...items.map(...) }` called with a whole list:
  // the batch is not reported.
  const declaration = context.bindings.lookup(value.name, value);
  const init =
    declaration?.kind === 'variable' && declaration.path.length === 0 ? declaration.init : null;

  return init ? isWholeInput(init, context, depth + 1) : false;
}

function sizeOfRequests(node: Node, context: FileContext): BatchSize | undefined {
  const value = unwrapExpression(node as Expression);
  if (value.type === 'ArrayExpression') {
    const spread = value.elements.some(element => element?.type === 'SpreadElement');
    return spread ? undefined : { kind: 'count', count: value.elements.length };
  }

  const called = methodCall(value);
  if (!called || !BUILDING_METHODS.has(called[1]) || !isWholeInput(called[0], context)) {
    return undefined;
  }

  return {
    kind: 'unbounded',
    text: sourceText(context, called[0]),
    location: locationOf(context, value),
  };
}

function requestsOf(tableEntry: Node, keysField: string | undefined): Node | undefined {
  return keysField
    ? propertyValue(unwrapExpression(tableEntry as Expression), keysField)
    : tableEntry;
}

/**
 * How many requests a batch input holds per table, when its code shows it: an array literal
 * counts its elements, and a `map` over an event field or parsed body with no `slice` before it
 * is unbounded. Per table, the largest is kept.
 */
export function batchSizeOf(
  input: Node | undefined,
  keysField: string | undefined,
  context: FileContext,
): BatchSize | undefined {
  const object = input ? objectBehind(input, context) : undefined;
  const requestItems = object ? propertyValue(object, 'RequestItems') : undefined;
  const tables = requestItems ? objectBehind(requestItems, context) : undefined;
  if (tables?.type !== 'ObjectExpression') {
    return undefined;
  }

  const sizes = tables.properties.flatMap(property => {
    const requests =
      property.type === 'Property' ? requestsOf(property.value, keysField) : undefined;
    const size = requests ? sizeOfRequests(requests, context) : undefined;
    return size ? [size] : [];
  });

  return sizes.find(size => size.kind === 'unbounded') ?? largestCount(sizes);
}

function largestCount(sizes: BatchSize[]): BatchSize | undefined {
  return sizes.reduce<BatchSize | undefined>(
    (largest, size) =>
      size.kind === 'count' && (largest?.kind !== 'count' || size.count > largest.count)
        ? size
        : largest,
    undefined,
  );
}
