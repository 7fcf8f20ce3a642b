import type { EventSource, LambdaResource } from '../iac/resources.js';
import type { GraphEdge, GraphNode } from './graph-document.js';
import type { Graph } from './graph.js';

const RULE_EVENTS = new Set(['schedule', 'eventbridge']);

/** Queue, topic, stream and event-rule nodes, and a `triggers` edge from each to its Lambda. */
export function triggerNodesAndEdges(graph: Graph): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const sourceIds = sourceNodeIds(graph);
  const nodes = new Map<string, GraphNode>();
  for (const queue of graph.queues) {
    nodes.set(`queue:${queue.id}`, {
      id: `queue:${queue.id}`,
      kind: 'queue',
      name: queue.name,
      location: queue.location,
    });
  }
  for (const topic of graph.topics) {
    nodes.set(`topic:${topic.id}`, {
      id: `topic:${topic.id}`,
      kind: 'topic',
      name: topic.name,
      location: topic.location,
    });
  }
  for (const table of graph.tables.filter(table => table.stream)) {
    const id = `stream:${table.id}`;
    nodes.set(id, {
      id,
      kind: 'stream',
      name: `${table.name} stream`,
      table: `table:${table.id}`,
      location: table.stream?.location ?? table.location,
    });
  }

  const edges = graph.lambdas.flatMap(lambda =>
    lambda.events.flatMap(event => {
      const from = sourceOf(lambda, event, sourceIds);
      if (!from) {
        return [];
      }
      if (!nodes.has(from) && RULE_EVENTS.has(event.type)) {
        nodes.set(from, {
          id: from,
          kind: 'event-rule',
          name: event.name,
          location: event.location,
        });
      }
      return [triggerEdge(from, lambda, event)];
    }),
  );

  return { nodes: [...nodes.values()], edges };
}

function sourceNodeIds(graph: Graph): Map<string, string> {
  const ids = new Map<string, string>();
  for (const queue of graph.queues) {
    ids.set(queue.id, `queue:${queue.id}`);
  }
  for (const topic of graph.topics) {
    ids.set(topic.id, `topic:${topic.id}`);
  }
  for (const table of graph.tables) {
    ids.set(table.id, `stream:${table.id}`);
  }

  return ids;
}

function sourceOf(
  lambda: LambdaResource,
  event: EventSource,
  sourceIds: Map<string, string>,
): string | undefined {
  const source = event.source;
  if (source?.kind === 'resource') {
    return (
      sourceIds.get(`${lambda.template}#${source.logicalId}`) ?? `external:${source.logicalId}`
    );
  }
  if (source?.kind === 'literal') {
    return `external:${source.value}`;
  }

  return RULE_EVENTS.has(event.type) ? `event-rule:${lambda.template}#${event.name}` : undefined;
}

function triggerEdge(from: string, lambda: LambdaResource, event: EventSource): GraphEdge {
  return {
    kind: 'triggers',
    from,
    to: `lambda:${lambda.id}`,
    event: event.name,
    eventType: event.type,
    handler: lambda.handler?.text,
    batchSize: event.batchSize,
    location: event.location,
  };
}
