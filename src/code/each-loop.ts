import type { Node } from 'oxc-parser';
import { isFunctionNode, staticKeyName, unwrapExpression } from './ast.js';
import type { EachLoop } from './facts.js';
import type { FileContext } from './file-context.js';
import { locationOf } from './file-context.js';

const ITERATION_CALLBACKS = new Set(['forEach', 'map', 'flatMap']);

function isPerElementBody(node: Node, child: Node): boolean {
  switch (node.type) {
    case 'ForStatement':
      return child === node.body;
    case 'ForOfStatement':
    case 'ForInStatement':
      return child === node.body;
    default:
      return false;
  }
}

function iterationMethod(fn: Node, parent: Node): string | undefined {
  if (parent.type !== 'CallExpression' || !parent.arguments.includes(fn as never)) {
    return undefined;
  }

  const callee = unwrapExpression(parent.callee);
  const method =
    callee.type === 'MemberExpression'
      ? staticKeyName(callee.property, callee.computed)
      : undefined;

  return method !== undefined && ITERATION_CALLBACKS.has(method) ? method : undefined;
}

/**
 * The innermost loop that runs `node` once per element of a collection: the body of a `for`,
 * `for...of` or `for...in`, or a `map`/`flatMap`/`forEach` callback. `while` and `do` loops are
 * left out: they mostly retry or page, and have no element to batch by.
 */
export function eachLoopOf(node: Node, context: FileContext): EachLoop | undefined {
  let child = node;
  for (let current = context.parents.get(node); current; current = context.parents.get(current)) {
    if (isPerElementBody(current, child)) {
      return { location: locationOf(context, current), parallel: false };
    }
    if (isFunctionNode(child) && iterationMethod(child, current) !== undefined) {
      return { location: locationOf(context, current), parallel: true };
    }
    if (context.codeFunctions.has(current)) {
      return undefined;
    }
    child = current;
  }

  return undefined;
}
