import type { Expression, Node } from 'oxc-parser';
import { isFunctionNode, memberPath, unwrapExpression } from './ast.js';
import type { Declaration } from './bindings.js';
import type { FileContext } from './file-context.js';
import { classNameOf, enclosingClass } from './file-context.js';
import type { CalleeRef } from './file-facts.js';
import { thisFieldExpression } from './sdk-entities.js';

/** What a name refers to when it is called or constructed, as far as this file can tell. */
function referenceOf(name: string, from: Node, context: FileContext): CalleeRef | undefined {
  const declaration = context.bindings.lookup(name, from);
  if (!declaration) {
    return undefined;
  }

  return declarationRef(name, declaration, context);
}

function declarationRef(
  name: string,
  declaration: Declaration,
  context: FileContext,
): CalleeRef | undefined {
  switch (declaration.kind) {
    case 'import':
      return { kind: 'import', source: declaration.source, name: declaration.imported, path: [] };
    case 'function':
      return context.codeFunctions.has(declaration.node)
        ? { kind: 'local', name: context.codeFunctions.get(declaration.node)! }
        : undefined;
    case 'class':
      return { kind: 'local', name: classNameOf(context, declaration.node) };
    case 'variable':
      return variableRef(name, declaration, context);
    default:
      return undefined;
  }
}

function variableRef(
  name: string,
  declaration: Extract<Declaration, { kind: 'variable' }>,
  context: FileContext,
): CalleeRef | undefined {
  const init = declaration.init ? unwrapExpression(declaration.init) : undefined;
  if (!init) {
    return undefined;
  }

  const required = requiredSource(init);
  if (required !== undefined) {
    const [first, ...rest] = declaration.path;
    return { kind: 'import', source: required, name: first ?? '*', path: rest };
  }
  if (init.type === 'NewExpression' && declaration.path.length === 0) {
    const classRef = calleeRefOf(init.callee, context);
    return classRef ? { kind: 'instance', classRef, method: '' } : undefined;
  }
  if (context.codeFunctions.has(init) || isModuleLevel(declaration.declarator, context)) {
    return declaration.path.length === 0 ? { kind: 'local', name } : undefined;
  }

  return undefined;
}

function isModuleLevel(declarator: Node, context: FileContext): boolean {
  const declaration = context.parents.get(declarator);
  const owner = declaration ? context.parents.get(declaration) : undefined;

  return (
    owner?.type === 'Program' ||
    (owner?.type === 'ExportNamedDeclaration' && context.parents.get(owner)?.type === 'Program')
  );
}

export function requiredSource(expression: Expression): string | undefined {
  if (expression.type !== 'CallExpression' || expression.callee.type !== 'Identifier') {
    return undefined;
  }

  const argument = expression.arguments[0];
  if (expression.callee.name !== 'require' || argument?.type !== 'Literal') {
    return undefined;
  }

  return typeof argument.value === 'string' ? argument.value : undefined;
}

function extend(base: CalleeRef, key: string): CalleeRef | undefined {
  switch (base.kind) {
    case 'local':
      return { kind: 'local', name: `${base.name}.${key}` };
    case 'import':
      return { ...base, path: [...base.path, key] };
    case 'instance':
      return base.method === '' ? { ...base, method: key } : undefined;
    default:
      return undefined;
  }
}

function thisRef(node: Node, path: string[], context: FileContext): CalleeRef | undefined {
  const owner = enclosingClass(context, node);
  if (!owner || path.length < 2) {
    return undefined;
  }
  if (path.length === 2) {
    return { kind: 'local', name: `${classNameOf(context, owner)}.${path[1]}` };
  }

  const field = thisFieldExpression(node, path[1]!, context);
  const value = field ? unwrapExpression(field) : undefined;
  const classRef = value?.type === 'NewExpression' ? calleeRefOf(value.callee, context) : undefined;

  return classRef && path.length === 3
    ? { kind: 'instance', classRef, method: path[2]! }
    : undefined;
}

/** The code function an expression names when called: `f`, `db.query`, `repo.save`, `this.load`. */
export function calleeRefOf(expression: Expression, context: FileContext): CalleeRef | undefined {
  const callee = unwrapExpression(expression);
  if (isFunctionNode(callee)) {
    return undefined;
  }

  const path = memberPath(callee);
  if (!path) {
    return undefined;
  }
  if (path[0] === 'this') {
    return thisRef(callee, path, context);
  }

  let ref = referenceOf(path[0]!, callee, context);
  for (const key of path.slice(1)) {
    ref = ref ? extend(ref, key) : undefined;
  }

  return ref?.kind === 'instance' && ref.method === '' ? undefined : ref;
}

export function constructedRef(
  expression: Expression,
  context: FileContext,
): CalleeRef | undefined {
  const classRef = calleeRefOf(expression, context);

  return classRef ? { kind: 'construct', classRef } : undefined;
}
