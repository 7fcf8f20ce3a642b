import type { Location } from '../../location.js';
import type { LambdaResource, TemplateValue } from '../resources.js';
import type { Configuration } from './configuration.js';
import {
  argumentLocationOf,
  baseOf,
  propertyLocationsOf,
  resourcesOfType,
} from './configuration.js';
import { handlerOfFunction } from './handler-code.js';
import { childOf, numberOf, objectOf, stringOf } from './hcl-value.js';
import type { TerraformBlock } from './module-instance.js';
import { rolePoliciesOf } from './read-policies.js';
import { templateValueOf } from './template-values.js';

const LAMBDA_PROPERTIES = {
  function_name: 'FunctionName',
  handler: 'Handler',
  runtime: 'Runtime',
  timeout: 'Timeout',
  memory_size: 'MemorySize',
  role: 'Role',
  environment: 'Environment',
};

export function readLambdas(configuration: Configuration): LambdaResource[] {
  return resourcesOfType(configuration, 'aws_lambda_function').map(block =>
    readLambda(block, configuration),
  );
}

function readLambda(block: TerraformBlock, configuration: Configuration): LambdaResource {
  const lambda: LambdaResource = {
    kind: 'lambda',
    ...baseOf(block, configuration),
    propertyLocations: propertyLocationsOf(block, LAMBDA_PROPERTIES),
    ...environmentOf(block),
    events: [],
    policies: [],
  };
  assignSettings(lambda, block);
  const handler = handlerOfFunction(block, configuration);
  if (handler) {
    lambda.handler = handler;
  }

  const deadLetter = childOf(block.body, 'dead_letter_config', 'target_arn');
  if (deadLetter) {
    lambda.deadLetterTarget = templateValueOf(deadLetter);
  }

  const role = block.body.role;
  if (role) {
    lambda.role = roleValueOf(templateValueOf(role));
    lambda.policies = rolePoliciesOf(role, configuration);
  }

  return lambda;
}

function environmentOf(block: TerraformBlock) {
  const variables = objectOf(childOf(block.body, 'environment', 'variables')) ?? {};
  const environment: Record<string, TemplateValue> = {};
  const environmentLocations: Record<string, Location> = {};
  for (const [name, value] of Object.entries(variables)) {
    environment[name] = templateValueOf(value);
    environmentLocations[name] = argumentLocationOf(block, name);
  }

  return { environment, environmentLocations };
}

function assignSettings(lambda: LambdaResource, block: TerraformBlock): void {
  const functionName = stringOf(block.body.function_name);
  const runtime = stringOf(block.body.runtime);
  const timeout = numberOf(block.body.timeout);
  const memorySize = numberOf(block.body.memory_size);
  if (functionName !== undefined) {
    lambda.functionName = functionName;
  }

  if (runtime !== undefined) {
    lambda.runtime = runtime;
  }

  if (timeout !== undefined) {
    lambda.timeout = timeout;
  }

  if (memorySize !== undefined) {
    lambda.memorySize = memorySize;
  }
}

// `aws_iam_role.worker.arn` names the role resource, as `!GetAtt WorkerRole.Arn` does.
function roleValueOf(role: TemplateValue): TemplateValue {
  return role.kind === 'resource' ? { kind: 'resource', logicalId: role.logicalId } : role;
}
