import { posix } from 'node:path';
import type { Expression, Node } from 'oxc-parser';
import { memberPath, unwrapExpression } from '../../code/ast.js';

/** What a CDK source file knows when it evaluates a value without running. */
export interface StaticScope {
  /** Folder of the source file, absolute, with `/`. */
  dir: string;
  /** Folder `cdk synth` runs in (the one with cdk.json): where relative paths start. */
  appRoot: string;
  /** `const NAME = <expression>` of the file, by name; a name declared twice is left out. */
  constants: Map<string, Expression>;
}

// Deep enough for `const base = join(__dirname, '..')` used by a second constant.
const MAX_DEPTH = 8;

/** The string an expression stands for when the file alone decides it. */
export function staticStringOf(
  node: Node | null | undefined,
  scope: StaticScope,
  depth = 0,
): string | undefined {
  if (!node || depth > MAX_DEPTH) {
    return undefined;
  }

  const expression = unwrapExpression(node as Expression);
  switch (expression.type) {
    case 'Literal':
      return typeof expression.value === 'string' ? expression.value : undefined;
    case 'TemplateLiteral':
      return templateTextOf(expression.quasis, expression.expressions, scope, depth);
    case 'Identifier':
      return identifierValueOf(expression.name, scope, depth);
    case 'BinaryExpression':
      return expression.operator === '+'
        ? concatenated([expression.left, expression.right], scope, depth)
        : undefined;
    case 'CallExpression':
      return pathCallOf(expression.callee, expression.arguments, scope, depth);
    case 'MemberExpression':
      return memberPath(expression)?.join('.') === 'import.meta.dirname' ? scope.dir : undefined;
    default:
      return undefined;
  }
}

/** A path an expression names, relative to `root`; undefined when it leaves `root` or is unknown. */
export function staticPathOf(
  node: Node | null | undefined,
  scope: StaticScope,
  root: string,
): string | undefined {
  const text = staticStringOf(node, scope);
  if (text === undefined) {
    return undefined;
  }

  const absolute = posix.resolve(scope.appRoot, text);
  const relative = posix.relative(root, absolute);

  return relative.startsWith('..') || posix.isAbsolute(relative) ? undefined : relative;
}

function templateTextOf(
  quasis: { value: { cooked?: string | null; raw: string } }[],
  expressions: Node[],
  scope: StaticScope,
  depth: number,
): string | undefined {
  let text = quasis[0]?.value.cooked ?? '';
  for (const [index, expression] of expressions.entries()) {
    const part = staticStringOf(expression, scope, depth + 1);
    if (part === undefined) {
      return undefined;
    }
    text += part + (quasis[index + 1]?.value.cooked ?? '');
  }

  return text;
}

function identifierValueOf(name: string, scope: StaticScope, depth: number): string | undefined {
  if (name === '__dirname') {
    return scope.dir;
  }

  return staticStringOf(scope.constants.get(name), scope, depth + 1);
}

function concatenated(parts: Node[], scope: StaticScope, depth: number): string | undefined {
  const texts = parts.map(part => staticStringOf(part, scope, depth + 1));

  return texts.every(text => text !== undefined) ? texts.join('') : undefined;
}

// `path.join`, `path.resolve` and their imported forms; `resolve` starts at the app root the
// way it starts at the working directory of `cdk synth`.
function pathCallOf(
  callee: Node,
  args: Node[],
  scope: StaticScope,
  depth: number,
): string | undefined {
  const name = memberPath(callee as Expression)?.at(-1);
  if (name !== 'join' && name !== 'resolve') {
    return undefined;
  }

  const parts = args.map(arg => staticStringOf(arg, scope, depth + 1));
  if (parts.length === 0 || parts.some(part => part === undefined)) {
    return undefined;
  }

  const texts = parts as string[];

  return name === 'join' ? posix.join(...texts) : posix.resolve(scope.appRoot, ...texts);
}
