import type { Value } from '../code/facts.js';
import type {
  LambdaResource,
  QueueResource,
  TableResource,
  TemplateValue,
  TopicResource,
} from '../iac/resources.js';
import type { ComputedTableName } from './computed-table-names.js';
import { computedTableFor } from './computed-table-names.js';
import type { PublishTarget, ResolvedTarget, TargetHop } from './graph.js';

/** What the templates offer for joining a code-level target to a table. */
export interface TableDirectory {
  byId: Map<string, TableResource>;
  byName: Map<string, TableResource>;
  /** Parameter defaults keyed by `${template}#${name}`. */
  parameterDefaults: Map<string, string>;
  computedNames: ComputedTableName[];
}

/** What the templates offer for joining a queue URL or topic ARN in code to a queue or topic. */
export interface MessagingDirectory {
  queuesById: Map<string, QueueResource>;
  queuesByName: Map<string, QueueResource>;
  topicsById: Map<string, TopicResource>;
  topicsByName: Map<string, TopicResource>;
  parameterDefaults: Map<string, string>;
}

type Named = TableResource | QueueResource | TopicResource;

type NameResolution =
  | { ok: true; name: string; resource?: Named; declared: boolean; viaFallback: boolean }
  | { ok: false; text: string };

interface Resolution {
  target: ResolvedTarget;
  hops: TargetHop[];
}

/** The resource a `!Ref` or `!GetAtt` in a template stands for, when it names one by that value. */
type ReferenceLookup = (id: string, attribute: string | undefined) => Named | undefined;

/** Resolves a target as the code path that starts at `lambda` sees it. */
export function resolveTarget(
  value: Value,
  lambda: LambdaResource | undefined,
  directory: TableDirectory,
): Resolution {
  const hops: TargetHop[] = [];
  const lookup: ReferenceLookup = (id, attribute) =>
    attribute === undefined ? directory.byId.get(id) : undefined;
  const { parameterDefaults } = directory;
  const resolution = resolveName(value, { lambda, lookup, parameterDefaults, hops });
  if (!resolution.ok) {
    return { target: { kind: 'unresolved', text: resolution.text }, hops };
  }

  const named = resolution.resource;
  const table = named?.kind === 'table' ? named : directory.byName.get(resolution.name);
  if (table) {
    return { target: { kind: 'table', table, name: table.name }, hops };
  }

  const { name, declared, viaFallback } = resolution;
  const computed = computedTableFor(name, directory.computedNames);
  if (computed) {
    hops.push({
      description: `"${name}" fits the name "${computed.text}" that the template computes for table "${computed.table.logicalId}"`,
      location: computed.table.location,
    });
    return { target: { kind: 'table', table: computed.table, name: computed.table.name }, hops };
  }

  return { target: { kind: 'name', name, declared, viaFallback }, hops };
}

// `!Ref` of a queue is its URL and `!Ref` of a topic its ARN; Terraform's `.url` and `.arn`
// arrive as the same plain reference.
const QUEUE_URL_ATTRIBUTES = new Set([undefined, 'QueueUrl']);
const TOPIC_ARN_ATTRIBUTES = new Set([undefined, 'TopicArn']);

/** Resolves the queue URL or topic ARN of an SQS or SNS operation for one code path. */
export function resolveMessageTarget(
  value: Value,
  service: 'sqs' | 'sns',
  lambda: LambdaResource | undefined,
  directory: MessagingDirectory,
): { target: PublishTarget; hops: TargetHop[] } {
  const hops: TargetHop[] = [];
  const lookup = messagingLookup(service, directory);
  const { parameterDefaults } = directory;
  const resolution = resolveName(value, { lambda, lookup, parameterDefaults, hops });
  if (!resolution.ok) {
    return { target: { kind: 'unresolved', text: resolution.text }, hops };
  }

  const name = resolution.resource?.name ?? lastSegment(resolution.name, service);
  const found =
    resolution.resource ??
    (service === 'sqs' ? directory.queuesByName.get(name) : directory.topicsByName.get(name));

  return { target: messageTargetOf(found, name), hops };
}

function messagingLookup(service: 'sqs' | 'sns', directory: MessagingDirectory): ReferenceLookup {
  if (service === 'sqs') {
    return (id, attribute) =>
      QUEUE_URL_ATTRIBUTES.has(attribute) ? directory.queuesById.get(id) : undefined;
  }

  return (id, attribute) =>
    TOPIC_ARN_ATTRIBUTES.has(attribute) ? directory.topicsById.get(id) : undefined;
}

function messageTargetOf(found: Named | undefined, name: string): PublishTarget {
  if (found?.kind === 'queue') {
    return { kind: 'queue', queue: found, name: found.name };
  }
  if (found?.kind === 'topic') {
    return { kind: 'topic', topic: found, name: found.name };
  }

  return { kind: 'name', name };
}

// `https://sqs.eu-west-1.amazonaws.com/123456789012/jobs` names the queue `jobs`;
// `arn:aws:sns:eu-west-1:123456789012:orders` names the topic `orders`.
function lastSegment(text: string, service: 'sqs' | 'sns'): string {
  const parts = text.split(service === 'sqs' ? '/' : ':');

  return parts[parts.length - 1] || text;
}

interface Context {
  lambda: LambdaResource | undefined;
  lookup: ReferenceLookup;
  parameterDefaults: Map<string, string>;
  hops: TargetHop[];
}

function resolveName(value: Value, context: Context): NameResolution {
  switch (value.kind) {
    case 'literal':
      return { ok: true, name: value.value, declared: false, viaFallback: false };
    case 'env':
      return resolveEnvironment(value.name, context);
    case 'template':
      return joinParts(value.parts, context, textOf(value));
    case 'fallback':
      return resolveFallback(value.options, context);
    case 'unresolved':
      return { ok: false, text: value.text };
  }
}

function resolveEnvironment(name: string, context: Context): NameResolution {
  const text = `process.env.${name}`;
  const lambda = context.lambda;
  const templateValue = lambda?.environment[name];
  if (!lambda || !templateValue) {
    return { ok: false, text };
  }

  const resolution = resolveTemplateValue(templateValue, lambda.template, context);
  if (resolution.ok) {
    context.hops.push({
      description: `${name} is set on Lambda "${lambda.logicalId}" to "${resolution.name}"`,
      location: lambda.location,
    });
  }

  return resolution.ok ? resolution : { ok: false, text };
}

function resolveTemplateValue(
  value: TemplateValue,
  template: string,
  context: Context,
): NameResolution {
  const plain = { declared: false, viaFallback: false };
  switch (value.kind) {
    case 'literal':
      return { ok: true, name: value.value, ...plain };
    case 'resource': {
      const resource = context.lookup(`${template}#${value.logicalId}`, value.attribute);
      return resource
        ? { ok: true, name: resource.name, resource, ...plain }
        : unresolvedRef(value);
    }
    case 'parameter': {
      const fallback = context.parameterDefaults.get(`${template}#${value.name}`);
      const name = value.default ?? fallback;
      return name === undefined
        ? unresolvedRef(value)
        : { ok: true, name, declared: true, viaFallback: false };
    }
    case 'join':
      return joinTemplateParts(value.parts, template, context);
    case 'unresolved':
      return { ok: false, text: value.text };
  }
}

function unresolvedRef(value: {
  logicalId?: string;
  name?: string;
  attribute?: string;
}): NameResolution {
  const name = value.logicalId ?? value.name ?? '';
  const attribute = value.attribute ? `.${value.attribute}` : '';

  return { ok: false, text: `${name}${attribute}` };
}

function joinTemplateParts(
  parts: TemplateValue[],
  template: string,
  context: Context,
): NameResolution {
  let name = '';
  for (const part of parts) {
    const resolution = resolveTemplateValue(part, template, context);
    if (!resolution.ok) {
      return resolution;
    }
    name += resolution.name;
  }

  return { ok: true, name, declared: false, viaFallback: false };
}

function joinParts(parts: Value[], context: Context, text: string): NameResolution {
  let name = '';
  for (const part of parts) {
    const resolution = resolveName(part, context);
    if (!resolution.ok) {
      return { ok: false, text };
    }
    name += resolution.name;
  }

  return { ok: true, name, declared: false, viaFallback: false };
}

// `process.env.X ?? 'local-default'`: the environment wins when the Lambda sets it, so the
// literal only speaks for code paths that no template configures.
function resolveFallback(options: Value[], context: Context): NameResolution {
  const [first, ...rest] = options;
  if (!first) {
    return { ok: false, text: '' };
  }

  const resolution = resolveName(first, context);
  if (resolution.ok || rest.length === 0) {
    return resolution;
  }

  const next = resolveFallback(rest, context);

  return next.ok
    ? { ...next, viaFallback: true }
    : { ok: false, text: textOf({ kind: 'fallback', options }) };
}

/** Source-like text of a value, for messages about targets that did not resolve. */
export function textOf(value: Value): string {
  switch (value.kind) {
    case 'literal':
      return `'${value.value}'`;
    case 'env':
      return `process.env.${value.name}`;
    case 'template':
      return `\`${value.parts.map(part => (part.kind === 'literal' ? part.value : `\${${textOf(part)}}`)).join('')}\``;
    case 'fallback':
      return value.options.map(textOf).join(' ?? ');
    case 'unresolved':
      return value.text;
  }
}
