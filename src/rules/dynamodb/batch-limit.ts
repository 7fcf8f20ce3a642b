import type { Operation } from '../../code/facts.js';
import type { Graph } from '../../graph/graph.js';
import { describeTarget, relatedEntryPoints } from '../../graph/code-paths.js';
import type { RawFinding } from '../finding.js';
import { NO_OPTIONS, defineRule } from '../rule.js';

// Fixed by the DynamoDB API, not configurable per table.
const MAX_REQUESTS: Partial<Record<Operation['action'], number>> = {
  'batch-write': 25,
  'batch-get': 100,
};

export const batchLimit = defineRule({
  id: 'dynamodb/batch-limit',
  severity: 'high',
  description:
    'Reports a BatchWriteItem with more than 25 requests or a BatchGetItem with more than 100 keys, from a literal or from a whole collection with no chunking.',
  docs: {
    rationale:
      'DynamoDB rejects the whole batch with a ValidationException once it holds more than 25 write requests or 100 keys, so a batch built from an unbounded list works in tests and fails as soon as real input grows.',
    example:
      'await ddb.send(new BatchWriteCommand({ RequestItems: { [TABLE]: event.settings.map(toPutRequest) } }));',
    fix: 'Split the list into chunks of 25 writes (100 keys) and send one batch per chunk.',
    limitations: [
      'A collection passed in as a plain parameter of a helper is taken as already chunked by the caller.',
      'Only the request list written at the operation, or in a variable it names, is read; a batch assembled across functions is not sized.',
    ],
  },

  options: NO_OPTIONS,

  check(graph) {
    return graph.operations.flatMap(operation => findingsFor(graph, operation));
  },
});

function findingsFor(graph: Graph, operation: Operation): RawFinding[] {
  const limit = MAX_REQUESTS[operation.action];
  const size = operation.batchSize;
  if (!limit || !size || (size.kind === 'count' && size.count <= limit)) {
    return [];
  }

  const target = describeTarget(graph.accessesOf(operation), operation);
  const name = operation.action === 'batch-write' ? 'BatchWriteItem' : 'BatchGetItem';
  const unit = operation.action === 'batch-write' ? 'write requests' : 'keys';
  const problem =
    size.kind === 'count'
      ? `holds ${size.count} ${unit}`
      : `is built from all of ${size.text} with no chunking`;
  const location = size.kind === 'unbounded' ? size.location : operation.location;

  return [
    {
      message: `${name} on ${target} ${problem}; DynamoDB rejects a batch of more than ${limit} ${unit}.`,
      location,
      related: [
        ...(location === operation.location
          ? []
          : [{ ...operation.location, label: `${name} sent here` }]),
        ...relatedEntryPoints(graph.entryPointsReaching(operation)),
      ],
      recommendation: `Split the list into chunks of ${limit} and send one batch per chunk.`,
      subject: `${target}|${operation.codeFunction}|${operation.action}`,
    },
  ];
}
