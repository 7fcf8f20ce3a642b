import type { Location } from '../location.js';
import type { PolicyStatement, TemplateValue } from './resources.js';
import { stringOf, templateValueOf } from './intrinsics.js';
import { MANAGED_POLICIES, SAM_POLICY_TEMPLATES } from './sam-policy-templates.js';
import type { Template, TemplateResource } from './template.js';
import type { TemplateNode } from './template-node.js';
import { childAt, entryOf, isMap, itemsOf, scalarText } from './template-node.js';

const ROLE_POLICY_TYPES = new Set(['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy']);

/** SAM `Policies`: managed policy names, policy templates and inline policy documents. */
export function samPoliciesOf(
  node: TemplateNode | undefined,
  template: Template,
): PolicyStatement[] {
  if (isMap(node) && entryOf(node, 'Statement')) {
    return statementsOf(node, template);
  }

  return itemsOf(node).flatMap(item => samPolicyItemOf(item, template));
}

/** The statements of a role of the same template, with the policies attached to it. */
export function rolePoliciesOf(role: TemplateValue, template: Template): PolicyStatement[] {
  const resource =
    role.kind === 'resource' ? template.resourcesById.get(role.logicalId) : undefined;
  if (resource?.type !== 'AWS::IAM::Role') {
    return [];
  }

  const inline = itemsOf(childAt(resource.properties, 'Policies')).flatMap(policy =>
    statementsOf(childAt(policy, 'PolicyDocument'), template),
  );
  const managed = itemsOf(childAt(resource.properties, 'ManagedPolicyArns')).flatMap(arn =>
    managedArnOf(arn, template),
  );
  const attached = template.resources
    .filter(
      candidate =>
        ROLE_POLICY_TYPES.has(candidate.type) && isAttachedTo(candidate, resource, template),
    )
    .flatMap(policy => statementsOf(childAt(policy.properties, 'PolicyDocument'), template));

  return [...inline, ...managed, ...attached];
}

/** The statements of an IAM policy document. */
export function statementsOf(
  document: TemplateNode | undefined,
  template: Template,
): PolicyStatement[] {
  return itemsOf(childAt(document, 'Statement')).flatMap(statement => {
    if (!isMap(statement)) {
      return [];
    }

    const effect = scalarText(childAt(statement, 'Effect')) === 'Deny' ? 'Deny' : 'Allow';
    const actions = itemsOf(childAt(statement, 'Action')).flatMap(
      action => stringOf(templateValueOf(action, template)) ?? [],
    );
    const resources = itemsOf(childAt(statement, 'Resource')).map(resource =>
      templateValueOf(resource, template),
    );

    return [{ effect, actions, resources, location: statement.location }];
  });
}

function samPolicyItemOf(item: TemplateNode, template: Template): PolicyStatement[] {
  const name = scalarText(item);
  if (name !== undefined) {
    return [managedPolicyOf(name, item.location)];
  }

  if (!isMap(item)) {
    return [];
  }

  if (entryOf(item, 'Statement')) {
    return statementsOf(item, template);
  }

  const entry = item.entries.length === 1 ? item.entries[0] : undefined;
  const policyTemplate = entry ? SAM_POLICY_TEMPLATES[entry.key] : undefined;
  if (!entry || !policyTemplate) {
    return [
      {
        effect: 'Allow',
        actions: [],
        resources: [],
        fromTemplate: entry?.key ?? item.text,
        location: item.location,
      },
    ];
  }

  return policyTemplate.statements.map(statement => ({
    effect: 'Allow',
    actions: [...statement.actions],
    resources: statement.resources.map(pattern => expandPattern(pattern, entry.value, template)),
    fromTemplate: entry.key,
    location: item.location,
  }));
}

// Names of managed policies may come as ARNs: `arn:aws:iam::aws:policy/service-role/X` is `X`.
function managedPolicyOf(nameOrArn: string, location: Location): PolicyStatement {
  const name = nameOrArn.slice(nameOrArn.lastIndexOf('/') + 1);
  const actions = MANAGED_POLICIES[name];

  return {
    effect: 'Allow',
    actions: actions ? [...actions] : [],
    resources: actions ? [{ kind: 'literal', value: '*' }] : [],
    fromTemplate: name,
    location,
  };
}

function managedArnOf(arn: TemplateNode, template: Template): PolicyStatement[] {
  const value = templateValueOf(arn, template);
  const text = stringOf(value);
  if (text !== undefined) {
    return [managedPolicyOf(text, arn.location)];
  }

  const policy =
    value.kind === 'resource' ? template.resourcesById.get(value.logicalId) : undefined;
  if (policy?.type === 'AWS::IAM::ManagedPolicy') {
    // Listed under Roles as well, it is read with the attached policies instead.
    return isAttachedToAnyRole(policy)
      ? []
      : statementsOf(childAt(policy.properties, 'PolicyDocument'), template);
  }

  return [
    { effect: 'Allow', actions: [], resources: [], fromTemplate: arn.text, location: arn.location },
  ];
}

function isAttachedTo(
  policy: TemplateResource,
  role: TemplateResource,
  template: Template,
): boolean {
  return itemsOf(childAt(policy.properties, 'Roles')).some(node => {
    const value = templateValueOf(node, template);
    return value.kind === 'resource' && value.logicalId === role.logicalId;
  });
}

function isAttachedToAnyRole(policy: TemplateResource): boolean {
  return itemsOf(childAt(policy.properties, 'Roles')).length > 0;
}

// `${TableName}/index/*` becomes the value given for TableName joined with `/index/*`.
function expandPattern(
  pattern: string,
  parameters: TemplateNode,
  template: Template,
): TemplateValue {
  const parts: TemplateValue[] = [];
  let last = 0;
  for (const match of pattern.matchAll(/\$\{(\w+)\}/g)) {
    const name = match[1] ?? '';
    const given = childAt(parameters, name);
    if (match.index > last) {
      parts.push({ kind: 'literal', value: pattern.slice(last, match.index) });
    }

    parts.push(
      given ? templateValueOf(given, template) : { kind: 'unresolved', text: `\${${name}}` },
    );
    last = match.index + match[0].length;
  }

  if (last < pattern.length) {
    parts.push({ kind: 'literal', value: pattern.slice(last) });
  }

  return parts.length === 1 && parts[0] ? parts[0] : { kind: 'join', parts };
}
