import type { Expression } from 'oxc-parser';
import { memberPath } from '../../code/ast.js';
import type { Location } from '../../location.js';
import type {
  LambdaResource,
  PolicyStatement,
  TableResource,
  TemplateValue,
} from '../resources.js';
import { handlerOfConstruct } from './construct-handler.js';
import { entriesOf, numberPropOf, propOf, runtimeOf, secondsOf } from './construct-props.js';
import type { CdkSource, ConstructFact, MethodCallFact } from './parse-cdk-source.js';
import type { TablesByVariable } from './source-tables.js';
import { escapeRegExp } from '../../regexp-text.js';
import { staticStringOf } from './static-values.js';

const READ_ACTIONS = [
  'dynamodb:BatchGetItem',
  'dynamodb:GetRecords',
  'dynamodb:GetShardIterator',
  'dynamodb:Query',
  'dynamodb:GetItem',
  'dynamodb:Scan',
  'dynamodb:ConditionCheckItem',
  'dynamodb:DescribeTable',
];
const WRITE_ACTIONS = [
  'dynamodb:BatchWriteItem',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:DescribeTable',
];
const STREAM_ACTIONS = [
  'dynamodb:DescribeStream',
  'dynamodb:GetRecords',
  'dynamodb:GetShardIterator',
];

// The actions each grant method of a table adds to the grantee's role, as the CDK writes them.
const GRANT_ACTIONS: Record<string, string[]> = {
  grantReadData: READ_ACTIONS,
  grantWriteData: WRITE_ACTIONS,
  grantReadWriteData: [...new Set([...READ_ACTIONS, ...WRITE_ACTIONS])],
  grantFullAccess: ['dynamodb:*'],
  grantStreamRead: STREAM_ACTIONS,
};

// The table attributes a value can name, and the template attribute each one stands for.
const TABLE_ATTRIBUTES: Record<string, string | undefined> = {
  tableName: undefined,
  tableArn: 'Arn',
  tableStreamArn: 'StreamArn',
};

/** A Lambda as its construct and the calls on it state: code, settings, environment, grants. */
export function readSourceFunction(
  construct: ConstructFact,
  source: CdkSource,
  tables: TablesByVariable,
  root: string,
): LambdaResource {
  const lambda: LambdaResource = {
    kind: 'lambda',
    id: `${source.file}#${construct.id}`,
    logicalId: construct.id,
    template: source.file,
    location: construct.location,
    constructLocation: construct.location,
    ...environmentOf(construct, source, tables),
    events: [],
    policies: policiesOf(construct, source, tables),
  };
  assignSettings(lambda, construct, source);
  const handler = handlerOfConstruct(construct, source, root);
  if (handler) {
    lambda.handler = handler;
  }

  return lambda;
}

function assignSettings(lambda: LambdaResource, construct: ConstructFact, source: CdkSource): void {
  const props = construct.props;
  const constants = source.scope.constants;
  const functionName = staticStringOf(propOf(props, 'functionName', constants), source.scope);
  const runtime = runtimeOf(propOf(props, 'runtime', constants));
  const timeout = secondsOf(propOf(props, 'timeout', constants));
  const memorySize = numberPropOf(props, 'memorySize', constants);
  if (functionName !== undefined) {
    lambda.functionName = functionName;
  }

  if (runtime !== undefined) {
    lambda.runtime = runtime;
  }

  if (timeout !== undefined) {
    lambda.timeout = timeout;
  }

  if (memorySize !== undefined) {
    lambda.memorySize = memorySize;
  }
}

function environmentOf(construct: ConstructFact, source: CdkSource, tables: TablesByVariable) {
  const environment: Record<string, TemplateValue> = {};
  const environmentLocations: Record<string, Location> = {};
  const set = (name: string, value: Expression, at: number) => {
    environment[name] = valueOf(value, source, tables);
    environmentLocations[name] = source.lines.locate(source.file, at);
  };

  for (const entry of entriesOf(
    propOf(construct.props, 'environment', source.scope.constants),
    source.scope.constants,
  )) {
    set(entry.key, entry.value, entry.value.start);
  }

  for (const call of callsOn(construct, source, 'addEnvironment')) {
    const name = staticStringOf(call.arguments[0], source.scope);
    const value = call.arguments[1] as Expression | undefined;
    if (name !== undefined && value) {
      set(name, value, value.start);
    }
  }

  return { environment, environmentLocations };
}

// Limitation: only a table made in the same file is followed. Breaks on
// `environment: { TABLE: props.table.tableName }` with the table made in another stack file:
// the variable stays unresolved with that text.
function valueOf(node: Expression, source: CdkSource, tables: TablesByVariable): TemplateValue {
  const literal = staticStringOf(node, source.scope);
  if (literal !== undefined) {
    return { kind: 'literal', value: literal };
  }

  const path = memberPath(node);
  const attribute = path?.at(-1);
  const table = path ? tables.get(path.slice(0, -1).join('.')) : undefined;
  if (table && attribute !== undefined && attribute in TABLE_ATTRIBUTES) {
    const templateAttribute = TABLE_ATTRIBUTES[attribute];
    return templateAttribute === undefined
      ? { kind: 'resource', logicalId: table.logicalId }
      : { kind: 'resource', logicalId: table.logicalId, attribute: templateAttribute };
  }

  return { kind: 'unresolved', text: source.text.slice(node.start, node.end) };
}

function policiesOf(
  construct: ConstructFact,
  source: CdkSource,
  tables: TablesByVariable,
): PolicyStatement[] {
  const variable = construct.variable;
  if (variable === undefined) {
    return [unknownGrants(construct.location, 'a construct kept in no variable')];
  }

  const grants = source.calls.filter(
    call =>
      call.method.startsWith('grant') &&
      memberPath(call.arguments[0] as Expression)?.join('.') === variable,
  );
  const statements = grants.flatMap(call => {
    const table = tables.get(call.receiver);
    const actions = table ? actionsOf(call, source) : undefined;
    return table && actions ? [grantStatementOf(table, actions, call.location)] : [];
  });
  const unread = unreadGrant(construct, variable, source, statements.length === grants.length);

  return unread ? [...statements, unread] : statements;
}

// Role changes the source states in ways not read here; any of them may grant what the code
// needs, so the Lambda's permissions count as unknown rather than as missing.
const ROLE_METHODS = new Set([
  'addToRolePolicy',
  'addToPrincipalPolicy',
  'addManagedPolicy',
  'attachInlinePolicy',
]);

function unreadGrant(
  construct: ConstructFact,
  variable: string,
  source: CdkSource,
  everyGrantRead: boolean,
): PolicyStatement | undefined {
  if (!everyGrantRead) {
    return unknownGrants(construct.location, 'a grant on a resource not read from source');
  }

  if (propOf(construct.props, 'role', source.scope.constants) !== undefined) {
    return unknownGrants(construct.location, 'a role given as a prop');
  }

  if (propOf(construct.props, 'initialPolicy', source.scope.constants) !== undefined) {
    return unknownGrants(construct.location, 'initialPolicy statements');
  }

  const ownsReceiver = (receiver: string) =>
    receiver === variable || receiver.startsWith(`${variable}.`);
  const other = source.calls.find(
    call =>
      (ownsReceiver(call.receiver) && ROLE_METHODS.has(call.method)) ||
      (call.method.startsWith('grant') &&
        memberPath(call.arguments[0] as Expression)?.join('.') !== variable &&
        call.arguments.some(arg => mentions(arg, variable, source))),
  );

  return other ? unknownGrants(other.location, `${other.method}()`) : undefined;
}

function mentions(node: unknown, variable: string, source: CdkSource): boolean {
  const { start, end } = node as { start: number; end: number };
  const text = source.text.slice(start, end);

  return new RegExp(`(^|[^\\w$.])${escapeRegExp(variable)}\\b`).test(text);
}

function unknownGrants(location: Location, what: string): PolicyStatement {
  return {
    effect: 'Allow',
    actions: [],
    resources: [],
    fromTemplate: `CDK source: ${what}`,
    location,
  };
}

// `table.grant(fn, 'dynamodb:PutItem')` names its actions; the others imply them.
function actionsOf(call: MethodCallFact, source: CdkSource): string[] | undefined {
  if (call.method !== 'grant') {
    return GRANT_ACTIONS[call.method];
  }

  return call.arguments.slice(1).flatMap(arg => staticStringOf(arg, source.scope) ?? []);
}

// The CDK adds `<arn>/index/*` only when the table has indexes, so a grant without indexes
// does not cover an index added later in the console.
function grantStatementOf(
  table: TableResource,
  actions: string[],
  location: Location,
): PolicyStatement {
  const arn: TemplateValue = { kind: 'resource', logicalId: table.logicalId, attribute: 'Arn' };
  const indexArn: TemplateValue = {
    kind: 'join',
    parts: [arn, { kind: 'literal', value: '/index/*' }],
  };
  const isStream = actions === STREAM_ACTIONS;
  const streamArn: TemplateValue = {
    kind: 'resource',
    logicalId: table.logicalId,
    attribute: 'StreamArn',
  };
  const resources = isStream ? [streamArn] : table.indexes.length > 0 ? [arn, indexArn] : [arn];

  return { effect: 'Allow', actions: [...actions], resources, location };
}

function callsOn(construct: ConstructFact, source: CdkSource, method: string): MethodCallFact[] {
  return source.calls.filter(
    call =>
      call.method === method &&
      construct.variable !== undefined &&
      call.receiver === construct.variable,
  );
}
