import type { Logger } from '../logger.js';
import type { EventSource, LambdaResource, TemplateValue } from './resources.js';
import { numberOf, stringOf, templateValueOf } from './intrinsics.js';
import { mappingEventOf } from './read-events.js';
import { resourceIdOf } from './resource-names.js';
import type { Template, TemplateResource } from './template.js';
import type { TemplateNode } from './template-node.js';
import { childAt, itemsOf } from './template-node.js';

/** Finds a lambda by what a template wrote for it: a reference, a name or an ARN. */
class LambdaIndex {
  private readonly byId = new Map<string, LambdaResource>();
  private readonly byName = new Map<string, LambdaResource>();

  constructor(lambdas: LambdaResource[]) {
    for (const lambda of lambdas) {
      this.byId.set(lambda.id, lambda);
      if (lambda.functionName !== undefined) {
        this.byName.set(lambda.functionName, lambda);
      }
    }
  }

  find(value: TemplateValue, template: Template): LambdaResource | undefined {
    if (value.kind === 'resource') {
      return this.byId.get(resourceIdOf(template, value.logicalId));
    }

    const text = stringOf(value);

    return text === undefined ? undefined : this.byName.get(functionNameOf(text));
  }
}

// `arn:aws:lambda:eu-west-1:123:function:orders:live` and `orders:live` both name `orders`.
function functionNameOf(text: string): string {
  const afterFunction = /:function:([^:]+)/.exec(text)?.[1];

  return afterFunction ?? text.split(':')[0] ?? text;
}

/**
 * Attaches to each lambda the triggers declared outside it: event source mappings, topic
 * subscriptions, event rules and schedules, and asynchronous invoke settings.
 */
export function linkTriggers(
  templates: Template[],
  lambdas: LambdaResource[],
  logger: Logger,
): void {
  const index = new LambdaIndex(lambdas);
  for (const template of templates) {
    for (const resource of template.resources) {
      for (const { target, event } of triggersOf(resource, template)) {
        attach(index.find(target, template), event, template, resource, logger);
      }

      linkInvokeConfig(resource, template, index);
    }
  }
}

interface Trigger {
  target: TemplateValue;
  event: EventSource;
}

function triggersOf(resource: TemplateResource, template: Template): Trigger[] {
  switch (resource.type) {
    case 'AWS::Lambda::EventSourceMapping':
      return [mappingTriggerOf(resource, template)];
    case 'AWS::SNS::Subscription':
      return subscriptionTriggersOf(resource, template);
    case 'AWS::SNS::Topic':
      return inlineSubscriptionTriggersOf(resource, template);
    case 'AWS::Events::Rule':
      return ruleTriggersOf(resource, template);
    case 'AWS::Scheduler::Schedule':
      return scheduleTriggersOf(resource, template);
    default:
      return [];
  }
}

function mappingTriggerOf(resource: TemplateResource, template: Template): Trigger {
  const target = templateValueOf(childAt(resource.properties, 'FunctionName'), template);
  const event = mappingEventOf(
    resource.logicalId,
    resource.location,
    resource.properties,
    template,
  );

  return { target, event };
}

function subscriptionTriggersOf(resource: TemplateResource, template: Template): Trigger[] {
  const properties = resource.properties;
  if (stringOf(templateValueOf(childAt(properties, 'Protocol'), template)) !== 'lambda') {
    return [];
  }

  const event: EventSource = {
    name: resource.logicalId,
    type: 'sns',
    source: templateValueOf(childAt(properties, 'TopicArn'), template),
    functionResponseTypes: [],
    location: resource.location,
  };
  assignDeadLetter(event, childAt(properties, 'RedrivePolicy', 'deadLetterTargetArn'), template);

  return [{ target: templateValueOf(childAt(properties, 'Endpoint'), template), event }];
}

function inlineSubscriptionTriggersOf(resource: TemplateResource, template: Template): Trigger[] {
  const subscriptions = itemsOf(childAt(resource.properties, 'Subscription'));
  const lambdaSubscriptions = subscriptions.filter(
    node => stringOf(templateValueOf(childAt(node, 'Protocol'), template)) === 'lambda',
  );

  return lambdaSubscriptions.map(node => ({
    target: templateValueOf(childAt(node, 'Endpoint'), template),
    event: {
      name: resource.logicalId,
      type: 'sns',
      source: { kind: 'resource', logicalId: resource.logicalId },
      functionResponseTypes: [],
      location: node.location,
    },
  }));
}

function ruleTriggersOf(resource: TemplateResource, template: Template): Trigger[] {
  const isSchedule = childAt(resource.properties, 'ScheduleExpression') !== undefined;

  return itemsOf(childAt(resource.properties, 'Targets')).map(target =>
    targetTriggerOf(resource, target, isSchedule ? 'schedule' : 'eventbridge', template),
  );
}

function scheduleTriggersOf(resource: TemplateResource, template: Template): Trigger[] {
  const target = childAt(resource.properties, 'Target');

  return target ? [targetTriggerOf(resource, target, 'schedule', template)] : [];
}

function targetTriggerOf(
  resource: TemplateResource,
  target: TemplateNode,
  type: 'schedule' | 'eventbridge',
  template: Template,
): Trigger {
  const event: EventSource = {
    name: resource.logicalId,
    type,
    functionResponseTypes: [],
    location: target.location,
  };
  const retries = numberOf(childAt(target, 'RetryPolicy', 'MaximumRetryAttempts'), template);
  if (retries !== undefined) {
    event.maximumRetryAttempts = retries;
  }

  assignDeadLetter(event, childAt(target, 'DeadLetterConfig', 'Arn'), template);

  return { target: templateValueOf(childAt(target, 'Arn'), template), event };
}

function assignDeadLetter(
  event: EventSource,
  node: TemplateNode | undefined,
  template: Template,
): void {
  if (node) {
    event.deadLetterTarget = templateValueOf(node, template);
  }
}

function attach(
  lambda: LambdaResource | undefined,
  event: EventSource,
  template: Template,
  resource: TemplateResource,
  logger: Logger,
): void {
  if (lambda) {
    lambda.events.push(event);
    return;
  }

  // Targets such as a queue or a state machine are not lambdas; only say so for mappings.
  if (resource.type === 'AWS::Lambda::EventSourceMapping') {
    logger.step(
      `cloudformation: "${template.file}": ${resource.logicalId} names a function that no template defines; its trigger is left out.`,
    );
  }
}

function linkInvokeConfig(
  resource: TemplateResource,
  template: Template,
  index: LambdaIndex,
): void {
  if (resource.type !== 'AWS::Lambda::EventInvokeConfig') {
    return;
  }

  const lambda = index.find(
    templateValueOf(childAt(resource.properties, 'FunctionName'), template),
    template,
  );
  const onFailure = childAt(resource.properties, 'DestinationConfig', 'OnFailure', 'Destination');
  if (lambda && onFailure) {
    lambda.onFailureDestination = templateValueOf(onFailure, template);
  }
}
