import type { CallExpression, Expression, Node } from 'oxc-parser';
import { isFunctionNode, memberPath, staticKeyName, unwrapExpression } from './ast.js';
import type { FunctionNode } from './ast.js';
import type { Bindings, Declaration } from './bindings.js';
import { requiredSource } from './callees.js';

/**
 * Packages whose call turns an Express or Koa app into a Lambda handler, or into the server a
 * handler proxies to (`createServer(app)`), with the names they export for it ('' is the module).
 */
// Limitation: `export const handler = wrap(app)` with any other `wrap` stays no code function.
const APP_WRAPPERS = new Map([
  ['serverless-http', new Set([''])],
  ['@vendia/serverless-express', new Set(['', 'configure', 'createServer'])],
  ['@codegenie/serverless-express', new Set(['', 'configure'])],
  ['aws-serverless-express', new Set(['createServer'])],
]);

/** Packages whose call or `new` makes an app or a router that routes are registered on. */
const APP_CREATORS = new Map([
  ['express', new Set(['', 'Router'])],
  ['koa', new Set([''])],
  ['@koa/router', new Set([''])],
  ['koa-router', new Set([''])],
]);

const ROUTE_METHODS = new Set([
  'get',
  'post',
  'put',
  'patch',
  'delete',
  'del',
  'all',
  'use',
  'head',
  'options',
]);

/** Koa router methods that hand the router itself to `app.use`. */
const ROUTER_MIDDLEWARE = new Set(['routes', 'middleware']);

/** One `app.get(path, ...handlers)` on a module-level app or router. */
export interface RouteRegistration {
  /** The variable the app or router is bound to. */
  appName: string;
  /** The expression that creates the app: the app's code function. */
  appInit: Expression;
  method: string;
  path?: string;
  handlers: Expression[];
}

function requiredPath(
  declaration: Extract<Declaration, { kind: 'variable' }>,
): string[] | undefined {
  const source = declaration.init ? requiredSource(unwrapExpression(declaration.init)) : undefined;

  return source === undefined ? undefined : [source, ...declaration.path];
}

/** `[package, ...names]` an expression reads: `serverless`, `express.Router`, `{ Router }`. */
function importedPath(expression: Expression, bindings: Bindings): string[] | undefined {
  const node = unwrapExpression(expression);
  const path = memberPath(node);
  const root = path?.[0];
  if (!path || root === undefined || root === 'this') {
    return undefined;
  }

  const declaration = bindings.lookup(root, node);
  const base =
    declaration?.kind === 'import'
      ? [declaration.source, declaration.imported]
      : declaration?.kind === 'variable'
        ? requiredPath(declaration)
        : undefined;

  return base?.concat(path.slice(1)).filter(name => name !== 'default' && name !== '*');
}

function isImportedFrom(
  expression: Expression,
  packages: Map<string, Set<string>>,
  bindings: Bindings,
): boolean {
  const [source, ...names] = importedPath(expression, bindings) ?? [];
  const exported = source === undefined ? undefined : packages.get(source);

  return exported?.has(names.join('.')) ?? false;
}

/** Whether a call hands an app to a package that makes it a Lambda handler: `serverless(app)`. */
export function isAppWrapper(node: Node, bindings: Bindings): boolean {
  return node.type === 'CallExpression' && isImportedFrom(node.callee, APP_WRAPPERS, bindings);
}

/** Whether an expression creates an app or a router: `express()`, `express.Router()`, `new Koa()`. */
export function createsApp(node: Node, bindings: Bindings): boolean {
  const isCall = node.type === 'CallExpression' || node.type === 'NewExpression';

  return isCall && isImportedFrom(node.callee, APP_CREATORS, bindings);
}

/** The app a wrapper call is given: `serverless(app)`, `serverlessExpress({ app })`. */
export function wrappedApp(call: CallExpression): Expression | undefined {
  const argument = call.arguments[0];
  const value = argument && argument.type !== 'SpreadElement' ? unwrapExpression(argument) : null;
  if (value?.type !== 'ObjectExpression') {
    return value ?? undefined;
  }

  const property = value.properties.find(
    entry => entry.type === 'Property' && staticKeyName(entry.key, entry.computed) === 'app',
  );

  return property?.type === 'Property' ? property.value : undefined;
}

function stringValue(node: Node | undefined): string | undefined {
  if (node?.type === 'Literal' && typeof node.value === 'string') {
    return node.value;
  }

  return node?.type === 'TemplateLiteral' && node.expressions.length === 0
    ? (node.quasis[0]?.value.cooked ?? undefined)
    : undefined;
}

/** The app a registration is made on, through `app.route('/x').get(a).post(b)` chains. */
function routeBase(
  expression: Expression,
): { name: string; node: Node; path?: string } | undefined {
  const node = unwrapExpression(expression);
  if (node.type === 'Identifier') {
    return { name: node.name, node };
  }

  const callee = node.type === 'CallExpression' ? unwrapExpression(node.callee) : undefined;
  const key =
    callee?.type === 'MemberExpression'
      ? staticKeyName(callee.property, callee.computed)
      : undefined;
  if (callee?.type !== 'MemberExpression' || key === undefined || node.type !== 'CallExpression') {
    return undefined;
  }
  if (key === 'route') {
    const base = routeBase(callee.object);
    const path = stringValue(node.arguments[0]);
    return base && path !== undefined ? { ...base, path } : base;
  }

  return ROUTE_METHODS.has(key) ? routeBase(callee.object) : undefined;
}

/** The creating expression of a module-level `const app = express()`, if `name` is one. */
function appInitOf(name: string, from: Node, bindings: Bindings): Expression | undefined {
  const declaration = bindings.lookup(name, from);
  const init =
    declaration?.kind === 'variable' && declaration.path.length === 0 && declaration.init
      ? unwrapExpression(declaration.init)
      : undefined;

  return init && createsApp(init, bindings) ? init : undefined;
}

/** A route or middleware registration, when the call is one on an app or router. */
export function routeRegistration(node: Node, bindings: Bindings): RouteRegistration | undefined {
  const callee = node.type === 'CallExpression' ? unwrapExpression(node.callee) : undefined;
  const method =
    callee?.type === 'MemberExpression'
      ? staticKeyName(callee.property, callee.computed)
      : undefined;
  if (node.type !== 'CallExpression' || callee?.type !== 'MemberExpression' || !method) {
    return undefined;
  }

  const base = ROUTE_METHODS.has(method) ? routeBase(callee.object) : undefined;
  const appInit = base ? appInitOf(base.name, base.node, bindings) : undefined;
  if (!base || !appInit) {
    return undefined;
  }

  const values = node.arguments.flatMap(argument =>
    argument.type === 'SpreadElement' ? [] : [argument],
  );
  const path = stringValue(values[0]);
  const handlers = path === undefined ? values : values.slice(1);

  return { appName: base.name, appInit, method, path: path ?? base.path, handlers };
}

/** Every registration of a statement such as `app.route('/x').get(a).post(b)`, outermost first. */
export function registrationChain(expression: Expression, bindings: Bindings): RouteRegistration[] {
  const found: RouteRegistration[] = [];
  let current: Expression | undefined = unwrapExpression(expression);
  while (current?.type === 'CallExpression') {
    const registration = routeRegistration(current, bindings);
    if (registration) {
      found.push(registration);
    }
    const callee = unwrapExpression(current.callee);
    current = callee.type === 'MemberExpression' ? unwrapExpression(callee.object) : undefined;
  }

  return found;
}

/**
 * The code function name of a registration's inline callbacks: `app.get /orders/:id`. Callbacks
 * of one route share it, so `app.use(a, b)` with two inline middlewares is one code function.
 */
export function routeCallbackName(registration: RouteRegistration): string {
  const path = registration.path === undefined ? '' : ` ${registration.path}`;

  return `${registration.appName}.${registration.method}${path}`;
}

/**
 * What a handler argument runs: inline functions, and the expressions that name functions or
 * routers. One wrapping call is looked through: `asyncHandler(async (req, res) => ...)`.
 */
export function handlerParts(handler: Expression): {
  functions: FunctionNode[];
  references: Expression[];
} {
  const node = unwrapExpression(handler);
  if (isFunctionNode(node)) {
    return { functions: [node], references: [] };
  }
  if (node.type === 'Identifier' || node.type === 'MemberExpression') {
    return { functions: [], references: [node] };
  }
  if (node.type !== 'CallExpression') {
    return { functions: [], references: [] };
  }

  const callee = unwrapExpression(node.callee);
  const key =
    callee.type === 'MemberExpression'
      ? staticKeyName(callee.property, callee.computed)
      : undefined;
  if (callee.type === 'MemberExpression' && key !== undefined && ROUTER_MIDDLEWARE.has(key)) {
    return { functions: [], references: [callee.object] };
  }

  const inner = node.arguments.flatMap(argument =>
    argument.type === 'SpreadElement' ? [] : [unwrapExpression(argument)],
  );

  return {
    functions: inner.filter(isFunctionNode),
    references: inner.filter(
      argument => argument.type === 'Identifier' || argument.type === 'MemberExpression',
    ),
  };
}
