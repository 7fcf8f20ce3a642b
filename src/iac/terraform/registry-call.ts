import type { Scope } from './evaluate-expression.js';
import { evaluateJson } from './evaluate-expression.js';
import type { HclObject, HclValue } from './hcl-value.js';
import { itemsOf } from './hcl-value.js';
import type { TerraformBlock } from './module-instance.js';
import type { ModuleCall } from './module-source.js';

type Keyword = 'resource' | 'data';

/** Builds the blocks of a registry module call; `scope` is the module that calls it. */
export class RegistryCall {
  readonly prefix: string;

  constructor(
    readonly call: ModuleCall,
    readonly scope: Scope,
  ) {
    this.prefix = `${scope.addressPrefix}module.${call.name}.`;
  }

  /** The evaluated arguments among `names`; an argument the call does not set is left out. */
  async arguments(names: string[]): Promise<HclObject> {
    const values: HclObject = {};
    for (const name of names.filter(candidate => candidate in this.call.json)) {
      values[name] = await evaluateJson(this.call.json[name], this.scope);
    }

    return values;
  }

  block(
    type: string,
    name: string,
    body: Record<string, HclValue | undefined>,
    keyword: Keyword = 'resource',
  ): TerraformBlock {
    const block: TerraformBlock = {
      keyword,
      type,
      name,
      address: this.address(type, name, keyword),
      body: definedEntries(body),
      location: { file: this.call.file.path, line: this.call.line, column: 1 },
      file: this.call.file,
      scope: this.scope,
    };

    return block;
  }

  reference(
    type: string,
    name: string,
    attribute: string,
    keyword: Keyword = 'resource',
  ): HclValue {
    const address = this.address(type, name, keyword);

    return {
      kind: 'reference',
      address,
      type: keyword === 'data' ? `data.${type}` : type,
      attribute,
    };
  }

  private address(type: string, name: string, keyword: Keyword): string {
    return `${this.prefix}${keyword === 'data' ? 'data.' : ''}${type}.${name}`;
  }
}

export function objectValue(entries: Record<string, HclValue | undefined>): HclValue {
  return { kind: 'object', entries: definedEntries(entries) };
}

export function literal(value: string): HclValue {
  return { kind: 'literal', value };
}

/** The first path of `source_path`, which is a path or a list of paths and `{ path = ... }`. */
export function firstPathOf(value: HclValue | undefined): HclValue | undefined {
  const first = itemsOf(value)[0];

  return first?.kind === 'object' ? first.entries.path : first;
}

function definedEntries(entries: Record<string, HclValue | undefined>): HclObject {
  const defined: HclObject = {};
  for (const [key, value] of Object.entries(entries)) {
    if (value !== undefined) {
      defined[key] = value;
    }
  }

  return defined;
}
