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
import type { EntryPoint, Graph, GraphInput, Publish, TableAccess } from './graph.js';
import { resolveMessageTarget, resolveTarget } from './resolve-target.js';
import { computedTableNames } from './computed-table-names.js';
import type { MessagingDirectory, TableDirectory } from './resolve-target.js';

/** Joins code facts and infrastructure resources into one graph with indexed queries. */
export function buildGraph({ code, infra }: GraphInput): Graph {
  const tables = infra.resources.filter(isTable);
  const lambdas = infra.resources.filter(isLambda);
  const functionsById = new Map(
    code.functions.map(codeFunction => [codeFunction.id, codeFunction]),
  );
  const { entryPoints, lambdaLinks } = linkEntryPoints(lambdas, code.exports, functionsById);

  const parameters = infra.resources.filter(isParameter);
  const directory = tableDirectory(tables, parameters);
  const tableOperations = code.operations.filter(operation => operation.service === 'dynamodb');
  const operationsByFunction = groupBy(tableOperations, operation => operation.codeFunction);
  const accesses = collectAccesses({ entryPoints, functionsById, operationsByFunction, directory });
  accesses.push(...unreachedAccesses(tableOperations, accesses, directory));
  const queues = infra.resources.filter(isQueue);
  const topics = infra.resources.filter(isTopic);
  const messaging = messagingDirectory(queues, topics, directory.parameterDefaults);
  const publishes = collectPublishes(code.operations, entryPoints, functionsById, messaging);

  const accessesByOperation = groupBy(accesses, access => access.operation.id);
  const publishesByOperation = groupBy(publishes, publish => publish.operation.id);
  const accessesByTable = groupBy(accesses, access =>
    access.target.kind === 'table' ? access.target.table.id : '',
  );
  const accessesByLambda = groupBy(accesses, access => access.entryPoint?.lambda?.id ?? '');

  return {
    operations: code.operations,
    functions: code.functions,
    exports: code.exports,
    tables,
    lambdas,
    queues,
    topics,
    entryPoints,
    lambdaLinks,
    accesses,
    publishes,
    sources: [...infra.sources, ...code.sources],
    templatesRead: infra.templatesRead,
    accessesOf: operation => accessesByOperation.get(operation.id) ?? [],
    accessesOfTable: table => accessesByTable.get(table.id) ?? [],
    accessesOfLambda: lambda => accessesByLambda.get(lambda.id) ?? [],
    publishesOf: operation => publishesByOperation.get(operation.id) ?? [],
    entryPointsReaching: operation =>
      [
        ...(accessesByOperation.get(operation.id) ?? []),
        ...(publishesByOperation.get(operation.id) ?? []),
      ].flatMap(access => (access.entryPoint ? [access.entryPoint] : [])),
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

/**
 * SQS and SNS operations, once per code path that reaches them (and once, without a Lambda's
 * environment, when none does), with the queue or topic resolved in that path's environment.
 */
function collectPublishes(
  operations: Operation[],
  entryPoints: EntryPoint[],
  functionsById: Map<string, CodeFunction>,
  directory: MessagingDirectory,
): Publish[] {
  const messages = operations.filter(operation => operation.service !== 'dynamodb');
  const byFunction = groupBy(messages, operation => operation.codeFunction);
  const publishes: Publish[] = [];
  for (const entryPoint of messages.length > 0 ? entryPoints : []) {
    for (const functionId of reachableFunctions(entryPoint.codeFunction.id, functionsById)) {
      for (const operation of byFunction.get(functionId) ?? []) {
        publishes.push({
          operation,
          entryPoint,
          ...publishTarget(operation, entryPoint, directory),
        });
      }
    }
  }

  const reached = new Set(publishes.map(publish => publish.operation.id));
  const unreached = messages.filter(operation => !reached.has(operation.id));

  return [
    ...publishes,
    ...unreached.map(operation => ({
      operation,
      ...publishTarget(operation, undefined, directory),
    })),
  ];
}

function publishTarget(
  operation: Operation,
  entryPoint: EntryPoint | undefined,
  directory: MessagingDirectory,
): Pick<Publish, 'target' | 'hops'> {
  const service = operation.service === 'sns' ? 'sns' : 'sqs';

  return resolveMessageTarget(operation.target, service, entryPoint?.lambda, directory);
}

function messagingDirectory(
  queues: QueueResource[],
  topics: TopicResource[],
  parameterDefaults: Map<string, string>,
): MessagingDirectory {
  return {
    queuesById: new Map(queues.map(queue => [queue.id, queue])),
    queuesByName: firstByName(queues),
    topicsById: new Map(topics.map(topic => [topic.id, topic])),
    topicsByName: firstByName(topics),
    parameterDefaults,
  };
}

function firstByName<Named extends { name: string }>(resources: Named[]): Map<string, Named> {
  const byName = new Map<string, Named>();
  for (const resource of resources) {
    if (!byName.has(resource.name)) {
      byName.set(resource.name, resource);
    }
  }

  return byName;
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

  return {
    byId: new Map(tables.map(table => [table.id, table])),
    byName,
    parameterDefaults,
    computedNames: computedTableNames(tables),
  };
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
