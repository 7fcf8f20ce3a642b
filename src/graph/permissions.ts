import type { Action, Operation } from '../code/facts.js';
import type {
  LambdaResource,
  PolicyStatement,
  QueueResource,
  TableResource,
  TemplateValue,
  TopicResource,
} from '../iac/resources.js';
import { escapeRegExp } from '../regexp-text.js';
import type { Graph, TableAccess } from './graph.js';

/**
 * The IAM actions an operation needs. `anyOf` lists alternatives when the code does not say
 * which one applies: a transaction needs the action of each of its items.
 */
export interface RequiredPermission {
  actions: string[];
  anyOf: boolean;
}

// Transactions have no IAM action of their own; each item is authorised as the single-item
// action it performs (a ConditionCheck as dynamodb:ConditionCheckItem).
const ACTIONS: Partial<Record<Action, RequiredPermission>> = {
  get: { actions: ['dynamodb:GetItem'], anyOf: false },
  put: { actions: ['dynamodb:PutItem'], anyOf: false },
  update: { actions: ['dynamodb:UpdateItem'], anyOf: false },
  delete: { actions: ['dynamodb:DeleteItem'], anyOf: false },
  query: { actions: ['dynamodb:Query'], anyOf: false },
  scan: { actions: ['dynamodb:Scan'], anyOf: false },
  'batch-get': { actions: ['dynamodb:BatchGetItem'], anyOf: false },
  'batch-write': { actions: ['dynamodb:BatchWriteItem'], anyOf: false },
  'transact-get': { actions: ['dynamodb:GetItem'], anyOf: false },
  'transact-write': {
    actions: [
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:DeleteItem',
      'dynamodb:ConditionCheckItem',
    ],
    anyOf: true,
  },
  // The batch calls are authorised by the single-message actions.
  send: { actions: ['sqs:SendMessage'], anyOf: false },
  'send-batch': { actions: ['sqs:SendMessage'], anyOf: false },
  publish: { actions: ['sns:Publish'], anyOf: false },
  'publish-batch': { actions: ['sns:Publish'], anyOf: false },
};

export const WRITE_ACTIONS = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
];

// Limitation: PartiQL statements are not mapped to their PartiQL actions. Breaks on
// `ExecuteStatementCommand({ Statement: 'UPDATE ...' })`: no permission is checked for it.
export function requiredPermission(operation: Operation): RequiredPermission | undefined {
  return ACTIONS[operation.action];
}

/** The item or index an access needs permission on. */
export interface PermissionTarget {
  tableName: string;
  /** The index a Query or Scan names; `null` when it names one the scan could not resolve. */
  index?: string | null;
}

/** The queue or topic a send or publish needs permission on. */
export interface MessagePermissionTarget {
  service: 'sqs' | 'sns';
  name: string;
}

type Subject = { service: 'dynamodb'; table: PermissionTarget } | MessagePermissionTarget;

export function permissionTargetOf(access: TableAccess): PermissionTarget | undefined {
  const target = access.target;
  if (target.kind === 'unresolved') {
    return undefined;
  }

  const indexName = access.operation.indexName;
  const usesIndex = access.operation.action === 'query' || access.operation.action === 'scan';
  if (!indexName || !usesIndex) {
    return { tableName: target.name };
  }

  return { tableName: target.name, index: indexName.kind === 'literal' ? indexName.value : null };
}

/**
 * Whether the Lambda's statements are all known. A role from outside the template, a managed
 * policy or policy template this project does not know, or a statement whose actions did not
 * resolve could grant anything, so rules that need the full picture stay silent.
 */
export function arePoliciesKnown(lambda: LambdaResource): boolean {
  if (lambda.role && lambda.role.kind !== 'resource') {
    return false;
  }

  return lambda.policies.every(
    statement => statement.actions.length > 0 || grantsNoData(statement.fromTemplate),
  );
}

// AWS managed policies for logging, tracing and networking. CDK writes their ARNs as a join
// with `AWS::Partition`, which leaves the statement without actions though nothing is unknown.
const POLICIES_WITHOUT_DATA_ACCESS = new Set([
  'AWSLambdaBasicExecutionRole',
  'AWSLambdaVPCAccessExecutionRole',
  'AWSXRayDaemonWriteAccess',
  'AWSXrayWriteOnlyAccess',
  'CloudWatchLambdaInsightsExecutionRolePolicy',
]);

// SAM names them bare (`Policies: [AWSLambdaBasicExecutionRole]`), CloudFormation by ARN.
function grantsNoData(policy: string | undefined): boolean {
  const text = policy ?? '';
  const name = /([A-Za-z0-9_+=,.@-]+)["'\]\s}]*$/.exec(text)?.[1] ?? '';
  const isAwsManaged = text === name || text.includes(':iam::aws:policy/');

  return isAwsManaged && POLICIES_WITHOUT_DATA_ACCESS.has(name);
}

/** Resources of one kind by id, and by logical id where only one template uses it. */
interface ResourceLookup<Named extends { id: string; logicalId: string }> {
  byId: Map<string, Named>;
  /** For formats that spread one application over several files. */
  byLogicalId: Map<string, Named>;
}

interface MatchContext {
  tables: ResourceLookup<TableResource>;
  queues: ResourceLookup<QueueResource>;
  topics: ResourceLookup<TopicResource>;
  /** The kinds of resource each logical id names: one of another kind names no subject. */
  kindsByLogicalId: Map<string, Set<string>>;
  template: string;
}

function lookupOf<Named extends { id: string; logicalId: string }>(
  resources: Named[],
): ResourceLookup<Named> {
  const logicalIds = resources.map(resource => resource.logicalId);
  const unique = resources.filter(
    resource =>
      logicalIds.indexOf(resource.logicalId) === logicalIds.lastIndexOf(resource.logicalId),
  );

  return {
    byId: new Map(resources.map(resource => [resource.id, resource])),
    byLogicalId: new Map(unique.map(resource => [resource.logicalId, resource])),
  };
}

function lookUp<Named extends { id: string; logicalId: string }>(
  lookup: ResourceLookup<Named>,
  logicalId: string,
  template: string,
): Named | undefined {
  return lookup.byId.get(`${template}#${logicalId}`) ?? lookup.byLogicalId.get(logicalId);
}

/** Matches statements of one Lambda against actions and targets, with the templates' tables. */
export class PolicyMatcher {
  private readonly resources: Omit<MatchContext, 'template'>;

  constructor(graph: Graph) {
    this.resources = {
      tables: lookupOf(graph.tables),
      queues: lookupOf(graph.queues),
      topics: lookupOf(graph.topics),
      kindsByLogicalId: kindsByLogicalId([
        ...graph.tables,
        ...graph.queues,
        ...graph.topics,
        ...graph.lambdas,
      ]),
    };
  }

  /** The statements that allow `action` on `target`, unless a Deny that surely matches wins. */
  allowing(lambda: LambdaResource, action: string, target: PermissionTarget): PolicyStatement[] {
    return this.allowingOn(lambda, action, { service: 'dynamodb', table: target });
  }

  /** The statements that allow a send or publish on a queue or topic. */
  allowingMessage(
    lambda: LambdaResource,
    action: string,
    target: MessagePermissionTarget,
  ): PolicyStatement[] {
    return this.allowingOn(lambda, action, target);
  }

  private allowingOn(lambda: LambdaResource, action: string, subject: Subject): PolicyStatement[] {
    const context = { ...this.resources, template: lambda.template };
    const matches = (statement: PolicyStatement, unknownMatches: boolean) =>
      statement.actions.some(pattern => actionMatches(pattern, action)) &&
      statement.resources.some(resource =>
        resourceMatches(resource, subject, { ...context, unknownMatches }),
      );
    const denied = lambda.policies.some(
      statement => statement.effect === 'Deny' && matches(statement, false),
    );

    return denied
      ? []
      : lambda.policies.filter(
          statement => statement.effect === 'Allow' && matches(statement, true),
        );
  }

  /** Whether a statement names this table (or every table) for certain. */
  coversTable(lambda: LambdaResource, statement: PolicyStatement, tableName: string): boolean {
    const context = { ...this.resources, template: lambda.template, unknownMatches: false };

    const subject: Subject = { service: 'dynamodb', table: { tableName } };

    return statement.resources.some(resource => resourceMatches(resource, subject, context));
  }
}

export function actionMatches(pattern: string, action: string): boolean {
  return globMatches(pattern.toLowerCase(), action.toLowerCase());
}

export function isWildcardResource(value: TemplateValue): boolean {
  return value.kind === 'literal' && value.value === '*';
}

/** `dynamodb:PutItem` → `PutItem`, for messages. */
export function shortAction(action: string): string {
  return action.slice(action.indexOf(':') + 1);
}

function resourceMatches(
  resource: TemplateValue,
  subject: Subject,
  context: MatchContext & { unknownMatches: boolean },
): boolean {
  const pattern = patternOf(resource, subject.service, context);
  if (pattern === undefined) {
    return false;
  }

  if (pattern === '*') {
    return true;
  }

  const arn = /^arn:([^:]*):([^:]*):([^:]*):([^:]*):(.*)$/.exec(pattern);
  const resourcePart = arn ? (arn[5] ?? '') : pattern;
  if (arn && !globMatches(arn[2] ?? '', subject.service)) {
    return false;
  }

  if (subject.service !== 'dynamodb') {
    return globMatches(resourcePart, subject.name);
  }

  // A policy template is given the table's name and SAM builds the ARN around it; an inline
  // statement that names a table without an ARN is read the same way rather than reported.
  const prefix = arn || pattern.startsWith('table/') ? 'table/' : '';

  return pathMatches(resourcePart, subject.table, prefix);
}

function pathMatches(pattern: string, target: PermissionTarget, prefix: string): boolean {
  const table = `${prefix}${target.tableName}`;
  if (target.index === undefined) {
    return globMatches(pattern, table);
  }

  if (target.index === null) {
    return pattern.startsWith(`${table}/index/`) || globMatches(pattern, `${table}/index/x`);
  }

  return globMatches(pattern, `${table}/index/${target.index}`);
}

const UNKNOWN = '\u0000';

// A resource pattern as text. Parts the templates do not decide (`${AWS::AccountId}`, a
// parameter without a default) become `*` when unknown parts may match, and a character no
// ARN holds otherwise, so that a Deny only wins when it surely applies.
function patternOf(
  value: TemplateValue,
  service: Subject['service'],
  context: MatchContext & { unknownMatches: boolean },
): string | undefined {
  const unknown = context.unknownMatches ? '*' : UNKNOWN;
  switch (value.kind) {
    case 'literal':
      return value.value;
    case 'parameter':
      return value.default ?? unknown;
    case 'unresolved':
      return unknown;
    case 'resource':
      return resourcePattern(value, service, context) ?? unknown;
    case 'join': {
      const parts = value.parts.map(part => patternOf(part, service, context) ?? UNKNOWN);
      return parts.join('');
    }
  }
}

type Reference = { logicalId: string; attribute?: string };

// A reference to a resource of another kind than the subject's names no subject; one to a
// resource no template defines could name anything.
function resourcePattern(
  value: Reference,
  service: Subject['service'],
  context: MatchContext,
): string | undefined {
  const pattern =
    service === 'dynamodb'
      ? tablePattern(value, context)
      : service === 'sqs'
        ? queuePattern(value, context)
        : topicPattern(value, context);
  const kinds = context.kindsByLogicalId.get(value.logicalId);
  if (pattern === undefined && kinds && !kinds.has(SUBJECT_KINDS[service])) {
    return UNKNOWN;
  }

  return pattern;
}

const SUBJECT_KINDS = { dynamodb: 'table', sqs: 'queue', sns: 'topic' } as const;

function kindsByLogicalId(resources: Array<{ kind: string; logicalId: string }>) {
  const kinds = new Map<string, Set<string>>();
  for (const { kind, logicalId } of resources) {
    kinds.set(logicalId, (kinds.get(logicalId) ?? new Set()).add(kind));
  }

  return kinds;
}

// Limitation: `!Ref Queue` (its URL) is read as the queue's name. Breaks on
// `SQSSendMessagePolicy: { QueueName: !Ref Queue }`, which AWS refuses but is not reported.
function queuePattern(value: Reference, context: MatchContext): string | undefined {
  const queue = lookUp(context.queues, value.logicalId, context.template);
  if (!queue) {
    return undefined;
  }

  const attribute = value.attribute?.toLowerCase() ?? '';

  return attribute === 'arn' ? `arn:*:sqs:*:*:${queue.name}` : queue.name;
}

function topicPattern(value: Reference, context: MatchContext): string | undefined {
  const topic = lookUp(context.topics, value.logicalId, context.template);
  if (!topic) {
    return undefined;
  }

  const attribute = value.attribute?.toLowerCase() ?? '';

  return attribute === 'topicname' ? topic.name : `arn:*:sns:*:*:${topic.name}`;
}

function tablePattern(value: Reference, context: MatchContext): string | undefined {
  const table = lookUp(context.tables, value.logicalId, context.template);
  if (!table) {
    return undefined;
  }

  const attribute = (value.attribute ?? 'name').toLowerCase();
  if (attribute === 'name' || attribute === 'id') {
    return table.name;
  }

  const arn = `arn:*:dynamodb:*:*:table/${table.name}`;
  if (attribute.includes('stream')) {
    return `${arn}/stream/*`;
  }

  return attribute.includes('arn') ? arn : undefined;
}

// IAM wildcards: `*` is any run of characters, `/` included, and `?` is one character.
function globMatches(pattern: string, text: string): boolean {
  const source = pattern
    .split('*')
    .map(piece => piece.split('?').map(escapeRegExp).join('.'))
    .join('.*');

  return new RegExp(`^${source}$`).test(text);
}
