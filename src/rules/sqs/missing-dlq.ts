import type { Consumed } from '../../graph/event-sources.js';
import {
  DEFAULT_MESSAGE_RETENTION,
  DEFAULT_VISIBILITY_TIMEOUT,
  queueConsumers,
  relatedMapping,
} from '../../graph/event-sources.js';
import type { Graph } from '../../graph/graph.js';
import type { QueueResource, TemplateValue } from '../../iac/resources.js';
import type { RawFinding } from '../finding.js';
import { NO_OPTIONS, defineRule } from '../rule.js';

const recommendation =
  'Add a RedrivePolicy with a deadLetterTargetArn and a maxReceiveCount of about 3 to 5, so a message that keeps failing lands in a dead-letter queue where it can be inspected and redriven.';

export const missingDlq = defineRule({
  id: 'sqs/missing-dlq',
  severity: 'high',
  description: 'Reports a queue that a Lambda consumes and that has no redrive policy.',
  docs: {
    rationale:
      'Without a redrive policy a message whose processing fails becomes visible again after every visibility timeout and is retried, each time invoking the function, until the retention period ends (4 days by default); then it is deleted and nobody learns that it failed.',
    example:
      'ChatQueue: { Type: AWS::SQS::Queue } consumed through `Events: { Chat: { Type: SQS, Properties: { Queue: !GetAtt ChatQueue.Arn } } }`.',
    fix: 'Give the queue a RedrivePolicy that names a dead-letter queue, with a small maxReceiveCount.',
    limitations: [
      'A queue that is itself a dead-letter queue of something in the templates is not reported, even when a Lambda consumes it.',
      'MessageRetentionPeriod is not read; messages describe the 4-day default.',
    ],
  },

  options: NO_OPTIONS,

  check(graph) {
    const deadLetterQueues = deadLetterQueueIds(graph);

    return queueConsumers(graph)
      .filter(({ resource }) => !resource.deadLetterTarget && !deadLetterQueues.has(resource.id))
      .map(findingFor);
  },
});

function findingFor({ resource: queue, mappings }: Consumed<QueueResource>): RawFinding {
  const visibility = queue.visibilityTimeout ?? DEFAULT_VISIBILITY_TIMEOUT;
  const retention = DEFAULT_MESSAGE_RETENTION;
  const attempts = Math.floor(retention / visibility);
  const lambdas = mappings.map(mapping => `"${mapping.lambda.logicalId}"`).join(', ');

  return {
    message: `Queue "${queue.name}" is consumed by Lambda ${lambdas} and has no redrive policy: a message that keeps failing becomes visible again every ${visibility} s and is retried, up to about ${attempts} times, until the retention period (${retention} s, 4 days by default) expires and it is deleted unseen.`,
    location: queue.location,
    related: mappings.map(mapping => relatedMapping(mapping)),
    recommendation,
    subject: `queue:${queue.id}`,
  };
}

// A dead-letter queue is where failures end; it is not asked to have one of its own.
function deadLetterQueueIds(graph: Graph): Set<string> {
  const targets: { value: TemplateValue; template: string }[] = [
    ...graph.queues.flatMap(queue => targetOf(queue.deadLetterTarget, queue.template)),
    ...graph.lambdas.flatMap(lambda => [
      ...targetOf(lambda.deadLetterTarget, lambda.template),
      ...targetOf(lambda.onFailureDestination, lambda.template),
      ...lambda.events.flatMap(event => [
        ...targetOf(event.deadLetterTarget, lambda.template),
        ...targetOf(event.onFailureDestination, lambda.template),
      ]),
    ]),
    ...graph.topics.flatMap(topic =>
      (topic.subscriptions ?? []).flatMap(subscription =>
        targetOf(subscription.deadLetterTarget, topic.template),
      ),
    ),
  ];

  return new Set(targets.flatMap(target => queueIdsOf(graph, target.value, target.template)));
}

function targetOf(value: TemplateValue | undefined, template: string) {
  return value ? [{ value, template }] : [];
}

function queueIdsOf(graph: Graph, value: TemplateValue, template: string): string[] {
  if (value.kind === 'resource') {
    return [`${template}#${value.logicalId}`];
  }

  const text = value.kind === 'literal' ? value.value : '';

  return graph.queues
    .filter(queue => text.endsWith(`:${queue.name}`) || text.endsWith(`/${queue.name}`))
    .map(queue => queue.id);
}
