import type { CodeFunction, Operation } from '../code/facts.js';
import type {
  LambdaResource,
  ParameterResource,
  Resource,
  QueueResource,
  TableResource,
  TopicResource,
} from '../iac/resources.js';
import { linkEntryPoints } from './entry-points.js';
import type { EntryPoint, Graph, GraphInput, TableAccess } from './graph.js';
import { resolveTarget } from './resolve-target.js';
import type { TableDirectory } from './resolve-target.js';

/** Joins code facts and infrastructure resources into one graph with indexed queries. */
export function buildGraph({ code, infra }: GraphInput): Graph {
  const tables = infra.resources.filter(isTable);
  const lambdas = infra.resources.filter(isLambda);
  const functionsById = new Map(
    code.functions.map(codeFunction => [codeFunction.id, codeFunction]),
  );
  const { entryPoints, lambdaLinks } = linkEntryPoints(lambdas, code.exports, functionsById);

  const directory = tableDirectory(tables, infra.resources.filter(isParameter));
  const operationsByFunction = groupBy(code.operations, operation => operation.codeFunction);
  const accesses = collectAccesses({ entryPoints, functionsById, operationsByFunction, directory });
  accesses.push(...unreachedAccesses(code.operations, accesses, directory));

  const accessesByOperation = groupBy(accesses, access => access.operation.id);
  const accessesByTable = groupBy(accesses, access =>
    access.target.kind === 'table' ? access.target.table.id : '',
  );

  return {
    operations: code.operations,
    functions: code.functions,
    exports: code.exports,
    tables,
    lambdas,
    queues: infra.resources.filter(isQueue),
    topics: infra.resources.filter(isTopic),
    entryPoints,
    lambdaLinks,
    accesses,
    sources: [...infra.sources, ...code.sources],
    templatesRead: infra.templatesRead,
    accessesOf: operation => accessesByOperation.get(operation.id) ?? [],
    accessesOfTable: table => accessesByTable.get(table.id) ?? [],
    entryPointsReaching: operation =>
      (accessesByOperation.get(operation.id) ?? []).flatMap(access =>
        access.entryPoint ? [access.entryPoint] : [],
      ),
    functionById: id => functionsById.get(id),
  };
}

interface AccessInput {
  entryPoints: EntryPoint[];
  functionsById: Map<string, CodeFunction>;
  operationsByFunction: Map<string, Operation[]>;
  directory: TableDirectory;
}

function collectAccesses(input: AccessInput): TableAccess[] {
  const accesses: TableAccess[] = [];
  for (const entryPoint of input.entryPoints) {
    const reached = reachableFunctions(entryPoint.codeFunction.id, input.functionsById);
    for (const functionId of reached) {
      for (const operation of input.operationsByFunction.get(functionId) ?? []) {
        const { target, hops } = resolveTarget(
          operation.target,
          entryPoint.lambda,
          input.directory,
        );
        accesses.push({ operation, entryPoint, target, hops });
      }
    }
  }

  return accesses;
}

// An operation that no entry point reaches still counts: it is shown, resolved without any
// Lambda's environment.
function unreachedAccesses(
  operations: Operation[],
  reached: TableAccess[],
  directory: TableDirectory,
): TableAccess[] {
  const reachedIds = new Set(reached.map(access => access.operation.id));

  return operations
    .filter(operation => !reachedIds.has(operation.id))
    .map(operation => ({ operation, ...resolveTarget(operation.target, undefined, directory) }));
}

/** Every code function reachable from `startId` through calls, in a stable order. */
export function reachableFunctions(
  startId: string,
  functionsById: Map<string, CodeFunction>,
): string[] {
  const seen = new Set([startId]);
  const queue = [startId];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    for (const callee of functionsById.get(next)?.calls ?? []) {
      if (!seen.has(callee)) {
        seen.add(callee);
        queue.push(callee);
      }
    }
  }

  return [...seen];
}

function tableDirectory(tables: TableResource[], parameters: ParameterResource[]): TableDirectory {
  const byName = new Map<string, TableResource>();
  for (const table of tables) {
    if (!byName.has(table.name)) {
      byName.set(table.name, table);
    }
  }

  const parameterDefaults = new Map<string, string>();
  for (const parameter of parameters) {
    if (parameter.default !== undefined) {
      parameterDefaults.set(parameter.id, parameter.default);
    }
  }

  return { byId: new Map(tables.map(table => [table.id, table])), byName, parameterDefaults };
}

function groupBy<T>(items: T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) {
      group.push(item);
    } else {
      groups.set(key, [item]);
    }
  }

  return groups;
}

function isTable(resource: Resource): resource is TableResource {
  return resource.kind === 'table';
}

function isLambda(resource: Resource): resource is LambdaResource {
  return resource.kind === 'lambda';
}

function isQueue(resource: Resource): resource is QueueResource {
  return resource.kind === 'queue';
}

function isTopic(resource: Resource): resource is TopicResource {
  return resource.kind === 'topic';
}

function isParameter(resource: Resource): resource is ParameterResource {
  return resource.kind === 'parameter';
}
