import { z } from 'zod';
import type { EventMapping } from '../../graph/event-sources.js';
import {
  DEFAULT_VISIBILITY_TIMEOUT,
  lambdaTimeoutOf,
  propertyLocation,
  queueConsumers,
  relatedMapping,
} from '../../graph/event-sources.js';
import type { QueueResource } from '../../iac/resources.js';
import type { RawFinding } from '../finding.js';
import { defineRule } from '../rule.js';

const options = z.strictObject({
  multiple: z.number().positive().default(6),
});

export const visibilityTimeout = defineRule({
  id: 'sqs/visibility-timeout',
  severity: 'high',
  description:
    "Reports a queue whose visibility timeout is shorter than the consumer Lambda's timeout, or than the recommended multiple of it.",
  docs: {
    rationale:
      "While a Lambda still works on a batch, its messages must stay invisible. Below the function's timeout the mapping cannot even be created, and a queue changed later hands the same message to a second invocation; below six times the timeout, retries and throttled batches reappear while still in flight.",
    example:
      'JobsQueue: { Type: AWS::SQS::Queue, Properties: { VisibilityTimeout: 120 } } consumed by a function with Timeout: 300.',
    fix: "Set the queue's VisibilityTimeout to at least six times the function's Timeout (plus any MaximumBatchingWindowInSeconds).",
    options: [
      {
        name: 'multiple',
        default: 6,
        description:
          "How many times the function's timeout the visibility timeout should be; below it is medium, below 1× high.",
      },
    ],
    limitations: [
      'The batching window (MaximumBatchingWindowInSeconds) is not added to the recommended timeout.',
      'Timeouts set through parameters without defaults are taken as unset: 30 s for the queue, 3 s for the function (6 s under the Serverless Framework).',
    ],
  },

  options,

  check(graph, settings) {
    return queueConsumers(graph).flatMap(({ resource, mappings }) =>
      mappings.flatMap(mapping => findingsFor(resource, mapping, settings.multiple)),
    );
  },
});

function findingsFor(queue: QueueResource, mapping: EventMapping, multiple: number): RawFinding[] {
  const queueTimeout = queue.visibilityTimeout ?? DEFAULT_VISIBILITY_TIMEOUT;
  const functionTimeout = lambdaTimeoutOf(mapping.lambda);
  const recommended = functionTimeout * multiple;
  if (queueTimeout >= recommended) {
    return [];
  }

  const below = queueTimeout < functionTimeout;
  const consequence = below
    ? 'the event source mapping cannot be created, and a message still being processed becomes visible to another invocation'
    : `it is below the recommended ${multiple}× (${recommended} s), so a retried or throttled batch can reappear while still in flight`;
  const queueSetting = queue.visibilityTimeout === undefined ? ' (the default)' : '';
  const functionSetting = mapping.lambda.timeout === undefined ? ' (the default)' : '';

  return [
    {
      message: `Queue "${queue.name}" has a visibility timeout of ${queueTimeout} s${queueSetting} while Lambda "${mapping.lambda.logicalId}" that consumes it may run ${functionTimeout} s${functionSetting}: ${consequence}.`,
      location: propertyLocation(queue, 'VisibilityTimeout'),
      related: [
        relatedMapping(mapping),
        {
          ...propertyLocation(mapping.lambda, 'Timeout'),
          label: `timeout of Lambda ${mapping.lambda.logicalId}`,
        },
      ],
      recommendation: `Set VisibilityTimeout on "${queue.name}" to at least ${recommended} s (${multiple}× the function timeout), or shorten the function timeout.`,
      severity: below ? 'high' : 'medium',
      subject: `queue:${queue.id}|${mapping.lambda.id}`,
    },
  ];
}
