import type { EventMapping } from '../../graph/event-sources.js';
import { eventMappings, relatedMapping, sourceResolver } from '../../graph/event-sources.js';
import type { Graph, Publish, TableAccess } from '../../graph/graph.js';
import type { QueueResource, TableResource, TopicResource } from '../../iac/resources.js';
import type { RawFinding } from '../finding.js';
import { NO_OPTIONS, defineRule } from '../rule.js';

const WRITES = new Set(['put', 'update', 'delete', 'batch-write', 'transact-write']);

const messageRecommendation =
  'Bound the re-sends: carry an attempt count in the message and stop (or send to a dead-letter queue) once it reaches a limit, or send the retry to a separate queue or topic that does not trigger this function.';

const recommendation =
  'Guard the write so that it cannot trigger the function again: a ConditionExpression that fails once the item is processed (attribute_not_exists(enrichedAt)), a FilterCriteria on the mapping that only passes the changes to react to, or write to another table.';

export const recursiveTrigger = defineRule({
  id: 'lambda/recursive-trigger',
  severity: 'high',
  description:
    'Reports a Lambda triggered by a table stream, queue or topic whose code path writes or sends back to that same resource without a condition that stops the loop.',
  docs: {
    rationale:
      'Every write to a table with a stream emits a new record, and a record invokes the function again: a function that updates the item it was triggered by runs for ever, billing each round, and AWS recursive loop detection does not cover DynamoDB streams. A function that sends to the queue or topic that triggers it loops the same way; AWS stops such a loop after about 16 rounds, so retries end silently, or never end when the loop guard is turned off.',
    example:
      'Events: { Changes: { Type: DynamoDB, Properties: { Stream: !GetAtt Articles.StreamArn } } }, with a handler that calls `new UpdateCommand({ TableName: process.env.ARTICLES_TABLE, ... })`.',
    fix: 'Make the write conditional (ConditionExpression) so that the second round fails without a new record, filter the mapping to the events that matter, or write elsewhere; for a queue or topic, bound the re-sends with an attempt count or send retries to another queue.',
    limitations: [
      'A guard is recognised only as a ConditionExpression on the write; a check in the handler (`if (record.eventName !== "INSERT") continue`) or FilterCriteria on the mapping is not seen, so such a function is still reported.',
      'A queue or topic loop is reported even when the code checks an attempt count before sending (`if (attempt < 5)`): bounds in code are not read.',
    ],
  },

  options: NO_OPTIONS,

  check(graph) {
    const resolver = sourceResolver(graph);
    const topicOf = topicFinder(graph);

    return eventMappings(graph).flatMap(mapping => {
      const table = resolver.tableOf(mapping);
      const source = resolver.queueOf(mapping) ?? topicOf(mapping);
      if (table) {
        return findingsFor(graph, mapping, table);
      }

      return source ? messageFindingsFor(graph, mapping, source) : [];
    });
  },
});

// A topic mapping names its topic by logical id in the Lambda's template, as a queue mapping does.
function topicFinder(graph: Graph): (mapping: EventMapping) => TopicResource | undefined {
  const byId = new Map(graph.topics.map(topic => [topic.id, topic]));

  return mapping => {
    const source = mapping.event.source;
    const isTopicRef = mapping.event.type === 'sns' && source?.kind === 'resource';
    return isTopicRef ? byId.get(`${mapping.lambda.template}#${source.logicalId}`) : undefined;
  };
}

function messageFindingsFor(
  graph: Graph,
  mapping: EventMapping,
  source: QueueResource | TopicResource,
): RawFinding[] {
  const sendsBack = graph.publishes.filter(
    publish =>
      publish.entryPoint?.lambda?.id === mapping.lambda.id && targetIdOf(publish) === source.id,
  );
  const byOperation = new Map(sendsBack.map(publish => [publish.operation.id, publish]));

  return [...byOperation.values()].map(publish => messageFindingFor(mapping, source, publish));
}

function targetIdOf(publish: Publish): string | undefined {
  const target = publish.target;
  if (target.kind === 'queue') {
    return target.queue.id;
  }

  return target.kind === 'topic' ? target.topic.id : undefined;
}

function messageFindingFor(
  mapping: EventMapping,
  source: QueueResource | TopicResource,
  publish: Publish,
): RawFinding {
  const lambda = mapping.lambda;
  const { operation, entryPoint } = publish;
  const what = `${source.kind} "${source.name}"`;

  return {
    message: `Lambda "${lambda.logicalId}" is triggered by ${what} and its code path sends back to that ${source.kind} (${operation.sdkName}) with no bound on the re-sends: AWS recursive loop detection stops the loop after about 16 rounds and drops the message or moves it to a dead-letter queue, so the retries end silently, or never end if the loop guard is turned off.`,
    location: operation.location,
    related: [
      relatedMapping(mapping, `trigger ${mapping.event.name}: ${what} → ${lambda.logicalId}`),
      { ...source.location, label: `${source.kind} ${source.name}` },
      ...(entryPoint ? [{ ...entryPoint.location, label: `entry point ${entryPoint.label}` }] : []),
    ],
    recommendation: messageRecommendation,
    // Loop detection caps a queue or topic loop, unlike a stream loop.
    severity: 'medium',
    subject: `${lambda.id}|${source.id}|${operation.codeFunction}|${operation.action}`,
  };
}

function findingsFor(graph: Graph, mapping: EventMapping, table: TableResource): RawFinding[] {
  const writesBack = graph
    .accessesOfTable(table)
    .filter(access => access.entryPoint?.lambda?.id === mapping.lambda.id)
    .filter(access => WRITES.has(access.operation.action) && !access.operation.hasCondition);

  return distinctOperations(writesBack).map(access => findingFor(mapping, table, access));
}

function findingFor(mapping: EventMapping, table: TableResource, access: TableAccess): RawFinding {
  const lambda = mapping.lambda;
  const entryPoint = access.entryPoint;

  return {
    message: `Lambda "${lambda.logicalId}" is triggered by the stream of table "${table.name}" and its code path writes back to that table (${access.operation.action}) with no condition: each write emits a stream record that invokes it again, a loop that AWS recursive loop detection does not stop.`,
    location: access.operation.location,
    related: [
      relatedMapping(
        mapping,
        `trigger ${mapping.event.name}: stream of ${table.name} → ${lambda.logicalId}`,
      ),
      { ...table.location, label: `table ${table.name}` },
      ...(entryPoint ? [{ ...entryPoint.location, label: `entry point ${entryPoint.label}` }] : []),
    ],
    recommendation,
    subject: `${lambda.id}|${table.id}|${access.operation.codeFunction}|${access.operation.action}`,
  };
}

function distinctOperations(accesses: TableAccess[]): TableAccess[] {
  const byOperation = new Map<string, TableAccess>();
  for (const access of accesses) {
    if (!byOperation.has(access.operation.id)) {
      byOperation.set(access.operation.id, access);
    }
  }

  return [...byOperation.values()];
}
