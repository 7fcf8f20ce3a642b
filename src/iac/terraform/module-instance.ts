import type { Location } from '../../location.js';
import type { Logger } from '../../logger.js';
import type { Scope } from './evaluate-expression.js';
import { evaluateJson, evaluateObject } from './evaluate-expression.js';
import type { HclObject, HclValue } from './hcl-value.js';
import { unresolved } from './hcl-value.js';
import type { BlockDeclaration, ModuleCall, ModuleSource, ParsedFile } from './module-source.js';
import { RegistryCall } from './registry-call.js';
import { registryBlocksOf, registryModuleOf, registryOutputOf } from './registry-modules.js';

/** A resource or data block of a module instance, its arguments evaluated. */
export interface TerraformBlock {
  keyword: 'resource' | 'data';
  type: string;
  name: string;
  /** `aws_sqs_queue.jobs`, `module.workers.aws_sqs_queue.jobs`, `data.archive_file.code`. */
  address: string;
  body: HclObject;
  location: Location;
  file: ParsedFile;
  /** The instance the block belongs to, for paths relative to its module. */
  scope: Scope;
}

interface InstanceContext {
  modules: Map<string, ModuleSource>;
  rootDir: string;
  /** Variable values the caller gives: module arguments, or `.tfvars` values at the root. */
  inputs: (name: string) => Promise<HclValue | undefined>;
  addressPrefix: string;
  depth: number;
  logger: Logger;
}

// Only the blocks the readers use are evaluated: each expression is a call into the parser's
// WebAssembly module, and most of a real configuration is alarms, buckets and networking.
const READ_TYPES = new Set([
  'aws_dynamodb_table',
  'aws_lambda_function',
  'aws_lambda_event_source_mapping',
  'aws_sqs_queue',
  'aws_sns_topic',
  'aws_sns_topic_subscription',
  'aws_iam_role',
  'aws_iam_role_policy',
  'aws_iam_policy',
  'aws_iam_role_policy_attachment',
  'aws_iam_policy_attachment',
  'aws_iam_policy_document',
  'aws_apigatewayv2_route',
  'aws_apigatewayv2_integration',
  'aws_cloudwatch_event_rule',
  'aws_cloudwatch_event_target',
  'aws_scheduler_schedule',
  'archive_file',
]);

// A module that calls itself through a chain of sources would never end.
const MAX_MODULE_DEPTH = 10;

/** One use of a module: the root module, or a `module` block with its arguments bound. */
export class ModuleInstance implements Scope {
  readonly moduleDir: string;
  readonly rootDir: string;
  readonly addressPrefix: string;
  private readonly values = new Map<string, HclValue>();
  private readonly evaluating = new Set<string>();
  private readonly children = new Map<string, ModuleInstance | undefined>();

  constructor(
    private readonly module: ModuleSource,
    private readonly context: InstanceContext,
  ) {
    this.moduleDir = module.dir;
    this.rootDir = context.rootDir;
    this.addressPrefix = context.addressPrefix;
  }

  variable(name: string): Promise<HclValue> {
    return this.memo(`var.${name}`, async () => {
      const given = await this.context.inputs(name);
      if (given) {
        return given;
      }

      const declared = this.module.variables.get(name);
      return declared && 'default' in declared
        ? evaluateJson(declared.default, this)
        : unresolved(`var.${name}`);
    });
  }

  local(name: string): Promise<HclValue> {
    return this.memo(`local.${name}`, () =>
      this.module.locals.has(name)
        ? evaluateJson(this.module.locals.get(name), this)
        : Promise.resolve(unresolved(`local.${name}`)),
    );
  }

  async moduleOutput(module: string, output: string): Promise<HclValue> {
    const registry = this.registryCall(module);
    if (registry) {
      return registryOutputOf(registry.module, registry.call, output);
    }

    const child = this.child(module);
    const text = `module.${module}.${output}`;

    return child ? child.output(output, text) : unresolved(text);
  }

  output(name: string, text: string): Promise<HclValue> {
    return this.memo(`output.${name}`, () => {
      const declared = this.module.outputs.get(name);
      return declared && 'value' in declared
        ? evaluateJson(declared.value, this)
        : Promise.resolve(unresolved(text));
    });
  }

  /** The blocks of this instance and of every module it calls, depth first. */
  async blocks(): Promise<TerraformBlock[]> {
    const blocks: TerraformBlock[] = [];
    for (const declaration of this.module.blocks.filter(block => READ_TYPES.has(block.type))) {
      blocks.push(await this.blockOf(declaration));
    }

    for (const call of this.module.calls) {
      const registry = this.registryCall(call.name);
      const called = registry
        ? await registryBlocksOf(registry.module, registry.call)
        : await this.child(call.name)?.blocks();
      blocks.push(...(called ?? []));
    }

    return blocks;
  }

  private registryCall(name: string) {
    const call = this.module.calls.find(candidate => candidate.name === name);
    const module = call && call.dir === undefined ? registryModuleOf(call.source) : undefined;

    return call && module ? { module, call: new RegistryCall(call, this) } : undefined;
  }

  private async blockOf(declaration: BlockDeclaration): Promise<TerraformBlock> {
    const local = `${declaration.type}.${declaration.name}`;
    const address = `${this.addressPrefix}${declaration.keyword === 'data' ? 'data.' : ''}${local}`;

    return {
      keyword: declaration.keyword,
      type: declaration.type,
      name: declaration.name,
      address,
      body: await evaluateObject(declaration.json, this),
      location: { file: declaration.file.path, line: declaration.line, column: 1 },
      file: declaration.file,
      scope: this,
    };
  }

  private child(name: string): ModuleInstance | undefined {
    if (this.children.has(name)) {
      return this.children.get(name);
    }

    const call = this.module.calls.find(candidate => candidate.name === name);
    const isRegistry = call !== undefined && this.registryCall(name) !== undefined;
    const instance = call && !isRegistry ? this.instantiate(call) : undefined;
    this.children.set(name, instance);

    return instance;
  }

  private instantiate(call: ModuleCall): ModuleInstance | undefined {
    const module = call.dir === undefined ? undefined : this.context.modules.get(call.dir);
    if (!module || this.context.depth >= MAX_MODULE_DEPTH) {
      this.context.logger.step(
        `terraform: module "${call.name}" in "${this.moduleDir || '.'}" (source "${call.source}") is not read; only local modules of the scanned folder are`,
      );
      return undefined;
    }

    return new ModuleInstance(module, {
      ...this.context,
      inputs: name =>
        name in call.json ? evaluateJson(call.json[name], this) : Promise.resolve(undefined),
      addressPrefix: `${this.addressPrefix}module.${call.name}.`,
      depth: this.context.depth + 1,
    });
  }

  // A value that refers to itself (`locals { a = local.a }`) stays unresolved.
  private async memo(key: string, evaluate: () => Promise<HclValue>): Promise<HclValue> {
    const known = this.values.get(key);
    if (known) {
      return known;
    }

    if (this.evaluating.has(key)) {
      return unresolved(key);
    }

    this.evaluating.add(key);
    const value = await evaluate();
    this.evaluating.delete(key);
    this.values.set(key, value);

    return value;
  }
}

/** The root instance of a configuration, its variables given by `.tfvars` values. */
export function rootInstanceOf(
  module: ModuleSource,
  modules: Map<string, ModuleSource>,
  tfvars: Map<string, HclValue>,
  logger: Logger,
): ModuleInstance {
  return new ModuleInstance(module, {
    modules,
    rootDir: module.dir,
    inputs: name => Promise.resolve(tfvars.get(name)),
    addressPrefix: '',
    depth: 0,
    logger,
  });
}
