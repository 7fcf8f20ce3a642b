import type { Class, Expression, Node, ObjectExpression, TemplateLiteral } from 'oxc-parser';
import { isFunctionNode, memberPath, staticKeyName, unwrapExpression } from './ast.js';
import type { FunctionNode } from './ast.js';
import type { Declaration } from './bindings.js';
import type { FileContext } from './file-context.js';
import { classNameOf, enclosingClass, locationOf, sourceText } from './file-context.js';
import type { ObjectEntry, Symbolic } from './file-facts.js';
import { readPath, substituteParams, unresolved, withHops } from './symbolic.js';

const MAX_DEPTH = 12;

/** Evaluates an expression to a symbolic value, following bindings in scope within the file. */
export function evaluate(expression: Expression, context: FileContext, depth = 0): Symbolic {
  const node = unwrapExpression(expression);
  if (depth > MAX_DEPTH) {
    return unresolved(sourceText(context, node));
  }

  switch (node.type) {
    case 'Literal':
      return literalValue(node, context);
    case 'TemplateLiteral':
      return templateValue(node, context, depth);
    case 'Identifier':
      return identifierValue(node.name, node, context, depth);
    case 'MemberExpression':
      return memberValue(node, context, depth);
    case 'LogicalExpression':
      return node.operator === '&&'
        ? unresolved(sourceText(context, node))
        : fallbackOf([
            evaluate(node.left, context, depth + 1),
            evaluate(node.right, context, depth + 1),
          ]);
    case 'ObjectExpression':
      return objectValue(node, context, depth);
    case 'ArrayExpression':
      return {
        kind: 'array',
        elements: node.elements.map(element =>
          element && element.type !== 'SpreadElement'
            ? evaluate(element, context, depth + 1)
            : unresolved(element ? sourceText(context, element) : 'undefined'),
        ),
        text: sourceText(context, node),
      };
    case 'CallExpression':
      return callValue(node, context, depth);
    default:
      return unresolved(sourceText(context, node));
  }
}

function literalValue(node: Extract<Node, { type: 'Literal' }>, context: FileContext): Symbolic {
  if (
    typeof node.value === 'string' ||
    typeof node.value === 'number' ||
    typeof node.value === 'boolean'
  ) {
    return { kind: 'literal', value: String(node.value) };
  }

  return unresolved(sourceText(context, node));
}

function templateValue(node: TemplateLiteral, context: FileContext, depth: number): Symbolic {
  const parts: Symbolic[] = [];
  node.quasis.forEach((quasi, index) => {
    const text = quasi.value.cooked ?? quasi.value.raw;
    if (text !== '') {
      parts.push({ kind: 'literal', value: text });
    }
    const expression = node.expressions[index];
    if (expression) {
      parts.push(evaluate(expression, context, depth + 1));
    }
  });

  return parts.length === 1 && parts[0]!.kind === 'literal'
    ? parts[0]!
    : { kind: 'template', parts };
}

function fallbackOf(options: Symbolic[]): Symbolic {
  return {
    kind: 'fallback',
    options: options.flatMap(option =>
      option.kind === 'fallback' && !option.hops ? option.options : [option],
    ),
  };
}

function objectValue(node: ObjectExpression, context: FileContext, depth: number): Symbolic {
  const entries: ObjectEntry[] = [];
  const spreads: Symbolic[] = [];
  for (const property of node.properties) {
    if (property.type === 'SpreadElement') {
      spreads.push(evaluate(property.argument, context, depth + 1));
      continue;
    }
    const name = staticKeyName(property.key, property.computed);
    const key: Symbolic =
      name !== undefined
        ? { kind: 'literal', value: name }
        : evaluate(property.key as Expression, context, depth + 1);
    const value = isFunctionNode(property.value)
      ? unresolved(sourceText(context, property.value))
      : evaluate(property.value, context, depth + 1);
    entries.push({ key, value, location: locationOf(context, property) });
  }

  return { kind: 'object', entries, spreads, text: sourceText(context, node) };
}

function memberValue(
  node: Extract<Node, { type: 'MemberExpression' }>,
  context: FileContext,
  depth: number,
): Symbolic {
  const text = sourceText(context, node);
  const objectPath = memberPath(node.object);
  const property = node.computed
    ? evaluate(node.property, context, depth + 1)
    : node.property.type === 'Identifier' || node.property.type === 'PrivateIdentifier'
      ? ({ kind: 'literal', value: node.property.name } as const)
      : unresolved(text);
  if (property.kind !== 'literal') {
    return unresolved(text);
  }

  if (objectPath?.length === 2 && objectPath[0] === 'process' && objectPath[1] === 'env') {
    return { kind: 'env', name: property.value };
  }
  if (objectPath?.length === 1 && objectPath[0] === 'this') {
    return thisFieldValue(node, property.value, context, depth) ?? unresolved(text);
  }
  const owner = objectPath?.length === 1 ? classNamed(objectPath[0]!, node, context) : undefined;
  if (owner) {
    return staticFieldValue(owner, property.value, context, depth) ?? unresolved(text);
  }

  const base = evaluate(node.object, context, depth + 1);
  const value = readPath(base, [property.value]);

  return value && value.kind !== 'unresolved' ? value : unresolved(text);
}

function classNamed(name: string, from: Node, context: FileContext): Class | undefined {
  const declaration = context.bindings.lookup(name, from);

  return declaration?.kind === 'class' ? declaration.node : undefined;
}

// Limitation: only an initialiser counts; a static block that assigns the field is not read.
// Breaks on `static { Store.table = process.env.TABLE; }`: `Store.table` stays unresolved.
/** `Class.field` for a static field of a class declared in the same file: its initialiser. */
function staticFieldValue(
  owner: Class,
  field: string,
  context: FileContext,
  depth: number,
): Symbolic | undefined {
  for (const member of owner.body.body) {
    if (member.type !== 'PropertyDefinition' || !member.static || !member.value) {
      continue;
    }
    if (staticKeyName(member.key, member.computed) === field) {
      const hop = {
        description: `${classNameOf(context, owner)}.${field} set here`,
        location: locationOf(context, member),
      };
      return withHops(evaluate(member.value, context, depth + 1), [hop]);
    }
  }

  return undefined;
}

/** `this.field` inside a class: its initialiser, or what the constructor assigns to it. */
function thisFieldValue(
  node: Node,
  field: string,
  context: FileContext,
  depth: number,
): Symbolic | undefined {
  const owner = enclosingClass(context, node);
  if (!owner) {
    return undefined;
  }

  return classFieldValue(owner, field, context, depth);
}

export function classFieldValue(
  owner: Class,
  field: string,
  context: FileContext,
  depth: number,
): Symbolic | undefined {
  const hop = {
    description: `this.${field} set in class ${classNameOf(context, owner)}`,
    location: locationOf(context, owner),
  };
  for (const member of owner.body.body) {
    const name = 'key' in member ? staticKeyName(member.key, member.computed) : undefined;
    if (member.type === 'PropertyDefinition' && name === field && member.value) {
      return withHops(evaluate(member.value, context, depth + 1), [hop]);
    }
    if (member.type === 'MethodDefinition' && member.kind === 'constructor') {
      const assigned = constructorAssignment(member.value, field, context, depth);
      if (assigned) {
        return withHops(assigned, [hop]);
      }
    }
  }

  return undefined;
}

function constructorAssignment(
  constructor: FunctionNode,
  field: string,
  context: FileContext,
  depth: number,
): Symbolic | undefined {
  for (const param of constructor.params) {
    if (param.type === 'TSParameterProperty') {
      const inner =
        param.parameter.type === 'AssignmentPattern' ? param.parameter.left : param.parameter;
      if (inner.type === 'Identifier' && inner.name === field) {
        return identifierValue(field, constructor.body ?? constructor, context, depth + 1);
      }
    }
  }

  for (const statement of constructor.body?.type === 'BlockStatement'
    ? constructor.body.body
    : []) {
    if (
      statement.type !== 'ExpressionStatement' ||
      statement.expression.type !== 'AssignmentExpression'
    ) {
      continue;
    }
    const target = memberPath(statement.expression.left as Expression);
    if (target?.length === 2 && target[0] === 'this' && target[1] === field) {
      return evaluate(statement.expression.right, context, depth + 1);
    }
  }

  return undefined;
}

function callValue(
  node: Extract<Node, { type: 'CallExpression' }>,
  context: FileContext,
  depth: number,
): Symbolic {
  const text = sourceText(context, node);
  const callee = unwrapExpression(node.callee);
  const firstArgument = node.arguments[0];
  if (
    callee.type === 'Identifier' &&
    callee.name === 'require' &&
    firstArgument?.type === 'Literal'
  ) {
    const source = String(firstArgument.value);
    return { kind: 'import', file: context.file, source, name: '*', path: [], text };
  }

  if (callee.type !== 'Identifier') {
    return unresolved(text);
  }

  const declaration = context.bindings.lookup(callee.name, node);
  const helper = declaration ? helperFunction(declaration) : undefined;
  const name = helper ? context.codeFunctions.get(helper) : undefined;
  const returned = helper ? returnedExpression(helper) : undefined;
  if (!helper || !name || !returned) {
    return unresolved(text);
  }

  const args = node.arguments.map(argument =>
    argument.type === 'SpreadElement'
      ? unresolved(sourceText(context, argument))
      : evaluate(argument, context, depth + 1),
  );
  const hop = { description: `built by ${name}()`, location: locationOf(context, helper) };
  const built = substituteParams(evaluate(returned, context, depth + 1), context.file, name, args);

  return built ? withHops(built, [hop]) : unresolved(text);
}

function helperFunction(declaration: Declaration): FunctionNode | undefined {
  if (declaration.kind === 'function') {
    return declaration.node;
  }
  if (declaration.kind === 'variable' && declaration.path.length === 0 && declaration.init) {
    const init = unwrapExpression(declaration.init);
    return isFunctionNode(init) ? init : undefined;
  }

  return undefined;
}

/** The one value a small helper returns: an expression body or a lone `return` statement. */
export function returnedExpression(fn: FunctionNode): Expression | undefined {
  if (!fn.body) {
    return undefined;
  }
  if (fn.body.type !== 'BlockStatement') {
    return fn.body;
  }

  const returns = fn.body.body.filter(statement => statement.type === 'ReturnStatement');
  const only = returns.length === 1 ? returns[0] : undefined;

  return only?.type === 'ReturnStatement' && only.argument ? only.argument : undefined;
}

function identifierValue(name: string, from: Node, context: FileContext, depth: number): Symbolic {
  const declaration = context.bindings.lookup(name, from);
  if (!declaration) {
    return unresolved(name);
  }

  switch (declaration.kind) {
    case 'variable':
      return variableValue(name, declaration, context, depth);
    case 'param':
      return paramValue(name, declaration, context, depth);
    case 'import':
      return {
        kind: 'import',
        file: context.file,
        source: declaration.source,
        name: declaration.imported,
        path: [],
        text: name,
      };
    default:
      return unresolved(name);
  }
}

function variableValue(
  name: string,
  declaration: Extract<Declaration, { kind: 'variable' }>,
  context: FileContext,
  depth: number,
): Symbolic {
  if (!declaration.init) {
    return unresolved(name);
  }

  const hop = {
    description: `${name} declared here`,
    location: locationOf(context, declaration.declarator),
  };
  const initPath = memberPath(declaration.init);
  const fromEnv =
    initPath?.length === 2 &&
    initPath[0] === 'process' &&
    initPath[1] === 'env' &&
    declaration.path.length === 1;
  const read: Symbolic | undefined = fromEnv
    ? { kind: 'env', name: declaration.path[0]! }
    : readPath(evaluate(declaration.init, context, depth + 1), declaration.path);
  const value = read ?? unresolved(name);
  const withDefault = declaration.fallback
    ? fallbackOf([value, evaluate(declaration.fallback, context, depth + 1)])
    : value;

  return withHops(withDefault.kind === 'unresolved' ? unresolved(name) : withDefault, [hop]);
}

function paramValue(
  name: string,
  declaration: Extract<Declaration, { kind: 'param' }>,
  context: FileContext,
  depth: number,
): Symbolic {
  const codeFunction = codeFunctionOfParams(declaration.fn, context);
  if (!codeFunction) {
    return unresolved(name);
  }

  const fallback = declaration.fallback
    ? evaluate(declaration.fallback, context, depth + 1)
    : undefined;
  const hop = {
    description: `${name} is a parameter of ${codeFunction}`,
    location: locationOf(context, declaration.fn),
  };

  return {
    kind: 'param',
    file: context.file,
    codeFunction,
    index: declaration.index,
    path: declaration.path,
    text: name,
    ...(fallback ? { fallback } : {}),
    hops: [hop],
  };
}

/** A parameter counts only when its function is a code function that call sites can reach. */
function codeFunctionOfParams(fn: FunctionNode, context: FileContext): string | undefined {
  return context.codeFunctions.get(fn);
}

/** The value of a module-level binding, as evaluated at its declaration. */
export function moduleBindingValue(name: string, context: FileContext): Symbolic {
  return identifierValue(name, context.bindings.program, context, 0);
}
