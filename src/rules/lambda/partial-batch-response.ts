import type { EventMapping } from '../../graph/event-sources.js';
import { eventMappings, relatedMapping } from '../../graph/event-sources.js';
import { reachableFunctions } from '../../graph/build-graph.js';
import type { EntryPoint, Graph } from '../../graph/graph.js';
import type { CodeFunction } from '../../code/facts.js';
import type { RawFinding } from '../finding.js';
import { NO_OPTIONS, defineRule } from '../rule.js';

const BATCH_EVENTS = new Set(['sqs', 'dynamodb', 'kinesis']);
const REPORT = 'ReportBatchItemFailures';

export const partialBatchResponse = defineRule({
  id: 'lambda/partial-batch-response',
  severity: 'medium',
  description:
    'Reports a queue or stream consumer whose code returns batchItemFailures while its mapping lacks ReportBatchItemFailures, or the reverse.',
  docs: {
    rationale:
      'Lambda reads `batchItemFailures` only when the mapping lists ReportBatchItemFailures in FunctionResponseTypes. Without it the response is ignored, the invocation counts as a success and every message is deleted, the failed ones included; with it but a handler that never returns the list, a failure is reported only by throwing, which retries the whole batch.',
    example:
      'A handler that ends with `return { batchItemFailures }` on `Events: { Jobs: { Type: SQS, Properties: { Queue: !GetAtt Jobs.Arn } } }`.',
    fix: 'Add `FunctionResponseTypes: [ReportBatchItemFailures]` to the mapping, or return `{ batchItemFailures }` from the handler.',
    limitations: [
      'A batch response built by a library (Powertools `processPartialResponse`) is not seen, so its mapping with ReportBatchItemFailures is reported as unused.',
      'A `return { batchItemFailures }` inside a callback of the handler counts as the handler returning it.',
    ],
  },

  options: NO_OPTIONS,

  check(graph) {
    const entryPointsByLambda = new Map(
      graph.entryPoints.flatMap(entryPoint =>
        entryPoint.lambda ? [[entryPoint.lambda.id, entryPoint] as const] : [],
      ),
    );

    return eventMappings(graph)
      .filter(mapping => BATCH_EVENTS.has(mapping.event.type))
      .flatMap(mapping => {
        const entryPoint = entryPointsByLambda.get(mapping.lambda.id);
        return entryPoint ? findingsFor(graph, mapping, entryPoint) : [];
      });
  },
});

function findingsFor(graph: Graph, mapping: EventMapping, entryPoint: EntryPoint): RawFinding[] {
  const reports = mapping.event.functionResponseTypes.includes(REPORT);
  const returner = batchResponder(graph, entryPoint);
  if (returner && !reports) {
    return [swallowedFailures(mapping, entryPoint, returner)];
  }

  return !returner && reports ? [unusedSetting(mapping, entryPoint)] : [];
}

// The handler, or a code function it reaches, returns the batch response.
function batchResponder(graph: Graph, entryPoint: EntryPoint): CodeFunction | undefined {
  const byId = new Map(graph.functions.map(codeFunction => [codeFunction.id, codeFunction]));

  return reachableFunctions(entryPoint.codeFunction.id, byId)
    .map(id => byId.get(id))
    .find(codeFunction => codeFunction?.returnsBatchItemFailures === true);
}

function swallowedFailures(
  mapping: EventMapping,
  entryPoint: EntryPoint,
  returner: CodeFunction,
): RawFinding {
  return {
    message: `The handler of Lambda "${mapping.lambda.logicalId}" returns batchItemFailures, but its mapping "${mapping.event.name}" does not list ${REPORT} in FunctionResponseTypes: Lambda ignores the response, counts the batch as processed and deletes every record, the failed ones included, so they are neither retried nor sent to a dead-letter queue.`,
    location: mapping.event.location,
    related: [
      { ...returner.location, label: `${returner.name} returns batchItemFailures` },
      { ...entryPoint.location, label: `entry point ${entryPoint.label}` },
    ],
    recommendation: `Add FunctionResponseTypes: [${REPORT}] to the mapping "${mapping.event.name}".`,
    severity: 'high',
    subject: `${mapping.lambda.id}|${mapping.event.name}|swallowed`,
  };
}

function unusedSetting(mapping: EventMapping, entryPoint: EntryPoint): RawFinding {
  return {
    message: `Mapping "${mapping.event.name}" of Lambda "${mapping.lambda.logicalId}" lists ${REPORT}, but no code path of its handler returns batchItemFailures: a failure is reported only by throwing, which retries the whole batch, and a handler that returns normally has every record deleted.`,
    location: mapping.event.location,
    related: [
      relatedMapping(mapping),
      { ...entryPoint.location, label: `entry point ${entryPoint.label}` },
    ],
    recommendation:
      'Return `{ batchItemFailures: [{ itemIdentifier }] }` for the records that failed, or remove ReportBatchItemFailures from the mapping.',
    subject: `${mapping.lambda.id}|${mapping.event.name}|unused`,
  };
}
