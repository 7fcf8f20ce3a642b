import type { Operation } from '../../code/facts.js';
import type { Graph } from '../../graph/graph.js';
import { describeTarget, relatedEntryPoints } from '../../graph/code-paths.js';
import type { RawFinding } from '../finding.js';
import { formatLocation } from '../../location.js';
import { NO_OPTIONS, defineRule } from '../rule.js';

const FIELDS: Partial<Record<Operation['action'], string>> = {
  'batch-write': 'UnprocessedItems',
  'batch-get': 'UnprocessedKeys',
};

export const unprocessedItems = defineRule({
  id: 'dynamodb/unprocessed-items',
  severity: 'high',
  description:
    'Reports a BatchWriteItem whose UnprocessedItems, or a BatchGetItem whose UnprocessedKeys, is never read.',
  docs: {
    rationale:
      'A batch request succeeds as a whole even when DynamoDB throttles part of it; the skipped requests come back in UnprocessedItems or UnprocessedKeys, and the SDK does not retry them. Code that ignores them loses writes or reads without any error.',
    example:
      'await ddb.send(new BatchWriteCommand({ RequestItems: { [TABLE]: chunk.map(toPutRequest) } }));',
    fix: 'Resend UnprocessedItems (or UnprocessedKeys) with exponential backoff until it is empty.',
    limitations: [
      'A code function that names UnprocessedItems or UnprocessedKeys anywhere counts as handling them, even when it reads them from the wrong object (`res.data?.UnprocessedItems`).',
      'A helper that returns the batch response to its caller is not reported: the caller may retry.',
    ],
  },

  options: NO_OPTIONS,

  check(graph) {
    // A batch naming two tables is one operation per table at one location: report it once.
    const byLocation = new Map<string, Operation[]>();
    for (const operation of graph.operations) {
      const key = formatLocation(operation.location);
      byLocation.set(key, [...(byLocation.get(key) ?? []), operation]);
    }

    return [...byLocation.values()].flatMap(group => findingsFor(graph, group));
  },
});

function findingsFor(graph: Graph, group: Operation[]): RawFinding[] {
  const [operation] = group as [Operation, ...Operation[]];
  const field = FIELDS[operation.action];
  if (!field || operation.resultUse === 'returned' || isRead(graph, operation, field)) {
    return [];
  }

  const target = describeTarget(
    group.flatMap(member => graph.accessesOf(member)),
    operation,
  );
  const name = operation.action === 'batch-write' ? 'BatchWriteItem' : 'BatchGetItem';
  const how =
    operation.resultUse === 'discarded' ? 'its response is discarded' : `${field} is never read`;
  const lost = operation.action === 'batch-write' ? 'writes' : 'reads';

  return [
    {
      message: `${name} on ${target}: ${how}, so ${lost} that DynamoDB throttles are dropped without an error.`,
      location: operation.location,
      related: relatedEntryPoints(graph.entryPointsReaching(operation)),
      recommendation: `Resend ${field} with exponential backoff until it is empty.`,
      subject: `${target}|${operation.codeFunction}|${operation.action}`,
    },
  ];
}

function isRead(graph: Graph, operation: Operation, field: string): boolean {
  return [operation.codeFunction, operation.sdkCodeFunction].some(
    id => id !== undefined && graph.functionById(id)?.responseFields?.includes(field) === true,
  );
}
