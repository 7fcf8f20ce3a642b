import type { Node } from 'oxc-parser';

const RESPONSE_FIELDS = new Set([
  'LastEvaluatedKey',
  'ExclusiveStartKey',
  'UnprocessedItems',
  'UnprocessedKeys',
]);

/** The paging or retry field a node names, as a property, a key or a destructured name. */
export function responseFieldOf(node: Node): string | undefined {
  if (node.type === 'Identifier' && RESPONSE_FIELDS.has(node.name)) {
    return node.name;
  }

  return node.type === 'Literal' &&
    typeof node.value === 'string' &&
    RESPONSE_FIELDS.has(node.value)
    ? node.value
    : undefined;
}
