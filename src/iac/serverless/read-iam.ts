import type { EventSource, PolicyStatement, TemplateValue } from '../resources.js';
import { stringOf, templateValueOf } from '../intrinsics.js';
import { rolePoliciesOf, samPoliciesOf, statementsOf } from '../read-policies.js';
import type { Template } from '../template.js';
import type { MapNode, TemplateNode } from '../template-node.js';
import { childAt, isMap } from '../template-node.js';
import { UNRESOLVED_KEY } from './serverless-node.js';

export interface LambdaRole {
  role?: TemplateValue;
  policies: PolicyStatement[];
}

// What Serverless grants on its own for a function's pollers, so reading from its queue or
// stream is never reported as missing.
const EVENT_ACTIONS: Partial<Record<EventSource['type'], string[]>> = {
  sqs: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'],
  dynamodb: [
    'dynamodb:GetRecords',
    'dynamodb:GetShardIterator',
    'dynamodb:DescribeStream',
    'dynamodb:ListStreams',
  ],
  kinesis: [
    'kinesis:GetRecords',
    'kinesis:GetShardIterator',
    'kinesis:DescribeStream',
    'kinesis:ListShards',
  ],
};

/**
 * The role of one function: the shared role Serverless builds from `provider.iam.role`
 * (or the older `provider.iamRoleStatements`), unless the function or provider names a role of
 * its own. Function-level `iamRoleStatements` (the per-function roles plugin) replace the
 * shared statements unless `iamRoleStatementsInherit` is set.
 */
export function roleOf(
  provider: TemplateNode | undefined,
  fn: TemplateNode,
  events: EventSource[],
  template: Template,
): LambdaRole {
  const providerRole = childAt(provider, 'iam', 'role');
  const namedRole =
    childAt(fn, 'role') ??
    (providerRole && !isMap(providerRole) ? providerRole : undefined) ??
    (isIntrinsic(providerRole) ? providerRole : undefined) ??
    childAt(provider, 'role');
  if (namedRole) {
    const role = templateValueOf(namedRole, template);
    return { role, policies: rolePoliciesOf(roleResourceOf(role), template) };
  }

  return {
    policies: [...sharedStatementsOf(provider, fn, template), ...eventStatementsOf(events)],
  };
}

function sharedStatementsOf(
  provider: TemplateNode | undefined,
  fn: TemplateNode,
  template: Template,
): PolicyStatement[] {
  const own = childAt(fn, 'iamRoleStatements');
  const inherits = stringOf(templateValueOf(childAt(fn, 'iamRoleStatementsInherit'), template));
  const provided = [
    ...statementListOf(childAt(provider, 'iam', 'role', 'statements'), template),
    ...statementListOf(childAt(provider, 'iamRoleStatements'), template),
    ...samPoliciesOf(childAt(provider, 'iam', 'role', 'managedPolicies'), template),
    ...samPoliciesOf(childAt(provider, 'iamManagedPolicies'), template),
  ];
  if (!own) {
    return provided;
  }

  return [...statementListOf(own, template), ...(inherits === 'true' ? provided : [])];
}

function statementListOf(list: TemplateNode | undefined, template: Template): PolicyStatement[] {
  if (!list) {
    return [];
  }

  const document: MapNode = {
    kind: 'map',
    entries: [{ key: 'Statement', keyLocation: list.location, value: list }],
    location: list.location,
    text: list.text,
  };

  return statementsOf(document, template);
}

function eventStatementsOf(events: EventSource[]): PolicyStatement[] {
  return events.flatMap(event => {
    const actions = EVENT_ACTIONS[event.type];
    if (!actions || !event.source) {
      return [];
    }

    return [
      {
        effect: 'Allow' as const,
        actions: [...actions],
        resources: [event.source],
        fromTemplate: `Serverless ${event.type} event`,
        location: event.location,
      },
    ];
  });
}

// `role: !GetAtt WorkerRole.Arn` is a map, but an intrinsic, not `{ statements: [...] }`; so
// is a variable that names a role only the deployment knows.
function isIntrinsic(node: TemplateNode | undefined): boolean {
  const key = isMap(node) && node.entries.length === 1 ? node.entries[0]?.key : undefined;

  return key === 'Ref' || key === UNRESOLVED_KEY || key?.startsWith('Fn::') === true;
}

function roleResourceOf(role: TemplateValue): TemplateValue {
  return role.kind === 'resource' ? { kind: 'resource', logicalId: role.logicalId } : role;
}
