import type { Location } from '../../location.js';
import { handlerRefOf } from '../handler-files.js';
import { numberOf, stringOf, templateValueOf } from '../intrinsics.js';
import type { LambdaResource, TemplateValue } from '../resources.js';
import { propertyLocationsOf } from '../resource-names.js';
import type { Template } from '../template.js';
import type { MapEntry, TemplateNode } from '../template-node.js';
import { childAt, isMap, itemsOf, mapAt, scalarText } from '../template-node.js';
import { readServerlessEvents } from './read-events.js';
import { roleOf } from './read-iam.js';
import { isUnresolvedNode } from './serverless-node.js';

// Serverless deploys a function with these unless the service says otherwise; Lambda's own
// defaults (3 seconds, 128 MB) never apply.
const DEFAULT_TIMEOUT = 6;
const DEFAULT_MEMORY_SIZE = 1024;

/** The `functions` of a service whose variables are resolved, one lambda per key. */
export function readServerlessFunctions(root: TemplateNode, template: Template): LambdaResource[] {
  const provider = mapAt(root, 'provider');

  return functionEntriesOf(root).flatMap(entry =>
    isMap(entry.value) ? [readFunction(entry, provider, template)] : [],
  );
}

// `functions` may also be a list of maps, each usually a `${file(...)}` include.
function functionEntriesOf(root: TemplateNode): MapEntry[] {
  const functions = childAt(root, 'functions');
  if (isMap(functions)) {
    return isUnresolvedNode(functions) ? [] : functions.entries;
  }

  return itemsOf(functions).flatMap(item =>
    isMap(item) && !isUnresolvedNode(item) ? item.entries : [],
  );
}

function readFunction(
  entry: MapEntry,
  provider: TemplateNode | undefined,
  template: Template,
): LambdaResource {
  const fn = entry.value;
  const events = readServerlessEvents(entry.key, fn, template);
  const lambda: LambdaResource = {
    kind: 'lambda',
    id: `${template.file}#${entry.key}`,
    logicalId: entry.key,
    template: template.file,
    location: entry.keyLocation,
    propertyLocations: propertyLocationsOf(isMap(fn) ? fn : undefined),
    ...environmentOf(provider, fn, template),
    events,
    ...roleOf(provider, fn, events, template),
  };
  assignSettings(lambda, provider, fn, template);
  assignHandler(lambda, provider, fn, template);
  assignFailureTargets(lambda, fn, template);

  return lambda;
}

// Function variables are set over the provider's, key by key.
function environmentOf(provider: TemplateNode | undefined, fn: TemplateNode, template: Template) {
  const environment: Record<string, TemplateValue> = {};
  const environmentLocations: Record<string, Location> = {};
  for (const scope of [childAt(provider, 'environment'), childAt(fn, 'environment')]) {
    const variables = isMap(scope) && !isUnresolvedNode(scope) ? scope.entries : [];
    for (const variable of variables) {
      environment[variable.key] = templateValueOf(variable.value, template);
      environmentLocations[variable.key] = variable.keyLocation;
    }
  }

  return { environment, environmentLocations };
}

function assignSettings(
  lambda: LambdaResource,
  provider: TemplateNode | undefined,
  fn: TemplateNode,
  template: Template,
): void {
  const setting = (key: string) => childAt(fn, key) ?? childAt(provider, key);
  const name = childAt(fn, 'name');
  const functionName = name ? stringOf(templateValueOf(name, template)) : undefined;
  const runtime = stringOf(templateValueOf(setting('runtime'), template));
  if (functionName !== undefined) {
    lambda.functionName = functionName;
  }

  if (runtime !== undefined && setting('runtime')) {
    lambda.runtime = runtime;
  }

  lambda.timeout = numberOf(setting('timeout'), template) ?? DEFAULT_TIMEOUT;
  lambda.memorySize = numberOf(setting('memorySize'), template) ?? DEFAULT_MEMORY_SIZE;
}

// Handlers are relative to the service folder: `src/handlers/create.main` is the export `main`
// of `src/handlers/create` with any script extension. A container image has no handler file.
function assignHandler(
  lambda: LambdaResource,
  provider: TemplateNode | undefined,
  fn: TemplateNode,
  template: Template,
): void {
  const handler = scalarText(childAt(fn, 'handler'));
  if (handler === undefined || childAt(fn, 'image')) {
    return;
  }

  const runtime = scalarText(childAt(fn, 'runtime') ?? childAt(provider, 'runtime'));
  const ref = handlerRefOf({
    templateDir: template.dir,
    handler,
    runtime,
    entryPoints: [],
    isInline: false,
  });
  if (ref) {
    lambda.handler = ref;
  }
}

// `onError` is the dead-letter target of asynchronous invocations; `destinations.onFailure`
// may be a plain ARN or `{ arn, type }`.
function assignFailureTargets(lambda: LambdaResource, fn: TemplateNode, template: Template): void {
  const onError = childAt(fn, 'onError');
  const onFailure = childAt(fn, 'destinations', 'onFailure');
  const destination = childAt(onFailure, 'arn') ?? onFailure;
  if (onError) {
    lambda.deadLetterTarget = templateValueOf(onError, template);
  }

  if (destination) {
    lambda.onFailureDestination = templateValueOf(destination, template);
  }
}
