import type { HclObject, HclValue } from './hcl-value.js';
import { booleanOf, itemsOf, stringOf, unresolved } from './hcl-value.js';
import type { TerraformBlock } from './module-instance.js';
import type { RegistryCall } from './registry-call.js';
import { firstPathOf, objectValue } from './registry-call.js';

const FUNCTION_ARGUMENTS = [
  'function_name',
  'handler',
  'runtime',
  'timeout',
  'memory_size',
  'package_type',
  'environment_variables',
  'dead_letter_target_arn',
  'source_path',
  'local_existing_package',
  'event_source_mapping',
];

const ROLE_ARGUMENTS = [
  'create_role',
  'lambda_role',
  'role_name',
  'attach_policy_statements',
  'policy_statements',
  'attach_policy_json',
  'policy_json',
  'attach_policy_jsons',
  'policy_jsons',
  'attach_policies',
  'policies',
  'attach_policy',
  'policy',
];

const SCRIPT_FILE = /\.(ts|mts|cts|js|mjs|cjs)$/;

/**
 * `terraform-aws-modules/lambda/aws`: the function, the archive it packs from `source_path`, its
 * role with the policies the call attaches, and its event source mappings.
 */
export async function registryLambdaBlocks(call: RegistryCall): Promise<TerraformBlock[]> {
  const switches = await call.arguments(['create', 'create_function', 'create_layer']);
  if (!makesFunction(switches)) {
    return [];
  }

  const args = await call.arguments([...FUNCTION_ARGUMENTS, ...ROLE_ARGUMENTS]);
  const archive = archiveBlockOf(call, args);
  const role = roleBlockOf(call, args);
  const lambda = call.block('aws_lambda_function', 'this', {
    function_name: args.function_name,
    handler: args.handler,
    runtime: args.runtime,
    timeout: args.timeout,
    memory_size: args.memory_size,
    package_type: args.package_type,
    environment: args.environment_variables
      ? objectValue({ variables: args.environment_variables })
      : undefined,
    dead_letter_config: args.dead_letter_target_arn
      ? objectValue({ target_arn: args.dead_letter_target_arn })
      : undefined,
    filename: archive
      ? call.reference('archive_file', 'source', 'output_path', 'data')
      : args.local_existing_package,
    role: role ? call.reference('aws_iam_role', 'lambda', 'arn') : roleValueOf(call, args),
  });

  return [
    lambda,
    ...(archive ? [archive] : []),
    ...(role ? [role] : []),
    ...mappingsOf(call, args),
  ];
}

// The same module makes a layer instead with `create_layer = true`; a switch that does not
// resolve counts as on, as the module's defaults are.
function makesFunction(switches: HclObject): boolean {
  const isOff = (name: string) => switches[name] && booleanOf(switches[name]) === false;
  const isLayer = switches.create_layer && booleanOf(switches.create_layer) === true;

  return !isOff('create') && !isOff('create_function') && !isLayer;
}

// The module packs `source_path` itself; an archive_file with the same path finds the handler.
function archiveBlockOf(call: RegistryCall, args: HclObject): TerraformBlock | undefined {
  const path = firstPathOf(args.source_path);
  const text = stringOf(path);
  if (!path || args.local_existing_package) {
    return undefined;
  }

  const isFile = text !== undefined && SCRIPT_FILE.test(text);
  const body = isFile ? { source_file: path } : { source_dir: path };

  return call.block('archive_file', 'source', body, 'data');
}

// With `create_role = false` the function runs as `lambda_role`; otherwise the module makes a
// role. A switch that does not resolve leaves the role unknown, so no rule judges its policies.
function roleValueOf(call: RegistryCall, args: HclObject): HclValue {
  const createRole = args.create_role;
  if (createRole && booleanOf(createRole) === false) {
    return args.lambda_role ?? unresolved(`${call.prefix}lambda_role`);
  }

  return unresolved(`${call.prefix}lambda_role_arn`);
}

function roleBlockOf(call: RegistryCall, args: HclObject): TerraformBlock | undefined {
  const createRole = args.create_role ? booleanOf(args.create_role) : true;
  const switches = ['attach_policy_statements', 'attach_policy_json', 'attach_policy_jsons'];
  const isOn = (name: string) => (args[name] ? booleanOf(args[name]) : false);
  const flags = [...switches, 'attach_policies', 'attach_policy'].map(isOn);
  const statements = isOn('attach_policy_statements') ? statementsDocumentOf(args) : undefined;
  if (createRole !== true || flags.includes(undefined) || statements === null) {
    return undefined;
  }

  const documents = [
    statements,
    isOn('attach_policy_json') ? args.policy_json : undefined,
    ...(isOn('attach_policy_jsons') ? itemsOf(args.policy_jsons) : []),
  ].flatMap(policy => (policy ? [objectValue({ policy })] : []));
  const managed = [
    ...(isOn('attach_policies') ? itemsOf(args.policies) : []),
    ...(isOn('attach_policy') && args.policy ? [args.policy] : []),
  ];

  return call.block('aws_iam_role', 'lambda', {
    name: args.role_name,
    inline_policy: { kind: 'tuple', items: documents },
    managed_policy_arns: { kind: 'tuple', items: managed },
  });
}

// `policy_statements = { orders = { effect = "Allow", actions = [...], resources = [...] } }`
// is a policy document in all but its spelling; `null` when it is not an object of statements.
function statementsDocumentOf(args: HclObject): HclValue | null | undefined {
  const value = args.policy_statements;
  if (value === undefined) {
    return undefined;
  }

  if (value.kind !== 'object') {
    return null;
  }

  const statements = Object.values(value.entries).map(statement => {
    const entries: HclObject = statement.kind === 'object' ? statement.entries : {};
    return objectValue({
      Effect: entries.effect ?? { kind: 'literal', value: 'Allow' },
      Action: entries.actions,
      Resource: entries.resources,
    });
  });

  return objectValue({ Statement: { kind: 'tuple', items: statements } });
}

// `event_source_mapping = { orders = { event_source_arn = ..., batch_size = 10 } }`.
function mappingsOf(call: RegistryCall, args: HclObject): TerraformBlock[] {
  const mappings = args.event_source_mapping;
  if (mappings?.kind !== 'object') {
    return [];
  }

  return Object.entries(mappings.entries).flatMap(([key, mapping]) => {
    if (mapping.kind !== 'object') {
      return [];
    }

    const settings = mapping.entries;
    const onFailure = objectValue({ destination_arn: settings.destination_arn_on_failure });
    return [
      call.block('aws_lambda_event_source_mapping', `this["${key}"]`, {
        ...settings,
        function_name: call.reference('aws_lambda_function', 'this', 'arn'),
        destination_config: settings.destination_arn_on_failure
          ? objectValue({ on_failure: onFailure })
          : undefined,
      }),
    ];
  });
}
