import type { Location } from '../location.js';
import type { EventSource, EventSourceType, TemplateValue } from './resources.js';
import { booleanOf, numberOf, stringOf, templateValueOf } from './intrinsics.js';
import type { Template } from './template.js';
import type { MapNode, TemplateNode } from './template-node.js';
import { childAt, itemsOf, mapAt } from './template-node.js';

const SAM_EVENT_TYPES: Record<string, EventSourceType> = {
  Api: 'api',
  HttpApi: 'http-api',
  SQS: 'sqs',
  SNS: 'sns',
  DynamoDB: 'dynamodb',
  Kinesis: 'kinesis',
  Schedule: 'schedule',
  ScheduleV2: 'schedule',
  EventBridgeRule: 'eventbridge',
  CloudWatchEvent: 'eventbridge',
  S3: 's3',
};

// The property that names what each event type reads from.
const SOURCE_PROPERTIES: Partial<Record<EventSourceType, string>> = {
  sqs: 'Queue',
  sns: 'Topic',
  dynamodb: 'Stream',
  kinesis: 'Stream',
  s3: 'Bucket',
};

/** The SAM `Events` of a function, one event source per entry, at the event's name. */
export function readSamEvents(properties: MapNode | undefined, template: Template): EventSource[] {
  const events = mapAt(properties, 'Events')?.entries ?? [];

  return events.map(entry => {
    const samType = stringOf(templateValueOf(childAt(entry.value, 'Type'), template)) ?? '';
    const type = SAM_EVENT_TYPES[samType] ?? 'other';
    const eventProperties = childAt(entry.value, 'Properties');
    const sourceProperty = SOURCE_PROPERTIES[type];
    const source = sourceProperty ? childAt(eventProperties, sourceProperty) : undefined;

    return eventSourceOf(
      { name: entry.key, type, location: entry.keyLocation },
      eventProperties,
      source,
      template,
    );
  });
}

/**
 * An `AWS::Lambda::EventSourceMapping` as an event source; its type follows from what
 * `EventSourceArn` points at.
 */
export function mappingEventOf(
  logicalId: string,
  location: Location,
  properties: MapNode | undefined,
  template: Template,
): EventSource {
  const arn = childAt(properties, 'EventSourceArn');
  const type = arn ? mappingTypeOf(templateValueOf(arn, template), template) : 'other';

  return eventSourceOf({ name: logicalId, type, location }, properties, arn, template);
}

interface EventIdentity {
  name: string;
  type: EventSourceType;
  location: Location;
}

function eventSourceOf(
  identity: EventIdentity,
  properties: TemplateNode | undefined,
  source: TemplateNode | undefined,
  template: Template,
): EventSource {
  const event: EventSource = {
    ...identity,
    functionResponseTypes: responseTypesOf(properties, template),
  };
  if (source) {
    event.source = templateValueOf(source, template);
  }

  if (identity.type === 'api' || identity.type === 'http-api') {
    assignRoute(event, properties, template);
  }

  assignStreamSettings(event, properties, template);

  return event;
}

function assignRoute(
  event: EventSource,
  properties: TemplateNode | undefined,
  template: Template,
): void {
  const method = stringOf(templateValueOf(childAt(properties, 'Method'), template));
  const path = stringOf(templateValueOf(childAt(properties, 'Path'), template));
  if (method !== undefined && childAt(properties, 'Method')) {
    event.method = method.toUpperCase();
  }

  if (path !== undefined && childAt(properties, 'Path')) {
    event.path = path;
  }
}

function assignStreamSettings(
  event: EventSource,
  properties: TemplateNode | undefined,
  template: Template,
): void {
  const batchSize = numberOf(childAt(properties, 'BatchSize'), template);
  const retries = numberOf(childAt(properties, 'MaximumRetryAttempts'), template);
  const bisect = booleanOf(childAt(properties, 'BisectBatchOnFunctionError'), template);
  const onFailure = childAt(properties, 'DestinationConfig', 'OnFailure', 'Destination');
  if (batchSize !== undefined) {
    event.batchSize = batchSize;
  }

  if (retries !== undefined) {
    event.maximumRetryAttempts = retries;
  }

  if (bisect !== undefined) {
    event.bisectBatchOnFunctionError = bisect;
  }

  if (onFailure) {
    event.onFailureDestination = templateValueOf(onFailure, template);
  }
}

function responseTypesOf(properties: TemplateNode | undefined, template: Template): string[] {
  const types = itemsOf(childAt(properties, 'FunctionResponseTypes'));

  return types.flatMap(node => stringOf(templateValueOf(node, template)) ?? []);
}

const MAPPING_TYPES_BY_RESOURCE: Record<string, EventSourceType> = {
  'AWS::SQS::Queue': 'sqs',
  'AWS::DynamoDB::Table': 'dynamodb',
  'AWS::DynamoDB::GlobalTable': 'dynamodb',
  'AWS::Serverless::SimpleTable': 'dynamodb',
  'AWS::Kinesis::Stream': 'kinesis',
};

const MAPPING_TYPES_BY_ARN: [RegExp, EventSourceType][] = [
  [/^arn:[^:]*:sqs:/, 'sqs'],
  [/^arn:[^:]*:dynamodb:.*\/stream\//, 'dynamodb'],
  [/^arn:[^:]*:kinesis:/, 'kinesis'],
];

function mappingTypeOf(arn: TemplateValue, template: Template): EventSourceType {
  if (arn.kind === 'resource') {
    const type = template.resourcesById.get(arn.logicalId)?.type ?? '';
    return MAPPING_TYPES_BY_RESOURCE[type] ?? 'other';
  }

  const text = stringOf(arn) ?? (arn.kind === 'join' ? joinText(arn.parts) : '');
  const match = MAPPING_TYPES_BY_ARN.find(([pattern]) => pattern.test(text));

  return match ? match[1] : 'other';
}

// `arn:${AWS::Partition}:sqs:...` still says which service it is once placeholders are filled.
function joinText(parts: TemplateValue[]): string {
  return parts.map(part => (part.kind === 'literal' ? part.value : 'x')).join('');
}
