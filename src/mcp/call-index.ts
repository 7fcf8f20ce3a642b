import type { Operation } from '../code/facts.js';
import type { EntryPoint, Graph } from '../graph/graph.js';

/** Maps built once per graph so each answer walks calls without scanning every function. */
export interface CallIndex {
  callersOf: Map<string, string[]>;
  operationsOf: Map<string, Operation[]>;
  entryPointsOf: Map<string, EntryPoint[]>;
}

const built = new WeakMap<Graph, CallIndex>();

export function callIndexOf(graph: Graph): CallIndex {
  const existing = built.get(graph);
  if (existing) {
    return existing;
  }

  const index: CallIndex = {
    callersOf: new Map(),
    operationsOf: groupBy(graph.operations, operation => operation.codeFunction),
    entryPointsOf: groupBy(graph.entryPoints, entryPoint => entryPoint.codeFunction.id),
  };
  for (const codeFunction of graph.functions) {
    for (const callee of codeFunction.calls) {
      append(index.callersOf, callee, codeFunction.id);
    }
  }
  built.set(graph, index);

  return index;
}

/** Every code function reachable from `startId` through calls (`startId` included). */
export function calleesOf(graph: Graph, startId: string): Set<string> {
  return walk(startId, id => graph.functionById(id)?.calls ?? []);
}

/** The entry points whose code paths reach `functionId`. */
export function entryPointsReachingFunction(graph: Graph, functionId: string): EntryPoint[] {
  const index = callIndexOf(graph);
  const callers = walk(functionId, id => index.callersOf.get(id) ?? []);

  return [...callers].flatMap(id => index.entryPointsOf.get(id) ?? []);
}

function walk(startId: string, next: (id: string) => string[]): Set<string> {
  const seen = new Set([startId]);
  const queue = [startId];
  for (let id = queue.pop(); id !== undefined; id = queue.pop()) {
    for (const following of next(id)) {
      if (!seen.has(following)) {
        seen.add(following);
        queue.push(following);
      }
    }
  }

  return seen;
}

function groupBy<T>(items: T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    append(groups, keyOf(item), item);
  }

  return groups;
}

function append<T>(groups: Map<string, T[]>, key: string, item: T): void {
  const group = groups.get(key);
  if (group) {
    group.push(item);
  } else {
    groups.set(key, [item]);
  }
}
