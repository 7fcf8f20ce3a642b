import type { Location } from '../../location.js';
import type { Scope } from './evaluate-expression.js';
import { evaluateJson, evaluateObject, instanceKeyOf, mapInOrder } from './evaluate-expression.js';
import type { EachInstance } from './for-each.js';
import { configFileText } from './file-functions.js';
import { eachScopeOf, forEachOf } from './for-each.js';
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
  /** The scanned root on disk, for `file(...)`; absent, no file is read. */
  rootPath?: string;
  /** Variable values the caller gives: module arguments, or `.tfvars` values at the root. */
  inputs: (name: string) => Promise<HclValue | undefined>;
  addressPrefix: string;
  /** The `for_each` key of the call that made the instance. */
  key?: string;
  /** Folders of the modules from the root down to this instance. */
  chain: string[];
  /** Shared by every instance of the configuration. */
  cycles: Map<ModuleCall, string[]>;
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
  'aws_s3_object',
  'aws_s3_bucket_object',
  'archive_file',
]);

/** One use of a module: the root module, or a `module` block with its arguments bound. */
export class ModuleInstance implements Scope {
  readonly moduleDir: string;
  readonly rootDir: string;
  readonly addressPrefix: string;
  private readonly values = new Map<string, HclValue>();
  private readonly evaluating = new Set<string>();
  private readonly children = new Map<string, ModuleInstance[]>();
  private readonly expanding = new Set<string>();

  constructor(
    private readonly module: ModuleSource,
    private readonly context: InstanceContext,
  ) {
    this.moduleDir = module.dir;
    this.rootDir = context.rootDir;
    this.addressPrefix = context.addressPrefix;
    this.key = context.key;
  }

  /** The `for_each` key this instance was made for, when the call has one. */
  readonly key: string | undefined;

  /**
   * The `module` blocks of the configuration not expanded because their module is already on
   * the call chain, each with the chain of module folders it closes.
   */
  get cycles(): ReadonlyMap<ModuleCall, string[]> {
    return this.context.cycles;
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

  async moduleOutput(module: string, output: string, key?: string): Promise<HclValue> {
    const registry = this.registryCall(module);
    if (registry) {
      return registryOutputOf(registry.module, registry.call, output);
    }

    const children = await this.instancesOf(module);
    const child = children.find(candidate => candidate.key === key) ?? unkeyedOnly(children);
    const text = `module.${module}${key === undefined ? '' : instanceKeyOf(key)}.${output}`;

    return child ? child.output(output, text) : unresolved(text);
  }

  fileText(path: string): Promise<string | undefined> {
    const rootPath = this.context.rootPath;

    return rootPath ? configFileText(rootPath, this.rootDir, path) : Promise.resolve(undefined);
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
      blocks.push(...(await this.blocksOf(declaration)));
    }

    for (const call of this.module.calls) {
      const registry = this.registryCall(call.name);
      if (registry) {
        blocks.push(...(await registryBlocksOf(registry.module, registry.call)));
      }

      for (const child of registry ? [] : await this.instancesOf(call.name)) {
        blocks.push(...(await child.blocks()));
      }
    }

    return blocks;
  }

  // `for_each` over a known map or set makes one block per key, addressed `fn["key"]`.
  private async blocksOf(declaration: BlockDeclaration): Promise<TerraformBlock[]> {
    const instances =
      'for_each' in declaration.json ? await forEachOf(declaration.json.for_each, this) : undefined;
    if (!instances) {
      return [await this.blockOf(declaration, this, '')];
    }

    return mapInOrder(instances, instance =>
      this.blockOf(declaration, eachScopeOf(this, instance), instanceKeyOf(instance.key)),
    );
  }

  private registryCall(name: string) {
    const call = this.module.calls.find(candidate => candidate.name === name);
    const module = call && call.dir === undefined ? registryModuleOf(call.source) : undefined;

    return call && module ? { module, call: new RegistryCall(call, this) } : undefined;
  }

  private async blockOf(
    declaration: BlockDeclaration,
    scope: Scope,
    instanceKey: string,
  ): Promise<TerraformBlock> {
    const local = `${declaration.type}.${declaration.name}${instanceKey}`;
    const address = `${this.addressPrefix}${declaration.keyword === 'data' ? 'data.' : ''}${local}`;

    return {
      keyword: declaration.keyword,
      type: declaration.type,
      name: declaration.name,
      address,
      body: await evaluateObject(declaration.json, scope),
      location: { file: declaration.file.path, line: declaration.line, column: 1 },
      file: declaration.file,
      scope,
    };
  }

  // A call with `for_each` over a known collection makes one instance per key. While the
  // collection is evaluated, a reference back into the same call finds no instance.
  private async instancesOf(name: string): Promise<ModuleInstance[]> {
    const known = this.children.get(name);
    const call = this.module.calls.find(candidate => candidate.name === name);
    if (known || !call || this.expanding.has(name) || this.registryCall(name)) {
      return known ?? [];
    }

    this.expanding.add(name);
    const instances =
      'for_each' in call.json ? await forEachOf(call.json.for_each, this) : undefined;
    const children = instances
      ? instances.flatMap(instance => this.instantiate(call, instance) ?? [])
      : [this.instantiate(call)].flatMap(child => child ?? []);
    this.expanding.delete(name);
    this.children.set(name, children);

    return children;
  }

  // A module already on the call chain would expand without end, repeating the same resources
  // under ever longer addresses, so the call that closes the cycle is recorded instead.
  private instantiate(call: ModuleCall, instance?: EachInstance): ModuleInstance | undefined {
    const module = call.dir === undefined ? undefined : this.context.modules.get(call.dir);
    if (!module) {
      return undefined;
    }

    const repeated = this.context.chain.indexOf(module.dir);
    if (repeated >= 0) {
      const chain = [...this.context.chain.slice(repeated), module.dir];
      this.context.cycles.set(call, this.context.cycles.get(call) ?? chain);
      return undefined;
    }

    const scope = instance ? eachScopeOf(this, instance) : this;
    const key = instance ? instanceKeyOf(instance.key) : '';
    const context: InstanceContext = {
      ...this.context,
      inputs: name =>
        name in call.json ? evaluateJson(call.json[name], scope) : Promise.resolve(undefined),
      addressPrefix: `${this.addressPrefix}module.${call.name}${key}.`,
      chain: [...this.context.chain, module.dir],
    };
    if (instance) {
      context.key = instance.key;
    } else {
      delete context.key;
    }

    return new ModuleInstance(module, context);
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

/**
 * The root instance of a configuration, its variables given by `.tfvars` values; `rootPath`,
 * the scanned root on disk, lets `file(...)` read the repository's files.
 */
export function rootInstanceOf(
  module: ModuleSource,
  modules: Map<string, ModuleSource>,
  tfvars: Map<string, HclValue>,
  rootPath?: string,
): ModuleInstance {
  const context: InstanceContext = {
    modules,
    rootDir: module.dir,
    inputs: name => Promise.resolve(tfvars.get(name)),
    addressPrefix: '',
    chain: [module.dir],
    cycles: new Map(),
  };
  if (rootPath !== undefined) {
    context.rootPath = rootPath;
  }

  return new ModuleInstance(module, context);
}

// Without a key, an output of a call with `for_each` is a map of every instance's output.
function unkeyedOnly(children: ModuleInstance[]): ModuleInstance | undefined {
  const [only] = children;

  return children.length === 1 && only?.key === undefined ? only : undefined;
}
