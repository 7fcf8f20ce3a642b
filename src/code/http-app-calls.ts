import type { Expression, Node } from 'oxc-parser';
import { unwrapExpression } from './ast.js';
import { calleeRefOf } from './callees.js';
import type { FileContext } from './file-context.js';
import { codeFunctionOf } from './file-context.js';
import type { CalleeRef } from './file-facts.js';
import { handlerParts, isAppWrapper, routeRegistration, wrappedApp } from './http-apps.js';

/** A call from one code function of the file, by name, to what `ref` names. */
export interface AppCall {
  owner: string;
  ref: CalleeRef;
}

/**
 * An app or router bound in this file is its own code function; `serverless(createApp())` runs
 * the factory, whose body registers the routes; anything else is looked up.
 */
function appRefOf(expression: Expression, context: FileContext): CalleeRef | undefined {
  const node = unwrapExpression(expression);
  if (node.type === 'CallExpression') {
    return calleeRefOf(node.callee, context);
  }

  const declaration =
    node.type === 'Identifier' ? context.bindings.lookup(node.name, node) : undefined;
  const init =
    declaration?.kind === 'variable' && declaration.path.length === 0 && declaration.init
      ? unwrapExpression(declaration.init)
      : undefined;
  const local = init ? context.codeFunctions.get(init) : undefined;
  if (local !== undefined) {
    return { kind: 'local', name: local };
  }

  const ref = calleeRefOf(node, context);

  return ref?.kind === 'instance' ? undefined : ref;
}

function handlerRefs(handler: Expression, context: FileContext): CalleeRef[] {
  const { functions, references } = handlerParts(handler);
  const inline = functions.flatMap(fn => {
    const name = context.codeFunctions.get(fn);
    return name === undefined ? [] : [{ kind: 'local', name } as const];
  });

  return [...inline, ...references.flatMap(reference => appRefOf(reference, context) ?? [])];
}

/**
 * The calls an HTTP app makes that no call expression shows: a wrapper such as `serverless(app)`
 * runs the app, and an app runs the callbacks and routers registered on it.
 */
export function appCallsOf(node: Node, context: FileContext): AppCall[] {
  if (node.type === 'CallExpression' && isAppWrapper(node, context.bindings)) {
    const app = wrappedApp(node);
    const ref = app ? appRefOf(app, context) : undefined;
    return ref ? [{ owner: codeFunctionOf(context, node), ref }] : [];
  }

  const registration = routeRegistration(node, context.bindings);
  const owner = registration ? context.codeFunctions.get(registration.appInit) : undefined;
  if (!registration || owner === undefined) {
    return [];
  }

  return registration.handlers.flatMap(handler =>
    handlerRefs(handler, context).map(ref => ({ owner, ref })),
  );
}
