import type { EventMapping } from '../../graph/event-sources.js';
import { eventMappings, relatedMapping, sourceResolver } from '../../graph/event-sources.js';
import type { Graph, TableAccess } from '../../graph/graph.js';
import type { TableResource } from '../../iac/resources.js';
import type { RawFinding } from '../finding.js';
import { NO_OPTIONS, defineRule } from '../rule.js';

const WRITES = new Set(['put', 'update', 'delete', 'batch-write', 'transact-write']);

const recommendation =
  'Guard the write so that it cannot trigger the function again: a ConditionExpression that fails once the item is processed (attribute_not_exists(enrichedAt)), a FilterCriteria on the mapping that only passes the changes to react to, or write to another table.';

export const recursiveTrigger = defineRule({
  id: 'lambda/recursive-trigger',
  severity: 'high',
  description:
    'Reports a Lambda triggered by a table stream whose code path writes back to that table without a condition that stops the loop.',
  docs: {
    rationale:
      'Every write to a table with a stream emits a new record, and a record invokes the function again: a function that updates the item it was triggered by runs for ever, billing each round, and AWS recursive loop detection does not cover DynamoDB streams.',
    example:
      'Events: { Changes: { Type: DynamoDB, Properties: { Stream: !GetAtt Articles.StreamArn } } }, with a handler that calls `new UpdateCommand({ TableName: process.env.ARTICLES_TABLE, ... })`.',
    fix: 'Make the write conditional (ConditionExpression) so that the second round fails without a new record, filter the mapping to the events that matter, or write elsewhere.',
    limitations: [
      'A guard is recognised only as a ConditionExpression on the write; a check in the handler (`if (record.eventName !== "INSERT") continue`) or FilterCriteria on the mapping is not seen, so such a function is still reported.',
      'Only DynamoDB stream loops are found; a function that sends to the queue or topic that triggers it is not seen yet.',
    ],
  },

  options: NO_OPTIONS,

  check(graph) {
    const resolver = sourceResolver(graph);

    return eventMappings(graph).flatMap(mapping => {
      const table = resolver.tableOf(mapping);
      return table ? findingsFor(graph, mapping, table) : [];
    });
  },
});

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
