import type { ArrowFunctionExpression, Expression, Function, Node } from 'oxc-parser';

export type { Node };

/** Parent links for one parsed file, built in one pass so lookups walk up instead of searching. */
export type ParentMap = Map<Node, Node>;

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as Node).type === 'string';
}

/** The direct child nodes of `node`, in source order. */
export function childrenOf(node: Node): Node[] {
  const children: Node[] = [];
  // A plain `for...in` over the node's own keys: `Object.entries` builds a pair per key, and on
  // every node of every file that allocation dominates the walk.
  const fields = node as unknown as Record<string, unknown>;
  for (const key in fields) {
    const value = fields[key];
    if (typeof value !== 'object' || value === null || key === 'parent') {
      continue;
    }
    if (Array.isArray(value)) {
      for (const item of value) {
        if (isNode(item)) {
          children.push(item);
        }
      }
    } else if (isNode(value)) {
      children.push(value);
    }
  }

  return children;
}

/** Visits every node depth-first, parents before children. */
export function walk(root: Node, visit: (node: Node, parent: Node | undefined) => void): void {
  // Two parallel stacks rather than a pair per node: fewer allocations on the hot path.
  const nodes: Node[] = [root];
  const parents: Array<Node | undefined> = [undefined];
  while (nodes.length > 0) {
    const node = nodes.pop()!;
    visit(node, parents.pop());
    const children = childrenOf(node);
    for (let index = children.length - 1; index >= 0; index--) {
      nodes.push(children[index]!);
      parents.push(node);
    }
  }
}

export function buildParentMap(root: Node): ParentMap {
  const parents: ParentMap = new Map();
  walk(root, (node, parent) => {
    if (parent) {
      parents.set(node, parent);
    }
  });

  return parents;
}

export function ancestorsOf(node: Node, parents: ParentMap): Node[] {
  const ancestors: Node[] = [];
  for (let current = parents.get(node); current; current = parents.get(current)) {
    ancestors.push(current);
  }

  return ancestors;
}

export type FunctionNode = Function | ArrowFunctionExpression;

export function isFunctionNode(node: Node): node is FunctionNode {
  return (
    node.type === 'FunctionDeclaration' ||
    node.type === 'FunctionExpression' ||
    node.type === 'ArrowFunctionExpression'
  );
}

/** Strips what does not change a value: parentheses, `!`, `as`, `satisfies`, `<T>x`, `?.` chains. */
export function unwrapExpression(expression: Expression): Expression {
  let current: Expression = expression;
  for (;;) {
    switch (current.type) {
      case 'TSNonNullExpression':
      case 'TSAsExpression':
      case 'TSSatisfiesExpression':
      case 'TSTypeAssertion':
      case 'ParenthesizedExpression':
      case 'ChainExpression':
        current = current.expression;
        break;
      case 'AwaitExpression':
        current = current.argument;
        break;
      default:
        return current;
    }
  }
}

/** The name of a non-computed property key or a string-literal key. */
export function staticKeyName(key: Node, computed: boolean): string | undefined {
  if (key.type === 'Identifier' && !computed) {
    return key.name;
  }
  if (key.type === 'Literal' && typeof key.value === 'string') {
    return key.value;
  }

  return undefined;
}

/** `a.b.c` as ['a', 'b', 'c'] when every part is static; `this` is spelled `this`. */
export function memberPath(expression: Expression): string[] | undefined {
  const node = unwrapExpression(expression);
  if (node.type === 'Identifier') {
    return [node.name];
  }
  if (node.type === 'ThisExpression') {
    return ['this'];
  }
  if (node.type !== 'MemberExpression') {
    return undefined;
  }

  const base = memberPath(node.object);
  const property = staticKeyName(node.property, node.computed);

  return base && property !== undefined ? [...base, property] : undefined;
}
