import type { Scope } from './evaluate-expression.js';
import { evaluateJson } from './evaluate-expression.js';
import type { HclValue } from './hcl-value.js';
import { stringOf } from './hcl-value.js';

export interface EachInstance {
  key: string;
  value: HclValue;
}

// Each instance is evaluated in full; a generated map of thousands would swamp the reader.
const MAX_INSTANCES = 100;

/**
 * The instances `for_each` makes: one per key of a map, or per string of a set. `undefined` when
 * the collection is not known before an apply, and the block is read once, as if unexpanded.
 */
export async function forEachOf(json: unknown, scope: Scope): Promise<EachInstance[] | undefined> {
  const value = await evaluateJson(json, scope);
  const instances =
    value.kind === 'object'
      ? Object.entries(value.entries).map(([key, entry]) => ({ key, value: entry }))
      : setInstancesOf(value);

  return instances && instances.length <= MAX_INSTANCES ? instances : undefined;
}

function setInstancesOf(value: HclValue): EachInstance[] | undefined {
  if (value.kind !== 'tuple') {
    return undefined;
  }

  const keys = value.items.map(item => stringOf(item));
  if (keys.some(key => key === undefined)) {
    return undefined;
  }

  return (keys as string[]).map(key => ({ key, value: { kind: 'literal', value: key } }));
}

/** The scope of one instance: `scope` with `each.key` and `each.value` bound. */
export function eachScopeOf(scope: Scope, instance: EachInstance): Scope {
  return {
    moduleDir: scope.moduleDir,
    rootDir: scope.rootDir,
    addressPrefix: scope.addressPrefix,
    variable: name => scope.variable(name),
    local: name => scope.local(name),
    moduleOutput: (module, output, key) => scope.moduleOutput(module, output, key),
    fileText: path => scope.fileText?.(path) ?? Promise.resolve(undefined),
    each: { key: { kind: 'literal', value: instance.key }, value: instance.value },
  };
}
