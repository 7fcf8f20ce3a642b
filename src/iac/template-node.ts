import type { Location } from '../location.js';

/**
 * A template as a plain tree that remembers where each part came from. Short-form tags are
 * already their long forms here: `!Ref X` is a map with the single key `Ref`.
 */
export type TemplateNode = ScalarNode | MapNode | ListNode;

interface NodeBase {
  location: Location;
  /** The node as the template wrote it, tag included; used for unresolved values. */
  text: string;
}

export interface ScalarNode extends NodeBase {
  kind: 'scalar';
  value: string | number | boolean | null;
}

export interface MapEntry {
  key: string;
  keyLocation: Location;
  value: TemplateNode;
}

export interface MapNode extends NodeBase {
  kind: 'map';
  entries: MapEntry[];
}

export interface ListNode extends NodeBase {
  kind: 'list';
  items: TemplateNode[];
}

export function isMap(node: TemplateNode | undefined): node is MapNode {
  return node?.kind === 'map';
}

export function entryOf(node: TemplateNode | undefined, key: string): MapEntry | undefined {
  return isMap(node) ? node.entries.find(entry => entry.key === key) : undefined;
}

/** The node under a path of map keys, or undefined when any step is missing or not a map. */
export function childAt(
  node: TemplateNode | undefined,
  ...keys: string[]
): TemplateNode | undefined {
  let current = node;
  for (const key of keys) {
    current = entryOf(current, key)?.value;
  }

  return current;
}

export function mapAt(node: TemplateNode | undefined, ...keys: string[]): MapNode | undefined {
  const child = childAt(node, ...keys);

  return isMap(child) ? child : undefined;
}

/** A list's items; a single value stands for a list of one, as IAM and SAM allow. */
export function itemsOf(node: TemplateNode | undefined): TemplateNode[] {
  if (!node) {
    return [];
  }

  return node.kind === 'list' ? node.items : [node];
}

/** The text of a scalar string, number or boolean; undefined for maps, lists and null. */
export function scalarText(node: TemplateNode | undefined): string | undefined {
  if (node?.kind !== 'scalar' || node.value === null) {
    return undefined;
  }

  return String(node.value);
}
