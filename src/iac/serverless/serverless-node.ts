import type { Location } from '../../location.js';
import type { MapNode, ScalarNode, TemplateNode } from '../template-node.js';

/**
 * The key of the single-entry map that stands for a variable no local source decides
 * (`${ssm:/orders/table}`). Read as a template value it is unresolved with the variable's text,
 * like any intrinsic the template reader does not know.
 */
export const UNRESOLVED_KEY = 'Serverless::Variable';

export function unresolvedNode(text: string, location: Location): MapNode {
  const value: ScalarNode = { kind: 'scalar', value: text, location, text };

  return {
    kind: 'map',
    entries: [{ key: UNRESOLVED_KEY, keyLocation: location, value }],
    location,
    text,
  };
}

export function isUnresolvedNode(node: TemplateNode | undefined): boolean {
  return (
    node?.kind === 'map' && node.entries.length === 1 && node.entries[0]?.key === UNRESOLVED_KEY
  );
}

export function scalarNode(value: string | number | boolean, location: Location): ScalarNode {
  return { kind: 'scalar', value, location, text: String(value) };
}

/** `Fn::Join` of the parts with no delimiter, so the template reader joins what it can. */
export function joinNode(parts: TemplateNode[], location: Location, text: string): MapNode {
  const list = (items: TemplateNode[]): TemplateNode => ({ kind: 'list', items, location, text });
  const value = list([scalarNode('', location), list(parts)]);

  return {
    kind: 'map',
    entries: [{ key: 'Fn::Join', keyLocation: location, value }],
    location,
    text,
  };
}

/** A map made of the entries of several maps, for lists of includes that Serverless merges. */
export function mergedMap(maps: MapNode[], location: Location): MapNode {
  return { kind: 'map', entries: maps.flatMap(map => map.entries), location, text: '' };
}

/** The node under a dotted path; list items are addressed by their index. */
export function nodeAtPath(node: TemplateNode | undefined, path: string): TemplateNode | undefined {
  let current = node;
  for (const segment of path === '' ? [] : path.split('.')) {
    if (current?.kind === 'map') {
      current = current.entries.find(entry => entry.key === segment)?.value;
    } else if (current?.kind === 'list' && /^\d+$/.test(segment)) {
      current = current.items[Number(segment)];
    } else {
      return undefined;
    }
  }

  return current;
}
