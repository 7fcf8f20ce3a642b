import type { EventSource, LambdaResource, TemplateValue } from '../resources.js';
import { templateValueOf } from '../intrinsics.js';
import type { Template, TemplateResource } from '../template.js';
import { childAt, scalarText } from '../template-node.js';

const ROUTE = 'AWS::ApiGatewayV2::Route';
const INTEGRATION = 'AWS::ApiGatewayV2::Integration';
const REST_METHOD = 'AWS::ApiGateway::Method';
const REST_RESOURCE = 'AWS::ApiGateway::Resource';

/**
 * HTTP events of plain Lambda functions, as `cdk synth` writes them: an HTTP API route whose
 * integration names the function, or a REST API method whose integration URI does.
 */
export function addHttpEvents(template: Template, lambdas: LambdaResource[]): void {
  const byLogicalId = new Map(lambdas.map(lambda => [lambda.logicalId, lambda]));
  for (const resource of template.resources) {
    const found =
      resource.type === ROUTE
        ? httpRouteOf(resource, template)
        : resource.type === REST_METHOD
          ? restMethodOf(resource, template)
          : undefined;
    const lambda = found ? byLogicalId.get(found.functionId) : undefined;
    if (found && lambda && !lambda.events.some(event => event.name === found.event.name)) {
      lambda.events.push(found.event);
    }
  }
}

interface FoundEvent {
  functionId: string;
  event: EventSource;
}

// `RouteKey: GET /orders`, `Target: integrations/<Integration>`, `IntegrationUri: <Fn>.Arn`.
function httpRouteOf(route: TemplateResource, template: Template): FoundEvent | undefined {
  const [method, path] = (scalarText(childAt(route.properties, 'RouteKey')) ?? '').split(' ');
  const integrationId = referencedIds(
    templateValueOf(childAt(route.properties, 'Target'), template),
  )[0];
  const integration = integrationId ? template.resourcesById.get(integrationId) : undefined;
  if (!method || !path || integration?.type !== INTEGRATION) {
    return undefined;
  }

  const uri = templateValueOf(childAt(integration.properties, 'IntegrationUri'), template);
  const functionId = referencedIds(uri)[0];

  return functionId === undefined
    ? undefined
    : { functionId, event: httpEvent(route, 'http-api', method, path) };
}

function restMethodOf(method: TemplateResource, template: Template): FoundEvent | undefined {
  const verb = scalarText(childAt(method.properties, 'HttpMethod'));
  const uri = templateValueOf(childAt(method.properties, 'Integration', 'Uri'), template);
  const functionId = referencedIds(uri).find(
    id => template.resourcesById.get(id)?.type === 'AWS::Lambda::Function',
  );
  if (!verb || functionId === undefined) {
    return undefined;
  }

  const path = restPathOf(childAt(method.properties, 'ResourceId'), template);

  return { functionId, event: httpEvent(method, 'api', verb, path) };
}

// Each `AWS::ApiGateway::Resource` adds its `PathPart` under its parent; the root has none.
function restPathOf(resourceId: Parameters<typeof templateValueOf>[0], template: Template): string {
  const parts: string[] = [];
  let value = templateValueOf(resourceId, template);
  for (
    let depth = 0;
    depth < 32 && value.kind === 'resource' && value.attribute === undefined;
    depth++
  ) {
    const resource = template.resourcesById.get(value.logicalId);
    if (resource?.type !== REST_RESOURCE) {
      break;
    }

    parts.unshift(scalarText(childAt(resource.properties, 'PathPart')) ?? '*');
    value = templateValueOf(childAt(resource.properties, 'ParentId'), template);
  }

  return `/${parts.join('/')}`;
}

function httpEvent(
  resource: TemplateResource,
  type: 'api' | 'http-api',
  method: string,
  path: string,
): EventSource {
  return {
    name: resource.logicalId,
    type,
    method: method.toUpperCase(),
    path,
    functionResponseTypes: [],
    location: resource.location,
  };
}

function referencedIds(value: TemplateValue): string[] {
  if (value.kind === 'resource') {
    return [value.logicalId];
  }

  return value.kind === 'join' ? value.parts.flatMap(referencedIds) : [];
}
