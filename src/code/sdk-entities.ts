import type { Class, Expression, Node } from 'oxc-parser';
import { isFunctionNode, memberPath, staticKeyName, unwrapExpression } from './ast.js';
import type { Declaration } from './bindings.js';
import type { FileContext } from './file-context.js';
import { enclosingClass } from './file-context.js';
import type { ClientKind } from './file-facts.js';
import { isSdkModule } from './sdk-names.js';
import type { SdkModule } from './sdk-names.js';
import { returnedExpression } from './values.js';

/** What an expression is in terms of the DynamoDB SDKs, judged by where it was imported from. */
export type SdkEntity =
  | { kind: 'module'; module: SdkModule }
  | { kind: 'export'; module: SdkModule; name: string }
  | { kind: 'client'; client: ClientKind };

const MAX_DEPTH = 10;

const V2_DYNAMODB: SdkEntity = { kind: 'export', module: 'aws-sdk', name: 'DynamoDB' };

/** The class each SDK v2 per-service module exports as its default. */
const V2_SERVICE_MODULES: Partial<Record<SdkModule, string>> = {
  'aws-sdk/clients/dynamodb': 'DynamoDB',
  'aws-sdk/clients/sqs': 'SQS',
  'aws-sdk/clients/sns': 'SNS',
};

/** Classes whose instances are aggregated clients answering SQS or SNS method calls. */
const MESSAGING_CLIENTS = new Map<string, { module: SdkModule; client: ClientKind }>([
  ['SQS', { module: '@aws-sdk/client-sqs', client: 'sqs' }],
  ['SNS', { module: '@aws-sdk/client-sns', client: 'sns' }],
]);

function moduleEntity(source: SdkModule, imported: string): SdkEntity {
  const serviceClass = V2_SERVICE_MODULES[source];
  if (serviceClass === 'DynamoDB') {
    return imported === '*' || imported === 'default' || imported === 'DynamoDB'
      ? V2_DYNAMODB
      : { kind: 'export', module: 'aws-sdk', name: imported };
  }
  if (serviceClass) {
    const isClass = imported === '*' || imported === 'default' || imported === serviceClass;
    return { kind: 'export', module: 'aws-sdk', name: isClass ? serviceClass : imported };
  }

  return imported === '*' || imported === 'default'
    ? { kind: 'module', module: source }
    : { kind: 'export', module: source, name: imported };
}

function memberEntity(base: SdkEntity, name: string): SdkEntity | undefined {
  if (base.kind === 'module') {
    return moduleEntity(base.module, name);
  }
  if (base.kind === 'export' && base.module === 'aws-sdk' && base.name === 'DynamoDB') {
    return name === 'DocumentClient' ? { kind: 'export', module: 'aws-sdk', name } : undefined;
  }

  return undefined;
}

function constructed(entity: SdkEntity | undefined): SdkEntity | undefined {
  if (entity?.kind !== 'export') {
    return undefined;
  }
  const messaging = MESSAGING_CLIENTS.get(entity.name);
  if (messaging && (entity.module === 'aws-sdk' || entity.module === messaging.module)) {
    return { kind: 'client', client: messaging.client };
  }
  if (entity.module === 'aws-sdk') {
    const client =
      entity.name === 'DynamoDB'
        ? 'v2-low-level'
        : entity.name === 'DocumentClient'
          ? 'v2-document'
          : undefined;
    return client ? { kind: 'client', client } : undefined;
  }
  if (entity.module === '@aws-sdk/client-dynamodb' && entity.name === 'DynamoDB') {
    return { kind: 'client', client: 'v3-low-level' };
  }

  return undefined;
}

/** Resolves what an expression is, following bindings, `new`, `.from()` and X-Ray wrapping. */
export function sdkEntityOf(
  expression: Expression,
  context: FileContext,
  depth = 0,
): SdkEntity | undefined {
  const node = unwrapExpression(expression);
  if (depth > MAX_DEPTH) {
    return undefined;
  }

  switch (node.type) {
    case 'Identifier': {
      const declaration = context.bindings.lookup(node.name, node);
      return declaration ? declarationEntity(declaration, context, depth) : undefined;
    }
    case 'MemberExpression':
      return memberExpressionEntity(node, context, depth);
    case 'NewExpression':
      return constructed(sdkEntityOf(node.callee, context, depth + 1));
    case 'CallExpression':
      return callEntity(node, context, depth);
    default:
      return undefined;
  }
}

function memberExpressionEntity(
  node: Extract<Node, { type: 'MemberExpression' }>,
  context: FileContext,
  depth: number,
): SdkEntity | undefined {
  const name = staticKeyName(node.property, node.computed);
  if (name === undefined) {
    return undefined;
  }
  if (node.object.type === 'ThisExpression') {
    const field = thisFieldExpression(node, name, context);
    return field ? sdkEntityOf(field, context, depth + 1) : undefined;
  }

  const base = sdkEntityOf(node.object, context, depth + 1);

  return base ? memberEntity(base, name) : undefined;
}

function callEntity(
  node: Extract<Node, { type: 'CallExpression' }>,
  context: FileContext,
  depth: number,
): SdkEntity | undefined {
  const callee = unwrapExpression(node.callee);
  const path = memberPath(callee);
  const last = path?.[path.length - 1];
  const firstArgument = node.arguments[0];
  const argument =
    firstArgument && firstArgument.type !== 'SpreadElement' ? firstArgument : undefined;

  if (last === 'require' && path?.length === 1 && argument?.type === 'Literal') {
    const source = String(argument.value);
    return isSdkModule(source) ? moduleEntity(source, '*') : undefined;
  }
  if ((last === 'captureAWS' || last === 'captureAWSClient') && argument) {
    return sdkEntityOf(argument, context, depth + 1);
  }
  if (last === 'from' && callee.type === 'MemberExpression') {
    const owner = sdkEntityOf(callee.object, context, depth + 1);
    const isDocument =
      owner?.kind === 'export' &&
      owner.module === '@aws-sdk/lib-dynamodb' &&
      owner.name === 'DynamoDBDocument';
    return isDocument ? { kind: 'client', client: 'v3-document' } : undefined;
  }

  return helperResultEntity(callee, context, depth);
}

/** A local factory such as `createDynamoDBClient()` that returns a client. */
function helperResultEntity(
  callee: Expression,
  context: FileContext,
  depth: number,
): SdkEntity | undefined {
  if (callee.type !== 'Identifier') {
    return undefined;
  }

  const declaration = context.bindings.lookup(callee.name, callee);
  const init =
    declaration?.kind === 'variable' && declaration.init
      ? unwrapExpression(declaration.init)
      : undefined;
  const fn =
    declaration?.kind === 'function'
      ? declaration.node
      : init && isFunctionNode(init)
        ? init
        : undefined;
  const returned = fn ? returnedExpression(fn) : undefined;

  return returned ? sdkEntityOf(returned, context, depth + 1) : undefined;
}

function declarationEntity(
  declaration: Declaration,
  context: FileContext,
  depth: number,
): SdkEntity | undefined {
  if (declaration.kind === 'import') {
    return isSdkModule(declaration.source)
      ? moduleEntity(declaration.source, declaration.imported)
      : undefined;
  }
  if (declaration.kind === 'param') {
    return declaration.fallback && declaration.path.length === 0
      ? sdkEntityOf(declaration.fallback, context, depth + 1)
      : undefined;
  }
  if (declaration.kind !== 'variable' || !declaration.init) {
    return undefined;
  }

  let entity = sdkEntityOf(declaration.init, context, depth + 1);
  for (const key of declaration.path) {
    entity = entity ? memberEntity(entity, key) : undefined;
  }

  return entity;
}

/** The expression a class assigns to `this.field`: initialiser, parameter default, constructor. */
export function thisFieldExpression(
  node: Node,
  field: string,
  context: FileContext,
): Expression | undefined {
  const owner = enclosingClass(context, node);

  return owner ? classFieldExpression(owner, field) : undefined;
}

function classFieldExpression(owner: Class, field: string): Expression | undefined {
  for (const member of owner.body.body) {
    const name = 'key' in member ? staticKeyName(member.key, member.computed) : undefined;
    if (member.type === 'PropertyDefinition' && name === field && member.value) {
      return member.value;
    }
    if (member.type !== 'MethodDefinition' || member.kind !== 'constructor') {
      continue;
    }
    for (const param of member.value.params) {
      const parameter = param.type === 'TSParameterProperty' ? param.parameter : undefined;
      if (
        parameter?.type === 'AssignmentPattern' &&
        parameter.left.type === 'Identifier' &&
        parameter.left.name === field
      ) {
        return parameter.right;
      }
    }
    for (const statement of member.value.body?.body ?? []) {
      if (
        statement.type !== 'ExpressionStatement' ||
        statement.expression.type !== 'AssignmentExpression'
      ) {
        continue;
      }
      const target = memberPath(statement.expression.left as Expression);
      if (target?.length === 2 && target[0] === 'this' && target[1] === field) {
        return statement.expression.right;
      }
    }
  }

  return undefined;
}

export function moduleBindingEntity(name: string, context: FileContext): SdkEntity | undefined {
  const declaration = context.bindings.moduleScope().get(name);

  return declaration ? declarationEntity(declaration, context, 0) : undefined;
}
