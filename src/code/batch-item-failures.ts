import type { Expression, Node } from 'oxc-parser';
import { staticKeyName, unwrapExpression } from './ast.js';
import type { FileContext } from './file-context.js';
import { codeFunctionOf } from './file-context.js';

function hasBatchItemFailures(node: Node): boolean {
  return (
    node.type === 'ObjectExpression' &&
    node.properties.some(
      property =>
        property.type === 'Property' &&
        staticKeyName(property.key, property.computed) === 'batchItemFailures',
    )
  );
}

/** The object a returned expression stands for: itself, or the initialiser of a local variable. */
function returnedObject(expression: Node, context: FileContext): Node {
  const value: Node = unwrapExpression(expression as Expression);
  if (value.type !== 'Identifier') {
    return value;
  }

  const declaration = context.bindings.lookup(value.name, value);
  const init =
    declaration?.kind === 'variable' && declaration.path.length === 0 ? declaration.init : null;

  return init ? unwrapExpression(init) : value;
}

function returnedExpression(node: Node): Node | undefined {
  if (node.type === 'ReturnStatement') {
    return node.argument ?? undefined;
  }

  return node.type === 'ArrowFunctionExpression' && node.expression ? node.body : undefined;
}

/**
 * The code function that returns a partial batch response from `node`, when `node` is a return
 * (or an arrow's expression body) whose value is an object literal with `batchItemFailures`.
 */
export function batchResponseReturner(node: Node, context: FileContext): string | undefined {
  const returned = returnedExpression(node);
  if (!returned || !hasBatchItemFailures(returnedObject(returned, context))) {
    return undefined;
  }

  // Limitation: a return inside a nested callback counts for the enclosing code function.
  // Breaks on `records.map(record => { return { batchItemFailures } })`: the handler is
  // taken to return a batch response although only the callback does.
  return node.type === 'ArrowFunctionExpression'
    ? codeFunctionOf(context, node.body)
    : codeFunctionOf(context, node);
}
