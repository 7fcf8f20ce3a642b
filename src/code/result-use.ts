import type { Node } from 'oxc-parser';
import { staticKeyName } from './ast.js';
import type { ResultUse } from './facts.js';
import type { FileContext } from './file-context.js';

const TRANSPARENT = new Set([
  'AwaitExpression',
  'ParenthesizedExpression',
  'TSAsExpression',
  'TSNonNullExpression',
  'TSSatisfiesExpression',
  'ChainExpression',
]);

/** The expression whose value is the operation's response: `send(command)`, `.promise()`. */
function responseExpression(node: Node, context: FileContext): Node {
  const parent = context.parents.get(node);
  if (node.type === 'NewExpression') {
    const isSent =
      parent?.type === 'CallExpression' &&
      parent.arguments[0] === node &&
      parent.callee.type === 'MemberExpression' &&
      staticKeyName(parent.callee.property, parent.callee.computed) === 'send';
    return isSent ? parent : node;
  }

  const grandparent = parent ? context.parents.get(parent) : undefined;
  const isPromised =
    parent?.type === 'MemberExpression' &&
    parent.object === node &&
    staticKeyName(parent.property, parent.computed) === 'promise' &&
    grandparent?.type === 'CallExpression';

  return isPromised && grandparent ? grandparent : node;
}

function outermost(node: Node, context: FileContext): { node: Node; parent: Node | undefined } {
  let current = node;
  let parent = context.parents.get(current);
  while (parent && TRANSPARENT.has(parent.type)) {
    current = parent;
    parent = context.parents.get(current);
  }

  return { node: current, parent };
}

function isFirstElement(node: Node, context: FileContext): boolean {
  const { node: read, parent } = outermost(node, context);
  if (parent?.type === 'LogicalExpression' && parent.left === read) {
    return isFirstElement(parent, context);
  }

  return (
    parent?.type === 'MemberExpression' &&
    parent.object === read &&
    parent.computed &&
    parent.property.type === 'Literal' &&
    parent.property.value === 0
  );
}

/** How the reads of `Items` on a response named `name` use it. */
function itemsUse(name: string, scope: Node, context: FileContext): ResultUse {
  const reads: Node[] = [];
  walkWithin(scope, node => {
    if (
      node.type === 'MemberExpression' &&
      node.object.type === 'Identifier' &&
      node.object.name === name &&
      staticKeyName(node.property, node.computed) === 'Items'
    ) {
      reads.push(node);
    }
  });

  return reads.length > 0 && reads.every(read => isFirstElement(read, context))
    ? 'first-item'
    : 'read';
}

function walkWithin(scope: Node, visit: (node: Node) => void): void {
  const stack: Node[] = [scope];
  while (stack.length > 0) {
    const node = stack.pop()!;
    visit(node);
    for (const value of Object.values(node)) {
      for (const item of Array.isArray(value) ? value : [value]) {
        if (item && typeof item === 'object' && typeof (item as Node).type === 'string') {
          stack.push(item as Node);
        }
      }
    }
  }
}

function destructuredItemsUse(pattern: Node, scope: Node, context: FileContext): ResultUse {
  if (pattern.type !== 'ObjectPattern') {
    return 'read';
  }

  const items = pattern.properties.find(
    property =>
      property.type === 'Property' && staticKeyName(property.key, property.computed) === 'Items',
  );
  if (items?.type !== 'Property' || items.value.type !== 'Identifier') {
    return items?.type === 'Property' && items.value.type === 'ArrayPattern'
      ? 'first-item'
      : 'read';
  }

  const local = items.value.name;
  const reads: Node[] = [];
  walkWithin(scope, node => {
    const inPattern = node.start >= pattern.start && node.end <= pattern.end;
    if (node.type === 'Identifier' && node.name === local && !inPattern) {
      reads.push(node);
    }
  });

  return reads.length > 0 && reads.every(read => isFirstElement(read, context))
    ? 'first-item'
    : 'read';
}

function enclosingScope(node: Node, context: FileContext): Node {
  for (let current = context.parents.get(node); current; current = context.parents.get(current)) {
    if (context.codeFunctions.has(current) || current.type === 'Program') {
      return current;
    }
  }

  return node;
}

/**
 * How the code around an operation (or a wrapper's call site) uses the response: dropped,
 * handed to the caller, read only for its first item, or read some other way.
 */
export function resultUseOf(node: Node, context: FileContext): ResultUse {
  const { node: response, parent } = outermost(responseExpression(node, context), context);
  if (!parent || parent.type === 'ExpressionStatement') {
    return 'discarded';
  }
  if (parent.type === 'ReturnStatement' || parent.type === 'ArrowFunctionExpression') {
    return 'returned';
  }
  if (parent.type === 'MemberExpression' && parent.object === response) {
    const isItems = staticKeyName(parent.property, parent.computed) === 'Items';
    return isItems && isFirstElement(parent, context) ? 'first-item' : 'read';
  }

  const scope = enclosingScope(response, context);
  if (parent.type === 'VariableDeclarator' && parent.id.type === 'Identifier') {
    return itemsUse(parent.id.name, scope, context);
  }
  if (parent.type === 'VariableDeclarator') {
    return destructuredItemsUse(parent.id, scope, context);
  }
  if (parent.type === 'AssignmentExpression' && parent.left.type === 'Identifier') {
    return itemsUse(parent.left.name, scope, context);
  }

  return 'read';
}
