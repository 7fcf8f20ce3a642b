import { z } from 'zod';
import type { Consumed } from '../../graph/event-sources.js';
import { relatedMapping, streamConsumers } from '../../graph/event-sources.js';
import type { TableResource } from '../../iac/resources.js';
import type { RawFinding } from '../finding.js';
import { defineRule } from '../rule.js';

const recommendation =
  'Read the stream with one consumer and fan out from there: EventBridge Pipes to a bus, an SNS topic, or Kinesis Data Streams for DynamoDB, which allows more readers.';

const options = z.strictObject({
  maxConsumers: z.number().int().positive().default(2),
});

export const streamFanOut = defineRule({
  id: 'dynamodb/stream-fan-out',
  severity: 'medium',
  description:
    'Reports a DynamoDB stream that more Lambda event source mappings read than the stream serves well.',
  docs: {
    rationale:
      'DynamoDB allows no more than two processes to read a stream shard at the same time; a third Lambda mapping on the same stream gets read-throttled, so all of its consumers fall behind.',
    example:
      'Three functions with `Events: { Stream: { Type: DynamoDB, Properties: { Stream: !GetAtt Orders.StreamArn } } }`.',
    fix: 'Keep one or two consumers on the stream and fan out through EventBridge Pipes, SNS, or Kinesis Data Streams for DynamoDB.',
    options: [
      {
        name: 'maxConsumers',
        default: 2,
        description: 'Event source mappings one stream may have before the rule reports.',
      },
    ],
    limitations: [
      'Mappings with FilterCriteria count as readers, since they still poll every shard.',
      'Only streams of tables a template defines are counted; mappings on a stream named by a literal ARN of another stack are not grouped.',
    ],
  },

  options,

  check(graph, settings) {
    return streamConsumers(graph)
      .filter(consumed => consumed.mappings.length > settings.maxConsumers)
      .map(consumed => findingFor(consumed, settings.maxConsumers));
  },
});

function findingFor(consumed: Consumed<TableResource>, maxConsumers: number): RawFinding {
  const table = consumed.resource;
  const lambdas = consumed.mappings.map(mapping => `"${mapping.lambda.logicalId}"`).join(', ');

  return {
    message: `The stream of table "${table.name}" is read by ${consumed.mappings.length} Lambda event source mappings (${lambdas}), more than the ${maxConsumers} readers a stream shard serves without throttling.`,
    location: table.location,
    related: [
      ...(table.stream?.location ? [{ ...table.stream.location, label: 'stream' }] : []),
      ...consumed.mappings.map(mapping => relatedMapping(mapping)),
    ],
    recommendation,
    subject: `stream:${table.id}`,
  };
}
