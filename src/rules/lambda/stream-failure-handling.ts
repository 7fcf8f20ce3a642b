import type { EventMapping } from '../../graph/event-sources.js';
import { eventMappings, isStreamMapping } from '../../graph/event-sources.js';
import type { RawFinding } from '../finding.js';
import { NO_OPTIONS, defineRule } from '../rule.js';

const recommendation =
  'Set MaximumRetryAttempts (for example 3), BisectBatchOnFunctionError: true and a DestinationConfig.OnFailure queue or topic on the mapping.';

export const streamFailureHandling = defineRule({
  id: 'lambda/stream-failure-handling',
  severity: 'medium',
  description:
    'Reports a stream event source mapping with neither an on-failure destination nor bounded retries.',
  docs: {
    rationale:
      'By default a stream mapping retries a failing batch until its records expire (24 hours for a DynamoDB stream). One poison record holds back its whole shard for that time, and the batch is then dropped without a trace.',
    example:
      'Events:\n  Changes:\n    Type: DynamoDB\n    Properties: { Stream: !GetAtt Orders.StreamArn, StartingPosition: LATEST }',
    fix: 'Cap MaximumRetryAttempts, turn on BisectBatchOnFunctionError, and send what still fails to an OnFailure destination.',
    limitations: [
      'MaximumRecordAgeInSeconds is not read, so a mapping bounded only by record age is reported.',
      'A mapping with capped retries but no on-failure destination is not reported, although the failed batch is then dropped.',
    ],
  },

  options: NO_OPTIONS,

  check(graph) {
    return eventMappings(graph).filter(isStreamMapping).filter(isUnbounded).map(findingFor);
  },
});

// MaximumRetryAttempts -1 is the default: retry until the record expires.
function isUnbounded({ event }: EventMapping): boolean {
  const retriesBounded =
    event.maximumRetryAttempts !== undefined && event.maximumRetryAttempts >= 0;

  return !retriesBounded && event.onFailureDestination === undefined;
}

function findingFor(mapping: EventMapping): RawFinding {
  const unset = [
    'MaximumRetryAttempts',
    ...(mapping.event.bisectBatchOnFunctionError ? [] : ['BisectBatchOnFunctionError']),
    'OnFailure destination',
  ].map(setting => `no ${setting}`);
  const missing = `${unset.slice(0, -1).join(', ')} and ${unset.at(-1)}`;

  return {
    message: `Stream mapping "${mapping.event.name}" of Lambda "${mapping.lambda.logicalId}" sets ${missing}, so a record that keeps failing blocks its shard until it expires and is then dropped unrecorded.`,
    location: mapping.event.location,
    related: [{ ...mapping.lambda.location, label: `Lambda ${mapping.lambda.logicalId}` }],
    recommendation,
    subject: `mapping:${mapping.lambda.id}|${mapping.event.name}`,
  };
}
