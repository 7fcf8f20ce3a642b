import type { EntryPoint, TableAccess } from '../../graph/graph.js';
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
    "Reports a DynamoDB operation on a code path of a Lambda whose policies do not allow the operation's action on that table or index.",
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
      'Conditions on statements (dynamodb:LeadingKeys, tags) and permission boundaries are not evaluated; a statement with a condition counts as allowing.',
    ],
  },

  options: NO_OPTIONS,

  check(graph) {
    if (graph.templatesRead === 0) {
      return [];
    }

    const matcher = new PolicyMatcher(graph);
    const seen = new Set<string>();

    return graph.accesses.flatMap(access => {
      const lambda = access.entryPoint?.lambda;
      const key = `${access.operation.id}|${lambda?.id ?? ''}`;
      if (!lambda || seen.has(key) || !arePoliciesKnown(lambda)) {
        return [];
      }

      seen.add(key);
      return findingsFor(matcher, access, lambda);
    });
  },
});

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
