import type { Location } from '../../location.js';
import type { PolicyStatement } from '../resources.js';
import { MANAGED_POLICIES } from '../sam-policy-templates.js';
import type { Configuration } from './configuration.js';
import { resourcesOfType } from './configuration.js';
import type { HclObject, HclValue } from './hcl-value.js';
import { blocksOf, itemsOf, objectOf, stringOf } from './hcl-value.js';
import { jsonDocumentOf } from './json-document.js';
import type { TerraformBlock } from './module-instance.js';
import { templateValueOf } from './template-values.js';

/**
 * The statements of the role a function runs as: inline policies, `aws_iam_role_policy`,
 * attached `aws_iam_policy` resources and AWS managed policies.
 */
export function rolePoliciesOf(role: HclValue, configuration: Configuration): PolicyStatement[] {
  const roleBlock = roleBlockOf(role, configuration);
  if (!roleBlock) {
    return [];
  }

  const inline = blocksOf(roleBlock.body, 'inline_policy').flatMap(policy =>
    documentStatementsOf(policy.policy, roleBlock, configuration),
  );
  const rolePolicies = resourcesOfType(configuration, 'aws_iam_role_policy')
    .filter(block => namesRole(block.body.role, roleBlock))
    .flatMap(block => documentStatementsOf(block.body.policy, block, configuration));
  const attached = attachedPolicyArns(roleBlock, configuration).flatMap(({ arn, location }) =>
    managedStatementsOf(arn, location, configuration),
  );

  return [...inline, ...rolePolicies, ...attached];
}

function roleBlockOf(role: HclValue, configuration: Configuration): TerraformBlock | undefined {
  if (role.kind === 'reference') {
    return configuration.byAddress.get(role.address);
  }

  // `arn:aws:iam::123456789012:role/service/worker` names the role `worker`.
  const text = stringOf(role);
  const name = text?.slice(text.lastIndexOf('/') + 1);

  return resourcesOfType(configuration, 'aws_iam_role').find(
    block => name !== undefined && stringOf(block.body.name) === name,
  );
}

function namesRole(value: HclValue | undefined, role: TerraformBlock): boolean {
  if (value?.kind === 'reference') {
    return value.address === role.address;
  }

  const name = stringOf(value);

  return name !== undefined && name === stringOf(role.body.name);
}

interface AttachedArn {
  arn: HclValue;
  location: Location;
}

function attachedPolicyArns(role: TerraformBlock, configuration: Configuration): AttachedArn[] {
  const managed = itemsOf(role.body.managed_policy_arns).map(arn => ({
    arn,
    location: role.location,
  }));
  const attachments = resourcesOfType(configuration, 'aws_iam_role_policy_attachment')
    .filter(block => namesRole(block.body.role, role))
    .flatMap(block => arnOf(block));
  const sharedAttachments = resourcesOfType(configuration, 'aws_iam_policy_attachment')
    .filter(block => itemsOf(block.body.roles).some(value => namesRole(value, role)))
    .flatMap(block => arnOf(block));

  return [...managed, ...attachments, ...sharedAttachments];
}

function arnOf(block: TerraformBlock): AttachedArn[] {
  const arn = block.body.policy_arn;

  return arn ? [{ arn, location: block.location }] : [];
}

function managedStatementsOf(
  arn: HclValue,
  location: Location,
  configuration: Configuration,
): PolicyStatement[] {
  if (arn.kind === 'reference') {
    const policy = configuration.byAddress.get(arn.address);
    return policy ? documentStatementsOf(policy.body.policy, policy, configuration) : [];
  }

  // `arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole` is that policy.
  const text = stringOf(arn) ?? '';
  const name = text.slice(text.lastIndexOf('/') + 1);
  const actions = MANAGED_POLICIES[name];

  return [
    {
      effect: 'Allow',
      actions: actions ? [...actions] : [],
      resources: actions ? [{ kind: 'literal', value: '*' }] : [],
      fromTemplate: name || templateText(arn),
      location,
    },
  ];
}

function templateText(value: HclValue): string {
  const template = templateValueOf(value);

  return template.kind === 'unresolved' ? template.text : JSON.stringify(template);
}

/** The statements of a policy document: JSON, `jsonencode`, or an `aws_iam_policy_document`. */
export function documentStatementsOf(
  policy: HclValue | undefined,
  block: TerraformBlock,
  configuration: Configuration,
): PolicyStatement[] {
  if (policy?.kind === 'reference' && policy.type === 'data.aws_iam_policy_document') {
    const document = configuration.byAddress.get(policy.address);
    return document ? policyDocumentStatementsOf(document, configuration) : [];
  }

  const document = objectOf(jsonDocumentOf(policy));

  return itemsOf(document?.Statement).flatMap(statement => {
    const entries = objectOf(statement);
    return entries ? [jsonStatementOf(entries, block.location)] : [];
  });
}

function jsonStatementOf(statement: HclObject, location: Location): PolicyStatement {
  return {
    effect: stringOf(statement.Effect) === 'Deny' ? 'Deny' : 'Allow',
    actions: itemsOf(statement.Action).flatMap(action => stringOf(action) ?? []),
    resources: itemsOf(statement.Resource).map(templateValueOf),
    location,
  };
}

// `source_policy_documents` and `override_policy_documents` merge other documents in.
function policyDocumentStatementsOf(
  document: TerraformBlock,
  configuration: Configuration,
): PolicyStatement[] {
  const own = blocksOf(document.body, 'statement').map(statement => ({
    effect: stringOf(statement.effect) === 'Deny' ? ('Deny' as const) : ('Allow' as const),
    actions: itemsOf(statement.actions).flatMap(action => stringOf(action) ?? []),
    resources: itemsOf(statement.resources).map(templateValueOf),
    location: document.location,
  }));
  const merged = ['source_policy_documents', 'override_policy_documents'].flatMap(name =>
    itemsOf(document.body[name]).flatMap(item =>
      documentStatementsOf(item, document, configuration),
    ),
  );

  return [...own, ...merged];
}
