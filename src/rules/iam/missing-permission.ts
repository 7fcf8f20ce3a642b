import type { Action } from '../../code/facts.js';
import type { EntryPoint, Publish, TableAccess } from '../../graph/graph.js';
import type { PermissionTarget } from '../../graph/permissions.js';
import {
  PolicyMatcher,
  arePoliciesKnown,
  permissionTargetOf,
  requiredPermission,
  shortAction,
} from '../../graph/permissions.js';
import type { LambdaResource, PolicyStatement } from '../../iac/resources.js';
import type { RelatedLocation } from '../../location.js';
import type { RawFinding } from '../finding.js';
import { NO_OPTIONS, defineRule } from '../rule.js';

export const missingPermission = defineRule({
  id: 'iam/missing-permission',
  severity: 'high',
  description:
    "Reports a DynamoDB operation, SQS send or SNS publish on a code path of a Lambda whose policies do not allow the operation's action on that table, index, queue or topic.",
  docs: {
    rationale:
      'A missing action or a resource ARN that does not cover the table or its index passes every deployment and fails only at run time with AccessDeniedException, often on a path tests do not take: a Query on a GSI needs the `table/NAME/index/*` ARN, a write needs more than DynamoDBReadPolicy.',
    example:
      'Policies: [{ DynamoDBReadPolicy: { TableName: !Ref Tasks } }] on a function whose code calls `new PutCommand({ TableName: process.env.TASKS_TABLE, ... })`.',
    fix: 'Grant the listed actions on the table ARN, and on `table/NAME/index/*` for index queries: a SAM policy template such as DynamoDBCrudPolicy, or an inline statement.',
    limitations: [
      'A Lambda whose role comes from outside the templates, or that has a managed policy or policy template infrawise does not know, is not checked.',
      'The items of a transaction are not told apart: a TransactWrite is reported only when none of PutItem, UpdateItem, DeleteItem and ConditionCheckItem is allowed on the table.',
      'PartiQL statements (ExecuteStatement) are not checked.',
      "A client built with credentials of its own (an authorizer's temporary credentials for tenant isolation) is still checked against the Lambda's role, and reported falsely.",
      'Sends and publishes are checked only when the queue or topic is defined in the templates read; a queue named by `!Ref` in a policy (its URL) is taken as granting.',
      'Conditions on statements (dynamodb:LeadingKeys, tags) and permission boundaries are not evaluated; a statement with a condition counts as allowing.',
    ],
  },

  options: NO_OPTIONS,

  check(graph) {
    if (graph.templatesRead === 0) {
      return [];
    }

    const matcher = new PolicyMatcher(graph);
    const checked = onceEach();
    const tableFindings = graph.accesses.flatMap(access => {
      const lambda = checked(access);
      return lambda ? findingsFor(matcher, access, lambda) : [];
    });
    const messageFindings = graph.publishes.flatMap(publish => {
      const lambda = checked(publish);
      return lambda ? messageFindingsFor(matcher, publish, lambda) : [];
    });

    return [...tableFindings, ...messageFindings];
  },
});

// The Lambda whose policies to check an operation against, the first time a code path of that
// Lambda reaches it; none when its policies are not all known.
function onceEach(): (path: TableAccess | Publish) => LambdaResource | undefined {
  const seen = new Set<string>();

  return path => {
    const lambda = path.entryPoint?.lambda;
    const key = `${path.operation.id}|${lambda?.id ?? ''}`;
    if (!lambda || seen.has(key) || !arePoliciesKnown(lambda)) {
      return undefined;
    }

    seen.add(key);
    return lambda;
  };
}

const MESSAGE_CALLS: Partial<Record<Action, string>> = {
  send: 'SendMessage',
  'send-batch': 'SendMessageBatch',
  publish: 'Publish',
  'publish-batch': 'PublishBatch',
};

function messageFindingsFor(
  matcher: PolicyMatcher,
  publish: Publish,
  lambda: LambdaResource,
): RawFinding[] {
  const required = requiredPermission(publish.operation);
  const target = publish.target;
  if (!required || (target.kind !== 'queue' && target.kind !== 'topic')) {
    return [];
  }

  const service = target.kind === 'queue' ? 'sqs' : 'sns';
  const subject = { service, name: target.name } as const;
  const missing = required.actions.filter(
    action => matcher.allowingMessage(lambda, action, subject).length === 0,
  );
  if (missing.length === 0) {
    return [];
  }

  const resource = target.kind === 'queue' ? target.queue : target.topic;
  const what = `${target.kind} "${target.name}"`;
  const arn = `arn:aws:${service}:REGION:ACCOUNT:${target.name}`;

  return [
    {
      message: `${MESSAGE_CALLS[publish.operation.action] ?? 'A send'} to ${what} runs as Lambda "${lambda.logicalId}", whose policies do not allow ${missing.join(', ')} on ${arn}; the call fails with AccessDeniedException.`,
      location: publish.operation.location,
      related: [
        ...relatedOf(publish.entryPoint, lambda, []),
        { ...resource.location, label: `${target.kind} ${resource.logicalId}` },
      ],
      recommendation: `Allow ${missing.map(shortAction).join(', ')} on ${what} (${arn}) in the Lambda's policies${service === 'sqs' ? ', for example SQSSendMessagePolicy' : ', for example SNSPublishMessagePolicy'}.`,
      subject: `${lambda.id}|${publish.operation.codeFunction}|${publish.operation.action}|${service}:${target.name}`,
    },
  ];
}

function findingsFor(
  matcher: PolicyMatcher,
  access: TableAccess,
  lambda: LambdaResource,
): RawFinding[] {
  const required = requiredPermission(access.operation);
  const target = permissionTargetOf(access);
  if (!required || !target) {
    return [];
  }

  const allowed = required.actions.filter(
    action => matcher.allowing(lambda, action, target).length > 0,
  );
  const missing = required.actions.filter(action => !allowed.includes(action));
  if (missing.length === 0 || (required.anyOf && allowed.length > 0)) {
    return [];
  }

  const naming = lambda.policies.filter(statement =>
    matcher.coversTable(lambda, statement, target.tableName),
  );

  return [
    {
      message: messageOf(access, lambda, target, missing, required.anyOf),
      location: access.operation.location,
      related: relatedOf(access.entryPoint, lambda, naming),
      recommendation: recommendationOf(target, missing, required.anyOf),
      subject: `${lambda.id}|${access.operation.codeFunction}|${access.operation.action}|${target.tableName}|${target.index ?? ''}`,
    },
  ];
}

function messageOf(
  access: TableAccess,
  lambda: LambdaResource,
  target: PermissionTarget,
  missing: string[],
  anyOf: boolean,
): string {
  const actions = missing.join(anyOf ? ' or ' : ', ');
  const place = describePlace(target);
  const what = `${capitalised(access.operation.action)} on ${place}`;

  return `${what} runs as Lambda "${lambda.logicalId}", whose policies do not allow ${actions} on ${arnOf(target)}; the call fails with AccessDeniedException.`;
}

function describePlace(target: PermissionTarget): string {
  if (target.index === undefined) {
    return `table "${target.tableName}"`;
  }

  const index = target.index === null ? 'an index' : `index "${target.index}"`;

  return `${index} of table "${target.tableName}"`;
}

function arnOf(target: PermissionTarget): string {
  const table = `table/${target.tableName}`;
  if (target.index === undefined) {
    return table;
  }

  return `${table}/index/${target.index ?? '*'}`;
}

function recommendationOf(target: PermissionTarget, missing: string[], anyOf: boolean): string {
  const actions = missing.map(shortAction).join(anyOf ? ' or ' : ', ');
  const indexNote =
    target.index === undefined
      ? ''
      : `, including the index ARN (arn:aws:dynamodb:REGION:ACCOUNT:table/${target.tableName}/index/*)`;

  return `Allow ${actions} on table "${target.tableName}"${indexNote} in the Lambda's policies.`;
}

function relatedOf(
  entryPoint: EntryPoint | undefined,
  lambda: LambdaResource,
  naming: PolicyStatement[],
): RelatedLocation[] {
  const statements = naming.map(statement => ({
    ...statement.location,
    label: `${statement.fromTemplate ?? 'policy statement'} allows ${statement.actions.join(', ')} here`,
  }));

  return [
    { ...lambda.location, label: `Lambda ${lambda.logicalId}` },
    ...(entryPoint ? [{ ...entryPoint.location, label: `entry point ${entryPoint.label}` }] : []),
    ...statements,
  ];
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
