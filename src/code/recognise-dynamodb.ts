import type { Argument, Expression, Node } from 'oxc-parser';
import { staticKeyName, unwrapExpression } from './ast.js';
import { batchSizeOf } from './batch-size.js';
import { isInLoop } from './code-functions.js';
import { eachLoopOf } from './each-loop.js';
import type { FileContext } from './file-context.js';
import { codeFunctionOf, locationOf, sourceText } from './file-context.js';
import type { ImportedClientCall, SdkSite, Symbolic } from './file-facts.js';
import { sdkEntityOf } from './sdk-entities.js';
import { ANY_CLIENT_METHOD, CLIENT_METHODS, COMMANDS, PAGINATORS } from './sdk-names.js';
import { resultUseOf } from './result-use.js';
import { unresolved } from './symbolic.js';
import { evaluate } from './values.js';

function inputOf(argument: Argument | undefined, context: FileContext): Symbolic {
  if (!argument || argument.type === 'SpreadElement') {
    return unresolved(argument ? sourceText(context, argument) : 'undefined');
  }

  return evaluate(argument, context);
}

/** Where a call sits: its location, code function, loops and how its response is used. */
function placeOf(node: Node, context: FileContext) {
  const eachLoop = eachLoopOf(node, context);

  return {
    location: locationOf(context, node),
    codeFunction: codeFunctionOf(context, node),
    inLoop: isInLoop(node, context.parents, context.codeFunctions),
    ...(eachLoop ? { eachLoop } : {}),
    resultUse: resultUseOf(node, context),
  };
}

function siteAt(
  node: Extract<Node, { type: 'NewExpression' | 'CallExpression' }>,
  fields: Pick<SdkSite, 'sdkName' | 'action' | 'viaPaginator' | 'input'>,
  context: FileContext,
): SdkSite {
  const isBatch = fields.action === 'batch-get' || fields.action === 'batch-write';
  const keysField = fields.action === 'batch-get' ? 'Keys' : undefined;
  const batchSize = isBatch ? batchSizeOf(node.arguments[0], keysField, context) : undefined;

  return { ...fields, ...placeOf(node, context), ...(batchSize ? { batchSize } : {}) };
}

/** `new QueryCommand(input)` with the command imported from an SDK package. */
function commandSite(
  node: Extract<Node, { type: 'NewExpression' }>,
  context: FileContext,
): SdkSite | undefined {
  const entity = sdkEntityOf(node.callee, context);
  const action = entity?.kind === 'export' ? COMMANDS[entity.module]?.get(entity.name) : undefined;
  if (!action || entity?.kind !== 'export') {
    return undefined;
  }

  const input = inputOf(node.arguments[0], context);

  return siteAt(node, { sdkName: entity.name, action, viaPaginator: false, input }, context);
}

/** `paginateQuery(config, input)` imported from an SDK package. */
function paginatorSite(
  node: Extract<Node, { type: 'CallExpression' }>,
  context: FileContext,
): SdkSite | undefined {
  const entity = sdkEntityOf(node.callee, context);
  const action =
    entity?.kind === 'export' ? PAGINATORS[entity.module]?.get(entity.name) : undefined;
  if (!action || entity?.kind !== 'export') {
    return undefined;
  }

  const input = inputOf(node.arguments[1], context);

  return siteAt(node, { sdkName: entity.name, action, viaPaginator: true, input }, context);
}

function calledMethod(
  node: Extract<Node, { type: 'CallExpression' }>,
): [Expression, string] | undefined {
  const callee = unwrapExpression(node.callee);
  if (callee.type !== 'MemberExpression') {
    return undefined;
  }

  const method = staticKeyName(callee.property, callee.computed);

  return method !== undefined && ANY_CLIENT_METHOD.has(method)
    ? [callee.object, method]
    : undefined;
}

/** `client.query(input)` on a client built from an SDK import in this file. */
function methodSite(
  node: Extract<Node, { type: 'CallExpression' }>,
  context: FileContext,
): SdkSite | undefined {
  const called = calledMethod(node);
  const entity = called ? sdkEntityOf(called[0], context) : undefined;
  const action =
    called && entity?.kind === 'client' ? CLIENT_METHODS[entity.client].get(called[1]) : undefined;
  if (!called || !action) {
    return undefined;
  }

  const input = inputOf(node.arguments[0], context);

  return siteAt(node, { sdkName: called[1], action, viaPaginator: false, input }, context);
}

/** `db.query(input)` where `db` is imported from a module of the repository. */
function importedClientCall(
  node: Extract<Node, { type: 'CallExpression' }>,
  context: FileContext,
): ImportedClientCall | undefined {
  const called = calledMethod(node);
  const receiver = called ? evaluate(called[0], context) : undefined;
  if (!called || receiver?.kind !== 'import') {
    return undefined;
  }

  return {
    receiver,
    method: called[1],
    input: inputOf(node.arguments[0], context),
    ...placeOf(node, context),
  };
}

export interface DynamoDbCalls {
  sdkSites: SdkSite[];
  importedClientCalls: ImportedClientCall[];
}

/** Recognises one node as an SDK operation or a method call on a maybe-client import. */
export function recogniseDynamoDb(node: Node, context: FileContext, found: DynamoDbCalls): void {
  if (node.type === 'NewExpression') {
    const site = commandSite(node, context);
    if (site) {
      found.sdkSites.push(site);
    }
    return;
  }
  if (node.type !== 'CallExpression') {
    return;
  }

  const site = paginatorSite(node, context) ?? methodSite(node, context);
  if (site) {
    found.sdkSites.push(site);
    return;
  }

  const call = importedClientCall(node, context);
  if (call) {
    found.importedClientCalls.push(call);
  }
}
