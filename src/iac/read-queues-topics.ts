import type {
  QueueResource,
  TemplateValue,
  TopicResource,
  TopicSubscription,
} from './resources.js';
import { booleanOf, numberOf, stringOf, templateValueOf } from './intrinsics.js';
import { propertyLocationsOf, resourceIdOf, resourceNameOf } from './resource-names.js';
import type { Template, TemplateResource } from './template.js';
import type { TemplateNode } from './template-node.js';
import { childAt, itemsOf, scalarText } from './template-node.js';

export function readQueues(template: Template): QueueResource[] {
  return template.resources
    .filter(resource => resource.type === 'AWS::SQS::Queue')
    .map(resource => {
      const properties = resource.properties;
      const queue: QueueResource = {
        kind: 'queue',
        ...baseOf(resource, template),
        ...resourceNameOf(resource, 'QueueName', template),
      };
      const visibilityTimeout = numberOf(childAt(properties, 'VisibilityTimeout'), template);
      const fifo = booleanOf(childAt(properties, 'FifoQueue'), template);
      if (visibilityTimeout !== undefined) {
        queue.visibilityTimeout = visibilityTimeout;
      }

      if (fifo !== undefined) {
        queue.fifo = fifo;
      }

      assignRedrive(queue, childAt(properties, 'RedrivePolicy'), template);

      return queue;
    });
}

export function readTopics(template: Template): TopicResource[] {
  return template.resources
    .filter(resource => resource.type === 'AWS::SNS::Topic')
    .map(resource => {
      const topic: TopicResource = {
        kind: 'topic',
        ...baseOf(resource, template),
        ...resourceNameOf(resource, 'TopicName', template),
      };
      const subscriptions = [
        ...inlineSubscriptionsOf(resource, template),
        ...subscriptionResourcesOf(resource, template),
      ];
      if (subscriptions.length > 0) {
        topic.subscriptions = subscriptions;
      }

      return topic;
    });
}

function baseOf(resource: TemplateResource, template: Template) {
  return {
    id: resourceIdOf(template, resource.logicalId),
    logicalId: resource.logicalId,
    template: template.file,
    location: resource.location,
    propertyLocations: propertyLocationsOf(resource.properties),
  };
}

// A redrive policy may be a map or, as older templates write it, a JSON string.
function assignRedrive(
  queue: QueueResource,
  node: TemplateNode | undefined,
  template: Template,
): void {
  const redrive = redriveOf(node, template);
  if (redrive.deadLetterTarget) {
    queue.deadLetterTarget = redrive.deadLetterTarget;
  }

  if (redrive.maxReceiveCount !== undefined) {
    queue.maxReceiveCount = redrive.maxReceiveCount;
  }
}

function redriveOf(node: TemplateNode | undefined, template: Template) {
  const text = scalarText(node);
  if (text !== undefined) {
    return redriveFromJson(text);
  }

  const target = childAt(node, 'deadLetterTargetArn');

  return {
    deadLetterTarget: target ? templateValueOf(target, template) : undefined,
    maxReceiveCount: numberOf(childAt(node, 'maxReceiveCount'), template),
  };
}

function redriveFromJson(text: string): {
  deadLetterTarget?: TemplateValue;
  maxReceiveCount?: number;
} {
  try {
    const parsed = JSON.parse(text) as { deadLetterTargetArn?: unknown; maxReceiveCount?: unknown };
    const target = parsed.deadLetterTargetArn;
    const count = Number(parsed.maxReceiveCount);
    return {
      deadLetterTarget: typeof target === 'string' ? { kind: 'literal', value: target } : undefined,
      maxReceiveCount:
        Number.isFinite(count) && parsed.maxReceiveCount !== undefined ? count : undefined,
    };
  } catch {
    return { deadLetterTarget: { kind: 'unresolved', text } };
  }
}

function inlineSubscriptionsOf(
  resource: TemplateResource,
  template: Template,
): TopicSubscription[] {
  return itemsOf(childAt(resource.properties, 'Subscription')).map(node =>
    subscriptionOf(node, undefined, template),
  );
}

function subscriptionResourcesOf(topic: TemplateResource, template: Template): TopicSubscription[] {
  return template.resources
    .filter(resource => resource.type === 'AWS::SNS::Subscription')
    .filter(resource => {
      const topicArn = templateValueOf(childAt(resource.properties, 'TopicArn'), template);
      return topicArn.kind === 'resource' && topicArn.logicalId === topic.logicalId;
    })
    .map(resource => ({
      ...subscriptionOf(resource.properties, resource.logicalId, template),
      location: resource.location,
    }));
}

function subscriptionOf(
  node: TemplateNode | undefined,
  logicalId: string | undefined,
  template: Template,
): TopicSubscription {
  const protocol = stringOf(templateValueOf(childAt(node, 'Protocol'), template));
  const deadLetter = childAt(node, 'RedrivePolicy');
  const subscription: TopicSubscription = {
    endpoint: templateValueOf(childAt(node, 'Endpoint'), template),
    location: node?.location ?? { file: template.file, line: 1, column: 1 },
  };
  if (logicalId !== undefined) {
    subscription.logicalId = logicalId;
  }

  if (protocol !== undefined) {
    subscription.protocol = protocol;
  }

  const target = redriveOf(deadLetter, template).deadLetterTarget;
  if (deadLetter && target) {
    subscription.deadLetterTarget = target;
  }

  return subscription;
}
