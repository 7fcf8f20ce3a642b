import type { Location } from '../location.js';
import type { HandlerRef, LambdaResource, TemplateValue } from './resources.js';
import { handlerRefOf } from './handler-files.js';
import { numberOf, stringOf, templateValueOf } from './intrinsics.js';
import { rolePoliciesOf, samPoliciesOf } from './read-policies.js';
import { readSamEvents } from './read-events.js';
import { connectorPoliciesOf } from './sam-connectors.js';
import { propertyLocationsOf, resourceIdOf } from './resource-names.js';
import { withGlobals } from './sam-globals.js';
import type { Template, TemplateResource } from './template.js';
import type { MapNode } from './template-node.js';
import { childAt, itemsOf, mapAt, scalarText } from './template-node.js';

const SAM_FUNCTION = 'AWS::Serverless::Function';
const LAMBDA_FUNCTION = 'AWS::Lambda::Function';

export function readFunctions(template: Template): LambdaResource[] {
  return template.resources.flatMap(resource => {
    if (resource.type === SAM_FUNCTION) {
      return [
        readFunction(resource, withGlobals(template.globalFunction, resource.properties), template),
      ];
    }

    return resource.type === LAMBDA_FUNCTION
      ? [readFunction(resource, resource.properties, template)]
      : [];
  });
}

function readFunction(
  resource: TemplateResource,
  properties: MapNode | undefined,
  template: Template,
): LambdaResource {
  const lambda: LambdaResource = {
    kind: 'lambda',
    id: resourceIdOf(template, resource.logicalId),
    logicalId: resource.logicalId,
    template: template.file,
    location: resource.location,
    propertyLocations: propertyLocationsOf(properties),
    ...environmentOf(properties, template),
    events: resource.type === SAM_FUNCTION ? readSamEvents(properties, template) : [],
    policies: [],
  };
  assignSettings(lambda, properties, template);
  assignHandler(lambda, handlerOf(resource, properties, template));
  assignFailureTargets(lambda, resource, properties, template);
  assignPolicies(lambda, resource, properties, template);
  lambda.policies.push(...connectorPoliciesOf(resource, template));

  return lambda;
}

function environmentOf(properties: MapNode | undefined, template: Template) {
  const variables = mapAt(properties, 'Environment', 'Variables')?.entries ?? [];
  const environment: Record<string, TemplateValue> = {};
  const environmentLocations: Record<string, Location> = {};
  for (const variable of variables) {
    environment[variable.key] = templateValueOf(variable.value, template);
    environmentLocations[variable.key] = variable.keyLocation;
  }

  return { environment, environmentLocations };
}

function assignSettings(
  lambda: LambdaResource,
  properties: MapNode | undefined,
  template: Template,
): void {
  const functionName = stringOf(templateValueOf(childAt(properties, 'FunctionName'), template));
  const runtime = stringOf(templateValueOf(childAt(properties, 'Runtime'), template));
  const timeout = numberOf(childAt(properties, 'Timeout'), template);
  const memorySize = numberOf(childAt(properties, 'MemorySize'), template);
  if (functionName !== undefined && childAt(properties, 'FunctionName')) {
    lambda.functionName = functionName;
  }

  if (runtime !== undefined && childAt(properties, 'Runtime')) {
    lambda.runtime = runtime;
  }

  if (timeout !== undefined) {
    lambda.timeout = timeout;
  }

  if (memorySize !== undefined) {
    lambda.memorySize = memorySize;
  }
}

function handlerOf(
  resource: TemplateResource,
  properties: MapNode | undefined,
  template: Template,
): HandlerRef | undefined {
  const handler = scalarText(childAt(properties, 'Handler'));
  const isImage = scalarText(childAt(properties, 'PackageType')) === 'Image';
  if (handler === undefined || isImage) {
    return undefined;
  }

  const code =
    resource.type === SAM_FUNCTION ? childAt(properties, 'CodeUri') : childAt(properties, 'Code');
  const isInline =
    childAt(properties, 'InlineCode') !== undefined ||
    childAt(properties, 'Code', 'ZipFile') !== undefined;
  const entryPoints = itemsOf(childAt(resource.body, 'Metadata', 'BuildProperties', 'EntryPoints'));

  return handlerRefOf({
    templateDir: template.dir,
    codeUri: localCodePathOf(scalarText(code)),
    handler,
    runtime: scalarText(childAt(properties, 'Runtime')),
    entryPoints: entryPoints.flatMap(entry => scalarText(entry) ?? []),
    isInline,
  });
}

// `s3://bucket/key` and S3 objects name no folder of the repository.
function localCodePathOf(code: string | undefined): string | undefined {
  return code === undefined || /^s3:\/\//i.test(code) ? undefined : code;
}

function assignHandler(lambda: LambdaResource, handler: HandlerRef | undefined): void {
  if (handler) {
    lambda.handler = handler;
  }
}

function assignFailureTargets(
  lambda: LambdaResource,
  resource: TemplateResource,
  properties: MapNode | undefined,
  template: Template,
): void {
  const deadLetter =
    resource.type === SAM_FUNCTION
      ? childAt(properties, 'DeadLetterQueue', 'TargetArn')
      : childAt(properties, 'DeadLetterConfig', 'TargetArn');
  const onFailure = childAt(
    properties,
    'EventInvokeConfig',
    'DestinationConfig',
    'OnFailure',
    'Destination',
  );
  if (deadLetter) {
    lambda.deadLetterTarget = templateValueOf(deadLetter, template);
  }

  if (onFailure && resource.type === SAM_FUNCTION) {
    lambda.onFailureDestination = templateValueOf(onFailure, template);
  }
}

// SAM ignores `Policies` when `Role` is set, so a named role replaces them.
function assignPolicies(
  lambda: LambdaResource,
  resource: TemplateResource,
  properties: MapNode | undefined,
  template: Template,
): void {
  const role = childAt(properties, 'Role');
  if (role) {
    lambda.role = templateValueOf(role, template);
    lambda.policies = rolePoliciesOf(roleResourceOf(lambda.role), template);
    return;
  }

  if (resource.type === SAM_FUNCTION) {
    lambda.policies = samPoliciesOf(childAt(properties, 'Policies'), template);
  }
}

// `!GetAtt WorkerRole.Arn` and `!Ref WorkerRole` both name the role resource.
function roleResourceOf(role: TemplateValue): TemplateValue {
  return role.kind === 'resource' ? { kind: 'resource', logicalId: role.logicalId } : role;
}
