import type { EventSource, EventSourceType, TemplateValue } from '../resources.js';
import { booleanOf, numberOf, stringOf, templateValueOf } from '../intrinsics.js';
import type { Template } from '../template.js';
import type { MapEntry, TemplateNode } from '../template-node.js';
import { childAt, entryOf, isMap, itemsOf, scalarText } from '../template-node.js';

const EVENT_TYPES: Record<string, EventSourceType> = {
  http: 'api',
  httpApi: 'http-api',
  sqs: 'sqs',
  sns: 'sns',
  stream: 'dynamodb',
  schedule: 'schedule',
  eventBridge: 'eventbridge',
  cloudwatchEvent: 'eventbridge',
  s3: 's3',
};

/**
 * The `events` of one function, in order. Each is named after the function, the event kind and
 * its position among events of that kind (`answer-sqs-1`), unique within the service.
 */
export function readServerlessEvents(
  functionKey: string,
  fn: TemplateNode,
  template: Template,
): EventSource[] {
  const counts = new Map<string, number>();

  return itemsOf(childAt(fn, 'events')).flatMap(item => {
    const entry = isMap(item) ? item.entries[0] : undefined;
    if (!entry) {
      return [];
    }

    const count = (counts.get(entry.key) ?? 0) + 1;
    counts.set(entry.key, count);

    return [eventOf(`${functionKey}-${entry.key}-${count}`, entry, template)];
  });
}

function eventOf(name: string, entry: MapEntry, template: Template): EventSource {
  const value = entry.value;
  const event: EventSource = {
    name,
    type: EVENT_TYPES[entry.key] ?? 'other',
    functionResponseTypes: responseTypesOf(value, template),
    location: entry.keyLocation,
  };
  switch (entry.key) {
    case 'http':
    case 'httpApi':
      assignRoute(event, value, template);
      break;
    case 'sqs':
      assignSource(event, isSettings(value, 'arn') ? childAt(value, 'arn') : value, template);
      assign(event, 'batchSize', numberOf(childAt(value, 'batchSize'), template));
      break;
    case 'sns':
      assignSource(event, topicOf(value), template);
      break;
    case 'stream':
      assignStream(event, value, template);
      break;
    case 'eventBridge':
      event.type = childAt(value, 'schedule') ? 'schedule' : 'eventbridge';
      break;
    case 's3':
      assignSource(event, isSettings(value, 'bucket') ? childAt(value, 'bucket') : value, template);
      break;
  }

  return event;
}

// `sqs: arn:aws:sqs:...` and `sqs: { arn: ... }` say the same; an intrinsic (`!GetAtt Q.Arn`)
// is a map too, but not one of settings.
function isSettings(node: TemplateNode | undefined, key: string): boolean {
  return entryOf(node, key) !== undefined;
}

function assignSource(event: EventSource, node: TemplateNode | undefined, template: Template) {
  if (node) {
    event.source = templateValueOf(node, template);
  }
}

// `http: GET users/{id}` and `httpApi: 'GET /users/{id}'` are the string forms; `httpApi: '*'`
// takes every route.
function assignRoute(event: EventSource, node: TemplateNode, template: Template): void {
  const text = scalarText(node);
  const [method, path] =
    text === undefined
      ? [
          stringOf(templateValueOf(childAt(node, 'method'), template)),
          stringOf(templateValueOf(childAt(node, 'path'), template)),
        ]
      : routeParts(text);
  const upper = method?.toUpperCase();
  if (upper !== undefined) {
    event.method = upper === '*' ? 'ANY' : upper;
  }

  if (path !== undefined) {
    event.path = path.startsWith('/') ? path : `/${path}`;
  }
}

function routeParts(text: string): [string | undefined, string | undefined] {
  const trimmed = text.trim();
  if (trimmed === '*') {
    return ['ANY', undefined];
  }

  const space = trimmed.search(/\s/);

  return space < 0 ? [undefined, trimmed] : [trimmed.slice(0, space), trimmed.slice(space).trim()];
}

// A plain `sns: orders-created` names a topic that Serverless creates under that name.
function topicOf(node: TemplateNode): TemplateNode | undefined {
  if (isSettings(node, 'arn')) {
    return childAt(node, 'arn');
  }

  return isSettings(node, 'topicName') ? childAt(node, 'topicName') : node;
}

function assignStream(event: EventSource, node: TemplateNode, template: Template): void {
  const arnNode = isSettings(node, 'arn') ? childAt(node, 'arn') : node;
  const arn = arnNode ? templateValueOf(arnNode, template) : undefined;
  const declared = stringOf(templateValueOf(childAt(node, 'type'), template));
  const onFailure = childAt(node, 'destinations', 'onFailure');
  const destination = isSettings(onFailure, 'arn') ? childAt(onFailure, 'arn') : onFailure;
  event.type =
    declared === 'kinesis' || declared === 'dynamodb' ? declared : streamTypeOf(arn, template);
  assign(event, 'source', arn);
  assign(event, 'batchSize', numberOf(childAt(node, 'batchSize'), template));
  assign(event, 'maximumRetryAttempts', numberOf(childAt(node, 'maximumRetryAttempts'), template));
  assign(
    event,
    'bisectBatchOnFunctionError',
    booleanOf(childAt(node, 'bisectBatchOnFunctionError'), template),
  );
  assign(event, 'onFailureDestination', destination && templateValueOf(destination, template));
}

const STREAM_TYPES_BY_RESOURCE: Record<string, EventSourceType> = {
  'AWS::DynamoDB::Table': 'dynamodb',
  'AWS::DynamoDB::GlobalTable': 'dynamodb',
  'AWS::Kinesis::Stream': 'kinesis',
};

function streamTypeOf(arn: TemplateValue | undefined, template: Template): EventSourceType {
  if (arn?.kind === 'resource') {
    const type = template.resourcesById.get(arn.logicalId)?.type ?? '';
    return STREAM_TYPES_BY_RESOURCE[type] ?? 'other';
  }

  const text = arn ? (stringOf(arn) ?? JSON.stringify(arn)) : '';
  if (/:kinesis:/.test(text)) {
    return 'kinesis';
  }

  return /:dynamodb:/.test(text) ? 'dynamodb' : 'other';
}

function responseTypesOf(node: TemplateNode, template: Template): string[] {
  const types = itemsOf(childAt(node, 'functionResponseType'));

  return types.flatMap(type => stringOf(templateValueOf(type, template)) ?? []);
}

function assign<K extends keyof EventSource>(
  event: EventSource,
  key: K,
  value: EventSource[K] | undefined,
): void {
  if (value !== undefined) {
    event[key] = value;
  }
}
