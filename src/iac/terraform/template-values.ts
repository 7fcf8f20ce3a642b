import type { TemplateValue } from '../resources.js';
import type { HclValue } from './hcl-value.js';
import { hclText } from './hcl-value.js';

// The attribute that names a resource the way CloudFormation's `!Ref` does becomes a plain
// resource reference, so the graph joins `aws_dynamodb_table.orders.name` to the table as it
// joins `!Ref OrdersTable`; the others take CloudFormation's `!GetAtt` names.
const REFERENCE_ATTRIBUTES: Record<string, { ref: string[]; attributes: Record<string, string> }> =
  {
    aws_dynamodb_table: {
      ref: ['name', 'id'],
      attributes: { arn: 'Arn', stream_arn: 'StreamArn', stream_label: 'StreamLabel' },
    },
    aws_sqs_queue: { ref: ['url', 'id'], attributes: { arn: 'Arn', name: 'QueueName' } },
    aws_sns_topic: { ref: ['arn', 'id'], attributes: { name: 'TopicName' } },
    aws_lambda_function: { ref: ['function_name', 'id'], attributes: { arn: 'Arn' } },
    aws_iam_role: { ref: ['name', 'id'], attributes: { arn: 'Arn' } },
    aws_iam_policy: { ref: ['arn', 'id'], attributes: {} },
    aws_kinesis_stream: { ref: ['name', 'id'], attributes: { arn: 'Arn' } },
    aws_s3_bucket: { ref: ['bucket', 'id'], attributes: { arn: 'Arn' } },
  };

/** A Terraform value in the shape every infrastructure reader emits. */
export function templateValueOf(value: HclValue | undefined): TemplateValue {
  if (!value) {
    return { kind: 'unresolved', text: '' };
  }

  switch (value.kind) {
    case 'literal':
      return { kind: 'literal', value: String(value.value) };
    case 'reference':
      return referenceValueOf(value);
    case 'join':
      return { kind: 'join', parts: value.parts.map(templateValueOf) };
    default:
      return { kind: 'unresolved', text: hclText(value) };
  }
}

function referenceValueOf(value: Extract<HclValue, { kind: 'reference' }>): TemplateValue {
  const known = REFERENCE_ATTRIBUTES[value.type];
  const attribute = value.attribute;
  if (attribute === undefined || known?.ref.includes(attribute)) {
    return { kind: 'resource', logicalId: value.address };
  }

  return {
    kind: 'resource',
    logicalId: value.address,
    attribute: known?.attributes[attribute] ?? attribute,
  };
}

/** The address of the resource a value refers to, when it refers to one. */
export function addressOf(value: HclValue | undefined): string | undefined {
  return value?.kind === 'reference' ? value.address : undefined;
}
