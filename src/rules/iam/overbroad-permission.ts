import type { TableAccess } from '../../graph/graph.js';
import {
  PolicyMatcher,
  WRITE_ACTIONS,
  actionMatches,
  arePoliciesKnown,
  isWildcardResource,
} from '../../graph/permissions.js';
import type { LambdaResource, PolicyStatement } from '../../iac/resources.js';
import type { RawFinding } from '../finding.js';
import { NO_OPTIONS, defineRule } from '../rule.js';

const READ_ACCESS = new Set(['read', 'query', 'scan']);

export const overbroadPermission = defineRule({
  id: 'iam/overbroad-permission',
  severity: 'low',
  description:
    'Reports a Lambda granted `dynamodb:*` or a `Resource: "*"` write statement on a table that its code paths only read.',
  docs: {
    rationale:
      'A function that only reads a table but may write or delete in it turns a bug or a leaked credential into lost data; least privilege keeps the damage to what the code needs.',
    example:
      'A handler that only calls GetCommand, with `Action: dynamodb:*` on `!GetAtt Orders.Arn`.',
    fix: "Grant only the read actions the code uses (DynamoDBReadPolicy, or GetItem/Query on the table and its indexes) and name the table's ARN instead of `*`.",
    limitations: [
      'A Lambda with any write whose table did not resolve is not reported, since that write may go to this table.',
      'Explicit lists of write actions on the table itself (DynamoDBCrudPolicy on a read-only function) are not reported; only wildcards are.',
    ],
  },

  options: NO_OPTIONS,

  check(graph) {
    const matcher = new PolicyMatcher(graph);

    return graph.lambdas
      .filter(arePoliciesKnown)
      .flatMap(lambda => findingsFor(matcher, lambda, graph.accessesOfLambda(lambda)));
  },
});

function findingsFor(
  matcher: PolicyMatcher,
  lambda: LambdaResource,
  accesses: TableAccess[],
): RawFinding[] {
  const writesSomewhereUnknown = accesses.some(
    access => !READ_ACCESS.has(access.operation.access) && access.target.kind === 'unresolved',
  );
  if (writesSomewhereUnknown) {
    return [];
  }

  return readOnlyTables(accesses).flatMap(([tableName, reads]) => {
    const broad = lambda.policies.filter(
      statement => isBroadWrite(statement) && matcher.coversTable(lambda, statement, tableName),
    );
    const [first] = broad;
    return first ? [findingFor(lambda, tableName, reads, first)] : [];
  });
}

function readOnlyTables(accesses: TableAccess[]): [string, TableAccess[]][] {
  const byTable = new Map<string, TableAccess[]>();
  for (const access of accesses) {
    if (access.target.kind !== 'unresolved') {
      byTable.set(access.target.name, [...(byTable.get(access.target.name) ?? []), access]);
    }
  }

  return [...byTable].filter(([, group]) =>
    group.every(access => READ_ACCESS.has(access.operation.access)),
  );
}

function isBroadWrite(statement: PolicyStatement): boolean {
  const writes = statement.actions.some(pattern =>
    WRITE_ACTIONS.some(action => actionMatches(pattern, action)),
  );
  const wildcardAction = statement.actions.some(
    pattern => pattern === '*' || pattern === 'dynamodb:*',
  );

  return (
    statement.effect === 'Allow' &&
    writes &&
    (wildcardAction || statement.resources.some(isWildcardResource))
  );
}

function findingFor(
  lambda: LambdaResource,
  tableName: string,
  reads: TableAccess[],
  statement: PolicyStatement,
): RawFinding {
  const grant = statement.resources.some(isWildcardResource)
    ? `${statement.actions.join(', ')} on every resource`
    : statement.actions.join(', ');
  const actions = [...new Set(reads.map(access => access.operation.action))].join(', ');

  return {
    message: `Lambda "${lambda.logicalId}" only reads table "${tableName}" (${actions}) but is granted ${grant}, which includes writes and deletes.`,
    location: statement.location,
    related: [
      { ...lambda.location, label: `Lambda ${lambda.logicalId}` },
      ...reads.map(access => ({
        ...access.operation.location,
        label: `${access.operation.action} on ${tableName}`,
      })),
    ],
    recommendation: `Grant only the read actions the code uses on table "${tableName}" (for example DynamoDBReadPolicy).`,
    subject: `${lambda.id}|${tableName}`,
  };
}
