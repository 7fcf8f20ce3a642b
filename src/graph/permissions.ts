import type { Action, Operation } from '../code/facts.js';
import type {
  LambdaResource,
  PolicyStatement,
  TableResource,
  TemplateValue,
} from '../iac/resources.js';
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

function grantsNoData(policy: string | undefined): boolean {
  const name = /([A-Za-z0-9_+=,.@-]+)["'\]\s}]*$/.exec(policy ?? '')?.[1] ?? '';

  return (policy ?? '').includes(':iam::aws:policy/') && POLICIES_WITHOUT_DATA_ACCESS.has(name);
}

interface MatchContext {
  tablesById: Map<string, TableResource>;
  /** Tables whose logical id only one template uses, for formats that spread over files. */
  tablesByLogicalId: Map<string, TableResource>;
  /** Logical ids of queues, topics and Lambdas: a statement on them names no table. */
  otherResources: Set<string>;
  template: string;
}

/** Matches statements of one Lambda against actions and targets, with the templates' tables. */
export class PolicyMatcher {
  private readonly resources: Omit<MatchContext, 'template'>;

  constructor(graph: Graph) {
    const logicalIds = graph.tables.map(table => table.logicalId);
    const unique = graph.tables.filter(
      table => logicalIds.indexOf(table.logicalId) === logicalIds.lastIndexOf(table.logicalId),
    );
    this.resources = {
      tablesById: new Map(graph.tables.map(table => [table.id, table])),
      tablesByLogicalId: new Map(unique.map(table => [table.logicalId, table])),
      otherResources: new Set(
        [...graph.queues, ...graph.topics, ...graph.lambdas].map(resource => resource.logicalId),
      ),
    };
  }

  /** The statements that allow `action` on `target`, unless a Deny that surely matches wins. */
  allowing(lambda: LambdaResource, action: string, target: PermissionTarget): PolicyStatement[] {
    const context = { ...this.resources, template: lambda.template };
    const matches = (statement: PolicyStatement, unknownMatches: boolean) =>
      statement.actions.some(pattern => actionMatches(pattern, action)) &&
      statement.resources.some(resource =>
        resourceMatches(resource, target, { ...context, unknownMatches }),
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

    return statement.resources.some(resource => resourceMatches(resource, { tableName }, context));
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
  target: PermissionTarget,
  context: MatchContext & { unknownMatches: boolean },
): boolean {
  const pattern = patternOf(resource, context);
  if (pattern === undefined) {
    return false;
  }

  if (pattern === '*') {
    return true;
  }

  const arn = /^arn:([^:]*):([^:]*):([^:]*):([^:]*):(.*)$/.exec(pattern);
  if (arn) {
    return globMatches(arn[2] ?? '', 'dynamodb') && pathMatches(arn[5] ?? '', target, 'table/');
  }

  // A policy template is given the table's name and SAM builds the ARN around it; an inline
  // statement that names a table without an ARN is read the same way rather than reported.
  return pathMatches(pattern, target, pattern.startsWith('table/') ? 'table/' : '');
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
      return resourcePattern(value, context) ?? unknown;
    case 'join': {
      const parts = value.parts.map(part => patternOf(part, context) ?? UNKNOWN);
      return parts.join('');
    }
  }
}

function resourcePattern(
  value: { logicalId: string; attribute?: string },
  context: MatchContext,
): string | undefined {
  const table =
    context.tablesById.get(`${context.template}#${value.logicalId}`) ??
    context.tablesByLogicalId.get(value.logicalId);
  if (!table) {
    return context.otherResources.has(value.logicalId) ? UNKNOWN : undefined;
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

function escapeRegExp(text: string): string {
  return text.replace(/[.+^${}()|[\]\\]/g, '\\$&');
}
