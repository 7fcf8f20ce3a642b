import type { QueueResource, TopicResource } from '../resources.js';
import type { Configuration } from './configuration.js';
import { baseOf, propertyLocationsOf, resourcesOfType } from './configuration.js';
import type { HclValue } from './hcl-value.js';
import { booleanOf, numberOf, stringOf } from './hcl-value.js';
import { jsonDocumentOf } from './json-document.js';
import type { TerraformBlock } from './module-instance.js';
import { templateValueOf } from './template-values.js';

const QUEUE_PROPERTIES = {
  name: 'QueueName',
  visibility_timeout_seconds: 'VisibilityTimeout',
  redrive_policy: 'RedrivePolicy',
  fifo_queue: 'FifoQueue',
};

export function readQueues(configuration: Configuration): QueueResource[] {
  return resourcesOfType(configuration, 'aws_sqs_queue').map(block => {
    const queue: QueueResource = {
      kind: 'queue',
      ...baseOf(block, configuration),
      propertyLocations: propertyLocationsOf(block, QUEUE_PROPERTIES),
      ...nameOf(block),
    };
    const visibilityTimeout = numberOf(block.body.visibility_timeout_seconds);
    const fifo = booleanOf(block.body.fifo_queue);
    if (visibilityTimeout !== undefined) {
      queue.visibilityTimeout = visibilityTimeout;
    }

    if (fifo !== undefined) {
      queue.fifo = fifo;
    }

    assignRedrive(queue, block.body.redrive_policy);

    return queue;
  });
}

export function readTopics(configuration: Configuration): TopicResource[] {
  return resourcesOfType(configuration, 'aws_sns_topic').map(block => ({
    kind: 'topic',
    ...baseOf(block, configuration),
    ...nameOf(block),
  }));
}

function nameOf(block: TerraformBlock) {
  const value = block.body.name;
  const name = stringOf(value);
  if (value === undefined) {
    return { name: block.address, nameIsLogicalId: true };
  }

  const nameValue = templateValueOf(value);

  return name === undefined || name === ''
    ? { name: block.address, nameIsLogicalId: true, nameValue }
    : { name, nameIsLogicalId: false, nameValue };
}

// `jsonencode({ deadLetterTargetArn = ..., maxReceiveCount = 5 })` evaluates to an object; a
// heredoc or a literal JSON string is read as JSON.
function assignRedrive(queue: QueueResource, value: HclValue | undefined): void {
  const document = jsonDocumentOf(value);
  const redrive = document?.kind === 'object' ? document.entries : undefined;
  if (!redrive) {
    if (value) {
      queue.deadLetterTarget = templateValueOf(value);
    }
    return;
  }

  const target = redrive.deadLetterTargetArn;
  const count = numberOf(redrive.maxReceiveCount);
  if (target) {
    queue.deadLetterTarget = templateValueOf(target);
  }

  if (count !== undefined) {
    queue.maxReceiveCount = count;
  }
}
