import type { Operation } from '../code/facts.js';
import type { LambdaResource, TableResource } from '../iac/resources.js';
import type { Location } from '../location.js';
import type { SourceStatus } from '../source-status.js';
import type { Graph, Publish, PublishTarget, ResolvedTarget, TableAccess } from './graph.js';
import type { EdgeKind, NodeKind } from './kinds.js';
import { textOf } from './resolve-target.js';
import { triggerNodesAndEdges } from './trigger-edges.js';

export interface GraphNode {
  id: string;
  kind: NodeKind;
  name: string;
  location?: Location;
  [property: string]: unknown;
}

export interface GraphEdge {
  kind: EdgeKind;
  from: string;
  to: string;
  [property: string]: unknown;
}

/** The graph as plain data: what `infrawise graph --format json` prints. */
export interface GraphDocument {
  nodes: GraphNode[];
  edges: GraphEdge[];
  operations: Array<Record<string, unknown>>;
  lambdas: Array<Record<string, unknown>>;
  sources: SourceStatus[];
}

export const nodeIdOf = {
  table: (table: TableResource) => `table:${table.id}`,
  lambda: (lambda: LambdaResource) => `lambda:${lambda.id}`,
  codeFunction: (id: string) => `function:${id}`,
  operation: (operation: Operation) => `operation:${operation.id}`,
};

export function toGraphDocument(graph: Graph): GraphDocument {
  const triggers = triggerNodesAndEdges(graph);

  return {
    nodes: [
      ...triggers.nodes,
      ...tableNodes(graph),
      ...lambdaNodes(graph),
      ...functionNodes(graph),
      ...operationNodes(graph),
    ],
    edges: [
      ...structureEdges(graph),
      ...accessEdges(graph),
      ...publishEdges(graph),
      ...triggers.edges,
    ],
    operations: graph.operations.map(operation => operationEntry(graph, operation)),
    lambdas: graph.lambdaLinks.map(link => ({
      lambda: nodeIdOf.lambda(link.lambda),
      linked: Boolean(link.entryPoint),
      file: link.file,
      reason: link.reason,
    })),
    sources: graph.sources,
  };
}

function tableNodes(graph: Graph): GraphNode[] {
  return graph.tables.flatMap((table): GraphNode[] => [
    {
      id: nodeIdOf.table(table),
      kind: 'table' as const,
      name: table.name,
      logicalId: table.logicalId,
      location: table.location,
      partitionKey: table.partitionKey,
      sortKey: table.sortKey,
      billingMode: table.billingMode,
      stream: table.stream,
    },
    ...table.indexes.map(index => ({
      id: `index:${table.id}/${index.name}`,
      kind: 'index' as const,
      name: index.name,
      indexKind: index.kind,
      partitionKey: index.partitionKey,
      sortKey: index.sortKey,
      location: index.location,
    })),
  ]);
}

function lambdaNodes(graph: Graph): GraphNode[] {
  return graph.lambdas.map(lambda => ({
    id: nodeIdOf.lambda(lambda),
    kind: 'lambda',
    name: lambda.logicalId,
    location: lambda.location,
    handler: lambda.handler?.text,
    runtime: lambda.runtime,
    timeout: lambda.timeout,
    environment: Object.keys(lambda.environment).sort(),
    events: lambda.events.map(event => ({ name: event.name, type: event.type })),
  }));
}

function functionNodes(graph: Graph): GraphNode[] {
  return graph.functions.map(codeFunction => ({
    id: nodeIdOf.codeFunction(codeFunction.id),
    kind: 'code-function',
    name: codeFunction.name,
    file: codeFunction.file,
    location: codeFunction.location,
  }));
}

function operationNodes(graph: Graph): GraphNode[] {
  return graph.operations.map(operation => ({
    id: nodeIdOf.operation(operation),
    kind: 'operation',
    name: `${operation.service}:${operation.sdkName}`,
    action: operation.action,
    location: operation.location,
  }));
}

function operationEntry(graph: Graph, operation: Operation): Record<string, unknown> {
  return {
    id: nodeIdOf.operation(operation),
    kind: 'operation',
    service: operation.service,
    action: operation.action,
    access: operation.access,
    sdkName: operation.sdkName,
    target: { ...operation.target, text: textOf(operation.target) },
    indexName: operation.indexName ? textOf(operation.indexName) : undefined,
    keyAttributes: operation.keyAttributes,
    hasFilter: operation.hasFilter,
    inLoop: operation.inLoop,
    file: operation.location.file,
    line: operation.location.line,
    column: operation.location.column,
    sdkLocation: operation.sdkLocation,
    codeFunction: nodeIdOf.codeFunction(operation.codeFunction),
    targets:
      operation.service === 'dynamodb'
        ? distinctTargets(graph.accessesOf(operation))
        : distinctPublishTargets(graph.publishesOf(operation)),
  };
}

function distinctTargets(accesses: TableAccess[]): Array<Record<string, unknown>> {
  const byKey = new Map<string, Record<string, unknown>>();
  for (const access of accesses) {
    const entry = targetEntry(access.target);
    byKey.set(JSON.stringify(entry), entry);
  }

  return [...byKey.values()];
}

function targetEntry(target: ResolvedTarget): Record<string, unknown> {
  switch (target.kind) {
    case 'table':
      return { resolved: true, table: target.name };
    case 'name':
      return { resolved: true, name: target.name, external: true, declared: target.declared };
    case 'unresolved':
      return { resolved: false, text: target.text };
  }
}

function targetNodeId(target: ResolvedTarget): string {
  switch (target.kind) {
    case 'table':
      return nodeIdOf.table(target.table);
    case 'name':
      return `external-table:${target.name}`;
    case 'unresolved':
      return `unresolved:${target.text}`;
  }
}

function structureEdges(graph: Graph): GraphEdge[] {
  const handles = graph.entryPoints.flatMap(entryPoint =>
    entryPoint.lambda
      ? [
          {
            kind: 'handles' as const,
            from: nodeIdOf.lambda(entryPoint.lambda),
            to: nodeIdOf.codeFunction(entryPoint.codeFunction.id),
          },
        ]
      : [],
  );
  const calls = graph.functions.flatMap(codeFunction =>
    codeFunction.calls.map(callee => ({
      kind: 'calls' as const,
      from: nodeIdOf.codeFunction(codeFunction.id),
      to: nodeIdOf.codeFunction(callee),
    })),
  );
  const performs = graph.operations.map(operation => ({
    kind: 'performs' as const,
    from: nodeIdOf.codeFunction(operation.codeFunction),
    to: nodeIdOf.operation(operation),
  }));
  const indexes = graph.tables.flatMap(table =>
    table.indexes.map(index => ({
      kind: 'has-index' as const,
      from: nodeIdOf.table(table),
      to: `index:${table.id}/${index.name}`,
    })),
  );

  return [...handles, ...calls, ...performs, ...indexes];
}

// One edge per Lambda, table and operation: the evidence a person needs to see why the Lambda
// touches the table.
function accessEdges(graph: Graph): GraphEdge[] {
  const edges = new Map<string, GraphEdge>();
  for (const access of graph.accesses) {
    const lambda = access.entryPoint?.lambda;
    if (!lambda) {
      continue;
    }

    const edge = accessEdge(access, lambda);
    edges.set(`${edge.from}|${edge.to}|${String(edge.operation)}`, edge);
  }

  return [...edges.values()];
}

function accessEdge(access: TableAccess, lambda: LambdaResource): GraphEdge {
  const { operation, target } = access;

  return {
    kind: 'accesses',
    from: nodeIdOf.lambda(lambda),
    to: targetNodeId(target),
    resolved: target.kind !== 'unresolved',
    action: operation.action,
    access: operation.access,
    operation: nodeIdOf.operation(operation),
    file: operation.location.file,
    line: operation.location.line,
    sdkFile: operation.sdkLocation?.file,
    index: operation.indexName ? textOf(operation.indexName) : undefined,
    evidence: access.hops.map(hop => hop.description),
  };
}

function distinctPublishTargets(publishes: Publish[]): Array<Record<string, unknown>> {
  const byKey = new Map<string, Record<string, unknown>>();
  for (const publish of publishes) {
    const target = publish.target;
    const entry =
      target.kind === 'unresolved'
        ? { resolved: false, text: target.text }
        : {
            resolved: true,
            [publish.operation.service === 'sqs' ? 'queue' : 'topic']: target.name,
          };
    byKey.set(JSON.stringify(entry), entry);
  }

  return [...byKey.values()];
}

function publishNodeId(target: PublishTarget, service: string): string {
  switch (target.kind) {
    case 'queue':
      return `queue:${target.queue.id}`;
    case 'topic':
      return `topic:${target.topic.id}`;
    case 'name':
      return `external-${service === 'sqs' ? 'queue' : 'topic'}:${target.name}`;
    case 'unresolved':
      return `unresolved:${target.text}`;
  }
}

// One edge per sender, queue or topic and operation. Code that no Lambda of the templates runs
// sends from its entry point's code function, so a publish is shown even without infrastructure.
function publishEdges(graph: Graph): GraphEdge[] {
  const edges = new Map<string, GraphEdge>();
  for (const publish of graph.publishes) {
    const { operation, entryPoint, target } = publish;
    const lambda = entryPoint?.lambda;
    const from = lambda
      ? nodeIdOf.lambda(lambda)
      : nodeIdOf.codeFunction(entryPoint?.codeFunction.id ?? operation.codeFunction);
    const edge: GraphEdge = {
      kind: 'publishes',
      from,
      to: publishNodeId(target, operation.service),
      resolved: target.kind !== 'unresolved',
      action: operation.action,
      service: operation.service,
      operation: nodeIdOf.operation(operation),
      file: operation.location.file,
      line: operation.location.line,
      sdkFile: operation.sdkLocation?.file,
      evidence: publish.hops.map(hop => hop.description),
    };
    edges.set(`${edge.from}|${edge.to}|${String(edge.operation)}`, edge);
  }

  return [...edges.values()];
}
