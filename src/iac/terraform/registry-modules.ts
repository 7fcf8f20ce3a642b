import { booleanOf, stringOf, unresolved } from './hcl-value.js';
import type { TerraformBlock } from './module-instance.js';
import type { RegistryCall } from './registry-call.js';
import { literal, objectValue } from './registry-call.js';
import { registryLambdaBlocks } from './registry-lambda.js';

/**
 * The community modules of `terraform-aws-modules` that make one table, function, queue or
 * topic. Their source is not in the repository, so their arguments are read as the resources
 * they make, under the addresses Terraform gives them (`module.orders.aws_dynamodb_table.this`).
 */
export type RegistryModule = 'lambda' | 'dynamodb-table' | 'sqs' | 'sns';

export const REGISTRY_MODULES: readonly RegistryModule[] = [
  'lambda',
  'dynamodb-table',
  'sqs',
  'sns',
];

const MODULES = new Set<string>(REGISTRY_MODULES);

/** Which registry module a `source` names: `terraform-aws-modules/lambda/aws` or its GitHub URL. */
export function registryModuleOf(source: string): RegistryModule | undefined {
  const path = source
    .replace(/^git::/, '')
    .replace(/^https:\/\//, '')
    .replace(/[?#].*$/, '')
    .replace(/\.git$/, '');
  const name =
    /^terraform-aws-modules\/([a-z-]+)\/aws$/.exec(path)?.[1] ??
    /^github\.com\/terraform-aws-modules\/terraform-aws-([a-z-]+)$/.exec(path)?.[1];

  return name !== undefined && MODULES.has(name) ? (name as RegistryModule) : undefined;
}

export async function registryBlocksOf(
  module: RegistryModule,
  call: RegistryCall,
): Promise<TerraformBlock[]> {
  switch (module) {
    case 'lambda':
      return registryLambdaBlocks(call);
    case 'dynamodb-table':
      return [await tableBlockOf(call)];
    case 'sqs':
      return queueBlocksOf(call);
    case 'sns':
      return [call.block('aws_sns_topic', 'this', await call.arguments(['name', 'fifo_topic']))];
  }
}

const OUTPUTS: Record<RegistryModule, Record<string, [string, string, string]>> = {
  lambda: {
    lambda_function_arn: ['aws_lambda_function', 'this', 'arn'],
    lambda_function_name: ['aws_lambda_function', 'this', 'function_name'],
    lambda_function_invoke_arn: ['aws_lambda_function', 'this', 'invoke_arn'],
    lambda_function_qualified_arn: ['aws_lambda_function', 'this', 'qualified_arn'],
  },
  'dynamodb-table': {
    dynamodb_table_arn: ['aws_dynamodb_table', 'this', 'arn'],
    dynamodb_table_id: ['aws_dynamodb_table', 'this', 'id'],
    dynamodb_table_stream_arn: ['aws_dynamodb_table', 'this', 'stream_arn'],
  },
  sqs: {
    queue_arn: ['aws_sqs_queue', 'this', 'arn'],
    queue_id: ['aws_sqs_queue', 'this', 'id'],
    queue_url: ['aws_sqs_queue', 'this', 'url'],
    queue_name: ['aws_sqs_queue', 'this', 'name'],
    dead_letter_queue_arn: ['aws_sqs_queue', 'dlq', 'arn'],
    dead_letter_queue_url: ['aws_sqs_queue', 'dlq', 'url'],
  },
  sns: {
    topic_arn: ['aws_sns_topic', 'this', 'arn'],
    topic_id: ['aws_sns_topic', 'this', 'id'],
    topic_name: ['aws_sns_topic', 'this', 'name'],
  },
};

/** An output of a registry module as a reference to the resource it comes from. */
export function registryOutputOf(module: RegistryModule, call: RegistryCall, output: string) {
  const known = OUTPUTS[module][output];

  return known ? call.reference(...known) : unresolved(`${call.prefix.slice(0, -1)}.${output}`);
}

async function tableBlockOf(call: RegistryCall): Promise<TerraformBlock> {
  const args = await call.arguments([
    'name',
    'hash_key',
    'range_key',
    'billing_mode',
    'attributes',
    'global_secondary_indexes',
    'local_secondary_indexes',
    'stream_enabled',
    'stream_view_type',
    'point_in_time_recovery_enabled',
    'deletion_protection_enabled',
  ]);

  return call.block('aws_dynamodb_table', 'this', {
    ...args,
    attribute: args.attributes,
    global_secondary_index: args.global_secondary_indexes,
    local_secondary_index: args.local_secondary_indexes,
    point_in_time_recovery: objectValue({ enabled: args.point_in_time_recovery_enabled }),
  });
}

// `create_dlq = true` makes a second queue and points the redrive policy at it.
async function queueBlocksOf(call: RegistryCall): Promise<TerraformBlock[]> {
  const args = await call.arguments([
    'name',
    'fifo_queue',
    'visibility_timeout_seconds',
    'redrive_policy',
    'create_dlq',
    'dlq_name',
  ]);
  if (booleanOf(args.create_dlq) !== true) {
    return [call.block('aws_sqs_queue', 'this', args)];
  }

  const policy = args.redrive_policy?.kind === 'object' ? args.redrive_policy.entries : {};
  const redrive = objectValue({
    ...policy,
    deadLetterTargetArn: call.reference('aws_sqs_queue', 'dlq', 'arn'),
  });
  const dlqName =
    args.dlq_name ?? (stringOf(args.name) ? literal(`${stringOf(args.name)}-dlq`) : undefined);

  return [
    call.block('aws_sqs_queue', 'this', { ...args, redrive_policy: redrive }),
    call.block('aws_sqs_queue', 'dlq', { name: dlqName, fifo_queue: args.fifo_queue }),
  ];
}
