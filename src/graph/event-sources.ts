import type {
  EventSource,
  LambdaResource,
  QueueResource,
  TableResource,
  TemplateValue,
} from '../iac/resources.js';
import type { Location, RelatedLocation } from '../location.js';
import type { Graph } from './graph.js';

/** One event source of one Lambda: a SAM event or an event source mapping. */
export interface EventMapping {
  lambda: LambdaResource;
  event: EventSource;
}

/** A stream or queue together with the event source mappings that read from it. */
export interface Consumed<Resource> {
  resource: Resource;
  mappings: EventMapping[];
}

const STREAM_EVENTS = new Set(['dynamodb', 'kinesis']);

/** AWS defaults that apply when a template leaves the setting out. */
export const DEFAULT_VISIBILITY_TIMEOUT = 30;
export const DEFAULT_LAMBDA_TIMEOUT = 3;
/** The Serverless Framework deploys functions with 6 s unless `timeout` says otherwise. */
export const DEFAULT_SERVERLESS_TIMEOUT = 6;
export const DEFAULT_MESSAGE_RETENTION = 345_600;

export function eventMappings(graph: Graph): EventMapping[] {
  return graph.lambdas.flatMap(lambda => lambda.events.map(event => ({ lambda, event })));
}

export function isStreamMapping(mapping: EventMapping): boolean {
  return STREAM_EVENTS.has(mapping.event.type);
}

/** Each table with a stream that at least one Lambda reads, with those mappings. */
export function streamConsumers(graph: Graph): Consumed<TableResource>[] {
  const finder = resourceFinder(graph.tables);
  const mappings = eventMappings(graph).filter(mapping => mapping.event.type === 'dynamodb');

  return groupByResource(mappings, mapping => resourceOf(finder, mapping));
}

/** Each queue of a template that at least one Lambda consumes, with those mappings. */
export function queueConsumers(graph: Graph): Consumed<QueueResource>[] {
  const finder = resourceFinder(graph.queues);
  const mappings = eventMappings(graph).filter(mapping => mapping.event.type === 'sqs');

  return groupByResource(mappings, mapping => resourceOf(finder, mapping));
}

/** Finds the table or queue a mapping reads from; its maps are built once per call. */
export function sourceResolver(graph: Graph): {
  tableOf(mapping: EventMapping): TableResource | undefined;
  queueOf(mapping: EventMapping): QueueResource | undefined;
} {
  const tables = resourceFinder(graph.tables);
  const queues = resourceFinder(graph.queues);

  return {
    tableOf: mapping =>
      mapping.event.type === 'dynamodb' ? resourceOf(tables, mapping) : undefined,
    queueOf: mapping => (mapping.event.type === 'sqs' ? resourceOf(queues, mapping) : undefined),
  };
}

export function describeMapping(mapping: EventMapping): string {
  return `"${mapping.event.name}" of Lambda "${mapping.lambda.logicalId}"`;
}

export function relatedMapping(mapping: EventMapping, label?: string): RelatedLocation {
  return {
    ...mapping.event.location,
    label: label ?? `event source ${mapping.event.name} → Lambda ${mapping.lambda.logicalId}`,
  };
}

/** Where a property of a resource is set, else the resource itself. */
export function propertyLocation(
  resource: { location: Location; propertyLocations?: Record<string, Location> },
  property: string,
): Location {
  return resource.propertyLocations?.[property] ?? resource.location;
}

/** The Lambda's timeout in seconds, with the deployment tool's default when the template has none. */
export function lambdaTimeoutOf(lambda: LambdaResource): number {
  if (lambda.timeout !== undefined) {
    return lambda.timeout;
  }

  const isServerless = /(^|\/)serverless\.(ya?ml|json|ts|js)$/.test(lambda.template);

  return isServerless ? DEFAULT_SERVERLESS_TIMEOUT : DEFAULT_LAMBDA_TIMEOUT;
}

interface Finder<Resource> {
  byId: Map<string, Resource>;
  byLogicalId: Map<string, Resource[]>;
  byName: Map<string, Resource>;
}

function resourceFinder<Resource extends { id: string; logicalId: string; name: string }>(
  resources: Resource[],
): Finder<Resource> {
  const byLogicalId = new Map<string, Resource[]>();
  for (const resource of resources) {
    byLogicalId.set(resource.logicalId, [...(byLogicalId.get(resource.logicalId) ?? []), resource]);
  }

  return {
    byId: new Map(resources.map(resource => [resource.id, resource])),
    byLogicalId,
    byName: new Map(resources.map(resource => [resource.name, resource])),
  };
}

// A reader names a source by logical id in the Lambda's own template; a logical id that only
// one template defines is taken from there, since some formats spread one stack over files.
function resourceOf<Resource>(
  finder: Finder<Resource>,
  mapping: EventMapping,
): Resource | undefined {
  const source = mapping.event.source;
  if (source?.kind === 'resource') {
    const sameTemplate = finder.byId.get(`${mapping.lambda.template}#${source.logicalId}`);
    const candidates = finder.byLogicalId.get(source.logicalId) ?? [];
    return sameTemplate ?? (candidates.length === 1 ? candidates[0] : undefined);
  }

  const name = source ? nameInArn(source) : undefined;

  return name === undefined ? undefined : finder.byName.get(name);
}

// `arn:aws:sqs:us-east-1:123:orders` names the queue `orders`;
// `arn:aws:dynamodb:...:table/orders/stream/2024...` names the table `orders`.
function nameInArn(value: TemplateValue): string | undefined {
  const text = value.kind === 'literal' ? value.value : undefined;
  const table = /:table\/([^/]+)/.exec(text ?? '');
  if (table) {
    return table[1];
  }

  const queue = /^arn:[^:]*:sqs:[^:]*:[^:]*:([^:/]+)$/.exec(text ?? '');

  return queue?.[1];
}

function groupByResource<Resource extends { id: string }>(
  mappings: EventMapping[],
  resourceOfMapping: (mapping: EventMapping) => Resource | undefined,
): Consumed<Resource>[] {
  const groups = new Map<string, Consumed<Resource>>();
  for (const mapping of mappings) {
    const resource = resourceOfMapping(mapping);
    if (!resource) {
      continue;
    }

    const group = groups.get(resource.id) ?? { resource, mappings: [] };
    group.mappings.push(mapping);
    groups.set(resource.id, group);
  }

  return [...groups.values()];
}
