import type { MapEntry, MapNode, TemplateNode } from './template-node.js';
import { isMap } from './template-node.js';

/**
 * Applies SAM `Globals.Function` to a function's properties the way SAM does: maps merge key by
 * key with the function's value winning, lists are concatenated (globals first), and any other
 * value set on the function replaces the global one.
 */
export function withGlobals(
  globals: MapNode | undefined,
  properties: MapNode | undefined,
): MapNode | undefined {
  if (!globals) {
    return properties;
  }

  if (!properties) {
    return globals;
  }

  return mergeMaps(globals, properties);
}

function mergeMaps(globals: MapNode, local: MapNode): MapNode {
  const merged: MapEntry[] = globals.entries.map(entry => {
    const override = local.entries.find(candidate => candidate.key === entry.key);
    return override ? { ...override, value: mergeValues(entry.value, override.value) } : entry;
  });
  const added = local.entries.filter(
    entry => !globals.entries.some(global => global.key === entry.key),
  );

  return { ...local, entries: [...merged, ...added] };
}

function mergeValues(global: TemplateNode, local: TemplateNode): TemplateNode {
  if (isMap(global) && isMap(local) && !isIntrinsic(global) && !isIntrinsic(local)) {
    return mergeMaps(global, local);
  }

  if (global.kind === 'list' && local.kind === 'list') {
    return { ...local, items: [...global.items, ...local.items] };
  }

  return local;
}

// `{ Ref: X }` is one value, not a map to merge into.
function isIntrinsic(node: MapNode): boolean {
  const key = node.entries[0]?.key;

  return (
    node.entries.length === 1 && key !== undefined && (key === 'Ref' || key.startsWith('Fn::'))
  );
}
