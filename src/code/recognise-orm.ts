import type { Argument, Expression, Node } from 'oxc-parser';
import { staticKeyName, unwrapExpression } from './ast.js';
import { calleeRefOf } from './callees.js';
import { isInLoop } from './code-functions.js';
import { eachLoopOf } from './each-loop.js';
import type { Action } from './facts.js';
import type { FileContext } from './file-context.js';
import { codeFunctionOf, locationOf } from './file-context.js';
import type { ConstantFacts, SdkSite, Symbolic } from './file-facts.js';
import { modelAt, modelOf } from './orm-models.js';
import { resultUseOf } from './result-use.js';
import { readPath, readProperty, unresolved } from './symbolic.js';
import { evaluate } from './values.js';

/** One step of a call chain after its root: `.query` (no args) or `.byTeam({...})`. */
interface Segment {
  name: string;
  args?: Argument[];
}

interface Chain {
  root: Expression;
  segments: Segment[];
}

/** What a chain asks of its model: the action, the input fields it adds, whether it reads every page. */
interface Request {
  sdkName: string;
  action: Action;
  extra: Symbolic[];
  viaPaginator: boolean;
}

const WRITE_ACTIONS: Record<string, Action> = {
  get: 'get',
  put: 'put',
  create: 'put',
  upsert: 'put',
  update: 'update',
  patch: 'update',
  delete: 'delete',
  remove: 'delete',
};

const TOOLBOX_COMMANDS: Record<string, Action> = {
  GetItemCommand: 'get',
  PutItemCommand: 'put',
  UpdateItemCommand: 'update',
  UpdateAttributesCommand: 'update',
  DeleteItemCommand: 'delete',
  QueryCommand: 'query',
  ScanCommand: 'scan',
};

const DYNAMOOSE_ACTIONS: Record<string, Action> = { query: 'query', scan: 'scan', get: 'get' };

function chainOf(node: Expression): Chain {
  const segments: Segment[] = [];
  let current = unwrapExpression(node);
  for (;;) {
    const called = current.type === 'CallExpression' ? unwrapExpression(current.callee) : undefined;
    const member = called ?? current;
    const name =
      member.type === 'MemberExpression'
        ? staticKeyName(member.property, member.computed)
        : undefined;
    if (member.type !== 'MemberExpression' || name === undefined) {
      break;
    }
    const args = current.type === 'CallExpression' ? current.arguments : undefined;
    segments.unshift(args ? { name, args } : { name });
    current = unwrapExpression(member.object);
  }

  return { root: current, segments };
}

function argumentProperty(segment: Segment | undefined, key: string): Expression | undefined {
  const first = segment?.args?.[0];
  const object = first && first.type !== 'SpreadElement' ? unwrapExpression(first) : undefined;
  if (object?.type !== 'ObjectExpression') {
    return undefined;
  }

  const property = object.properties.find(
    entry => entry.type === 'Property' && staticKeyName(entry.key, entry.computed) === key,
  );

  return property?.type === 'Property' ? property.value : undefined;
}

function segmentNamed(chain: Chain, name: string): Segment | undefined {
  return chain.segments.find(segment => segment.name === name);
}

/** `Member.query.byTeam({...}).go()`, `Member.scan.go()`, `Member.get({...}).go()` (ElectroDB). */
function electroDbRequest(chain: Chain, model: Symbolic): Request | undefined {
  const [first, second] = chain.segments;
  const viaPaginator = argumentProperty(chain.segments.at(-1), 'pages') !== undefined;
  if (first?.name === 'query' && !first.args && second?.args) {
    const pattern = readPath(model, ['indexes', second.name]);
    return { sdkName: 'query', action: 'query', extra: pattern ? [pattern] : [], viaPaginator };
  }
  if (first?.name === 'scan' && !first.args) {
    return { sdkName: 'scan', action: 'scan', extra: [], viaPaginator };
  }

  const action = first?.args ? WRITE_ACTIONS[first.name] : undefined;

  return action ? { sdkName: first!.name, action, extra: [], viaPaginator } : undefined;
}

/** `Invoice.build(GetItemCommand).key({...}).send()` (dynamodb-toolbox v1). */
function toolboxRequest(chain: Chain, context: FileContext): Request | undefined {
  const command = chain.segments[0]?.name === 'build' ? chain.segments[0].args?.[0] : undefined;
  const ref =
    command && command.type !== 'SpreadElement' ? calleeRefOf(command, context) : undefined;
  const name = ref?.kind === 'import' ? (ref.path.at(-1) ?? ref.name) : undefined;
  const action = name ? TOOLBOX_COMMANDS[name] : undefined;
  if (!action || !name) {
    return undefined;
  }

  const index = argumentProperty(segmentNamed(chain, 'query'), 'index');
  const extra = index ? [objectInput([['IndexName', evaluate(index, context)]])] : [];
  const viaPaginator = argumentProperty(segmentNamed(chain, 'options'), 'maxPages') !== undefined;

  return { sdkName: name, action, extra, viaPaginator };
}

/** The attribute a Dynamoose `query('ownerId')` or `query({ ownerId: ... })` starts from. */
function queriedAttribute(segment: Segment): string | undefined {
  const first = segment.args?.[0];
  const value = first && first.type !== 'SpreadElement' ? unwrapExpression(first) : undefined;
  if (value?.type === 'Literal' && typeof value.value === 'string') {
    return value.value;
  }
  const property = value?.type === 'ObjectExpression' ? value.properties[0] : undefined;

  return property?.type === 'Property' ? staticKeyName(property.key, property.computed) : undefined;
}

/** `Cat.query('ownerId').eq(x).exec()`, `Cat.scan().exec()`, `Cat.get(key).exec()` (Dynamoose). */
function dynamooseRequest(
  chain: Chain,
  model: Symbolic,
  context: FileContext,
): Request | undefined {
  const first = chain.segments[0];
  const action = first?.args ? DYNAMOOSE_ACTIONS[first.name] : undefined;
  if (!first || !action) {
    return undefined;
  }

  const attribute = action === 'query' ? queriedAttribute(first) : undefined;
  const byAttribute = attribute ? readPath(model, ['attributes', attribute]) : undefined;
  const using = segmentNamed(chain, 'using')?.args?.[0];
  const named =
    using && using.type !== 'SpreadElement'
      ? objectInput([['IndexName', evaluate(using, context)]])
      : undefined;
  const extra = named ? [named] : byAttribute ? [byAttribute] : [];
  const viaPaginator = segmentNamed(chain, 'all') !== undefined;

  return { sdkName: first.name, action, extra, viaPaginator };
}

function objectInput(fields: Array<[string, Symbolic]>, spreads: Symbolic[] = []): Symbolic {
  return {
    kind: 'object',
    entries: fields.map(([key, value]) => ({ key: { kind: 'literal', value: key }, value })),
    spreads,
    text: 'ORM request',
  };
}

/** The request a chain makes, chosen by the method that sends it (`go`, `send`, `exec`). */
function requestOf(chain: Chain, terminal: string, context: FileContext): Request | undefined {
  const model = modelOf(chain.root, context);
  if (!model) {
    return undefined;
  }
  if (terminal === 'go') {
    return electroDbRequest(chain, model);
  }

  return terminal === 'send'
    ? toolboxRequest(chain, context)
    : dynamooseRequest(chain, model, context);
}

function ormSite(
  node: Extract<Node, { type: 'CallExpression' }>,
  context: FileContext,
): SdkSite | undefined {
  const chain = chainOf(node);
  const terminal = chain.segments.at(-1)?.name;
  if (terminal !== 'go' && terminal !== 'send' && terminal !== 'exec') {
    return undefined;
  }
  const request = requestOf(chain, terminal, context);
  if (!request) {
    return undefined;
  }

  const model = modelOf(chain.root, context);
  const table = (model && readProperty(model, 'table')) ?? unresolved('table');
  const eachLoop = eachLoopOf(node, context);

  return {
    sdkName: request.sdkName,
    action: request.action,
    viaPaginator: request.viaPaginator,
    input: objectInput([['TableName', table]], request.extra),
    location: locationOf(context, node),
    codeFunction: codeFunctionOf(context, node),
    inLoop: isInLoop(node, context.parents, context.codeFunctions),
    ...(eachLoop ? { eachLoop } : {}),
    resultUse: resultUseOf(node, context),
  };
}

/** `export const Member = new Entity(...)`: the model becomes a module constant other files link to. */
function recordModel(
  node: Node,
  context: FileContext,
  constants: Record<string, ConstantFacts>,
): void {
  if (node.type !== 'VariableDeclarator' || node.id.type !== 'Identifier' || !node.init) {
    return;
  }
  const declaration = context.bindings.moduleScope().get(node.id.name);
  if (declaration?.kind !== 'variable' || declaration.declarator !== node) {
    return;
  }

  const model = modelAt(unwrapExpression(node.init), context);
  if (model) {
    constants[node.id.name] = { value: model, location: locationOf(context, node) };
  }
}

export interface OrmFacts {
  sdkSites: SdkSite[];
  constants: Record<string, ConstantFacts>;
}

/** Recognises ElectroDB, dynamodb-toolbox and Dynamoose models and the operations made through them. */
export function recogniseOrm(node: Node, context: FileContext, found: OrmFacts): void {
  recordModel(node, context, found.constants);
  if (node.type !== 'CallExpression') {
    return;
  }

  const site = ormSite(node, context);
  if (site) {
    found.sdkSites.push(site);
  }
}
