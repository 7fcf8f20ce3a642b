import type { Class, Expression, Node, ObjectExpression, Program } from 'oxc-parser';
import { isFunctionNode, memberPath, staticKeyName, unwrapExpression, walk } from './ast.js';
import type { Bindings } from './bindings.js';
import {
  createsApp,
  handlerParts,
  isAppWrapper,
  registrationChain,
  routeCallbackName,
} from './http-apps.js';

const ITERATING_METHODS = new Set([
  'forEach',
  'map',
  'flatMap',
  'reduce',
  'filter',
  'some',
  'every',
]);

/** The names `module.exports.x =` and `exports.x =` assign, or 'default' for `module.exports =`. */
export function commonJsExportName(target: Node): string | undefined {
  const path = target.type === 'MemberExpression' ? memberPath(target) : undefined;
  if (!path) {
    return undefined;
  }
  if (path.length === 2 && path[0] === 'module' && path[1] === 'exports') {
    return 'default';
  }
  if (path.length === 3 && path[0] === 'module' && path[1] === 'exports') {
    return path[2];
  }

  return path.length === 2 && path[0] === 'exports' ? path[1] : undefined;
}

/** A call chain such as `middy(fn).use(x)` that stands for the function it wraps. */
function isWrappingChain(expression: Expression, bindings: Bindings): boolean {
  let found = false;
  walk(expression, node => {
    if (node.type !== 'CallExpression') {
      return;
    }
    for (const argument of node.arguments) {
      found ||= isFunctionNode(argument) || isFunctionReference(argument, bindings);
    }
  });

  return found;
}

function isFunctionReference(argument: Node, bindings: Bindings): boolean {
  if (argument.type !== 'Identifier') {
    return false;
  }

  const declaration = bindings.lookup(argument.name, argument);
  if (declaration?.kind === 'function') {
    return true;
  }
  if (declaration?.kind === 'variable' && declaration.init) {
    return isFunctionNode(unwrapExpression(declaration.init));
  }

  return declaration?.kind === 'import' && !declaration.source.includes('aws-sdk');
}

class Collector {
  readonly names = new Map<Node, string>();

  constructor(private readonly bindings: Bindings) {}

  /** Registers what `name = expression` makes a code function, if anything. */
  bind(name: string, expression: Expression): void {
    const value = unwrapExpression(expression);
    if (isFunctionNode(value)) {
      this.names.set(value, name);
    } else if (value.type === 'ObjectExpression') {
      this.object(name, value);
    } else if (value.type === 'ClassExpression') {
      this.classMembers(name, value);
    } else if (isAppWrapper(value, this.bindings) || createsApp(value, this.bindings)) {
      // An Express or Koa app is itself a function of the request; `serverless(app)` runs it.
      this.names.set(value, name);
    } else if (value.type === 'CallExpression' && isWrappingChain(value, this.bindings)) {
      this.names.set(value, name);
    }
  }

  object(prefix: string | undefined, node: ObjectExpression): void {
    for (const property of node.properties) {
      const key =
        property.type === 'Property' ? staticKeyName(property.key, property.computed) : undefined;
      if (property.type === 'Property' && key !== undefined) {
        this.bind(prefix ? `${prefix}.${key}` : key, property.value);
      }
    }
  }

  classMembers(name: string, node: Class): void {
    for (const member of node.body.body) {
      const key = 'key' in member ? staticKeyName(member.key, member.computed) : undefined;
      if (key === undefined) {
        continue;
      }
      if (member.type === 'MethodDefinition') {
        this.names.set(member.value, `${name}.${key}`);
      } else if (
        member.type === 'PropertyDefinition' &&
        member.value &&
        isFunctionNode(member.value)
      ) {
        this.names.set(member.value, `${name}.${key}`);
      }
    }
  }

  statement(statement: Node): void {
    const declaration =
      statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement;
    if (!declaration) {
      return;
    }

    if (declaration.type === 'FunctionDeclaration' && declaration.id) {
      this.names.set(declaration, declaration.id.name);
    } else if (declaration.type === 'ClassDeclaration' && declaration.id) {
      this.classMembers(declaration.id.name, declaration);
    } else if (declaration.type === 'VariableDeclaration') {
      for (const declarator of declaration.declarations) {
        if (declarator.id.type === 'Identifier' && declarator.init) {
          this.bind(declarator.id.name, declarator.init);
        }
      }
    } else if (declaration.type === 'ExportDefaultDeclaration') {
      this.defaultExport(declaration.declaration);
    } else if (declaration.type === 'ExpressionStatement') {
      this.commonJsAssignment(declaration.expression);
      this.routeCallbacks(declaration.expression);
    }
  }

  /** Inline callbacks of `app.get('/orders', async (req, res) => ...)` are code functions. */
  // Limitation: only registrations written at module level count. Breaks on
  // `function mount(app) { app.get('/x', h) }`: no entry point reaches h through the app.
  private routeCallbacks(expression: Expression): void {
    for (const registration of registrationChain(expression, this.bindings)) {
      const name = routeCallbackName(registration);
      for (const fn of registration.handlers.flatMap(handler => handlerParts(handler).functions)) {
        if (!this.names.has(fn)) {
          this.names.set(fn, name);
        }
      }
    }
  }

  private defaultExport(declaration: Node): void {
    if (declaration.type === 'ClassDeclaration') {
      this.classMembers(declaration.id?.name ?? 'default', declaration);
    } else if (declaration.type === 'FunctionDeclaration') {
      this.names.set(declaration, 'default');
    } else if (declaration.type === 'ObjectExpression') {
      this.object('default', declaration);
    } else if (declaration.type !== 'TSInterfaceDeclaration') {
      this.bind('default', declaration as Expression);
    }
  }

  private commonJsAssignment(expression: Expression): void {
    if (expression.type !== 'AssignmentExpression') {
      return;
    }

    const name = commonJsExportName(expression.left);
    const value = unwrapExpression(expression.right);
    if (name === 'default' && value.type === 'ObjectExpression') {
      this.object(undefined, value);
    } else if (name !== undefined) {
      this.bind(name, value);
    }
  }
}

/**
 * Finds the code functions of a module: top-level functions, `const x = () => {}`, class methods,
 * object-literal methods, CommonJS exports, call chains that wrap a function (`middy(fn)`), HTTP
 * apps and routers with the inline callbacks of their routes, and wrappers of apps
 * (`serverless(app)`). Anything nested inside belongs to the enclosing code function.
 */
export function collectCodeFunctions(program: Program, bindings: Bindings): Map<Node, string> {
  const collector = new Collector(bindings);
  for (const statement of program.body) {
    collector.statement(statement);
  }

  return collector.names;
}

/** Whether a node runs once per element: in a loop body, or in an iteration callback. */
export function isInLoop(
  node: Node,
  parents: Map<Node, Node>,
  codeFunctions: Map<Node, string>,
): boolean {
  let child = node;
  for (let current = parents.get(node); current; child = current, current = parents.get(current)) {
    if (isLoopBody(current, child)) {
      return true;
    }
    if (isFunctionNode(child) && isIterationCallback(child, current)) {
      return true;
    }
    if (codeFunctions.has(current)) {
      return false;
    }
  }

  return false;
}

function isLoopBody(node: Node, child: Node): boolean {
  switch (node.type) {
    case 'ForStatement':
      return child === node.body || child === node.test || child === node.update;
    case 'ForOfStatement':
    case 'ForInStatement':
    case 'WhileStatement':
    case 'DoWhileStatement':
      return (
        child === node.body ||
        (node.type !== 'ForOfStatement' && node.type !== 'ForInStatement' && child === node.test)
      );
    default:
      return false;
  }
}

function isIterationCallback(fn: Node, parent: Node): boolean {
  if (parent.type !== 'CallExpression' || !parent.arguments.includes(fn as never)) {
    return false;
  }

  const callee = unwrapExpression(parent.callee);
  const method =
    callee.type === 'MemberExpression'
      ? staticKeyName(callee.property, callee.computed)
      : undefined;

  return method !== undefined && ITERATING_METHODS.has(method);
}
