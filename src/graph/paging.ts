import type { Operation } from '../code/facts.js';
import type { Graph } from './graph.js';

const PAGING_FIELDS = ['LastEvaluatedKey', 'ExclusiveStartKey'];

/**
 * Whether the code around a Query or Scan follows its pages by hand: the code function that runs
 * it, or the one holding the SDK call, names LastEvaluatedKey or ExclusiveStartKey.
 */
export function pagesByHand(graph: Graph, operation: Operation): boolean {
  const owners = [operation.codeFunction, operation.sdkCodeFunction].flatMap(id =>
    id ? [graph.functionById(id)] : [],
  );

  return owners.some(owner => PAGING_FIELDS.some(field => owner?.responseFields?.includes(field)));
}

/** Whether every page of a Query or Scan is read, by a paginator or by hand. */
export function readsEveryPage(graph: Graph, operation: Operation): boolean {
  return operation.viaPaginator || pagesByHand(graph, operation);
}
