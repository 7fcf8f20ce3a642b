import type { Logger } from '../../logger.js';
import type { EventSource, EventSourceType, LambdaResource } from '../resources.js';
import type { Configuration } from './configuration.js';
import { resourcesOfType } from './configuration.js';
import type { HclObject, HclValue } from './hcl-value.js';
import { booleanOf, childOf, itemsOf, numberOf, objectOf, stringOf } from './hcl-value.js';
import type { TerraformBlock } from './module-instance.js';
import { templateValueOf } from './template-values.js';

const MAPPING_TYPES_BY_RESOURCE: Record<string, EventSourceType> = {
  aws_sqs_queue: 'sqs',
  'data.aws_sqs_queue': 'sqs',
  aws_dynamodb_table: 'dynamodb',
  'data.aws_dynamodb_table': 'dynamodb',
  aws_kinesis_stream: 'kinesis',
  'data.aws_kinesis_stream': 'kinesis',
};

const MAPPING_TYPES_BY_ARN: [string, EventSourceType][] = [
  [':sqs:', 'sqs'],
  [':kinesis:', 'kinesis'],
  [':dynamodb:', 'dynamodb'],
];

/** Finds a lambda of the configuration by what a block wrote for it: a reference, a name or an ARN. */
class LambdaIndex {
  private readonly byAddress = new Map<string, LambdaResource>();
  private readonly byName = new Map<string, LambdaResource>();

  constructor(lambdas: LambdaResource[]) {
    for (const lambda of lambdas) {
      this.byAddress.set(lambda.logicalId, lambda);
      if (lambda.functionName !== undefined) {
        this.byName.set(lambda.functionName, lambda);
      }
    }
  }

  find(value: HclValue | undefined): LambdaResource | undefined {
    if (value?.kind === 'reference') {
      return this.byAddress.get(value.address);
    }

    const text = stringOf(value);
    const name = text === undefined ? undefined : (/:function:([^:]+)/.exec(text)?.[1] ?? text);

    return name === undefined ? undefined : this.byName.get(name);
  }
}

/**
 * Attaches to each lambda its triggers: event source mappings, HTTP API routes, topic
 * subscriptions, and the targets of event rules and schedules.
 */
export function linkEvents(
  configuration: Configuration,
  lambdas: LambdaResource[],
  logger: Logger,
): void {
  const index = new LambdaIndex(lambdas);
  for (const block of resourcesOfType(configuration, 'aws_lambda_event_source_mapping')) {
    const lambda = index.find(block.body.function_name);
    if (!lambda) {
      logger.step(
        `terraform: "${block.location.file}": ${block.address} names a function that no configuration defines; its trigger is left out.`,
      );
    }
    lambda?.events.push(mappingEventOf(block));
  }

  for (const { lambda, event } of routeEvents(configuration, index)) {
    lambda.events.push(event);
  }

  for (const block of resourcesOfType(configuration, 'aws_sns_topic_subscription')) {
    const lambda =
      stringOf(block.body.protocol) === 'lambda' ? index.find(block.body.endpoint) : undefined;
    lambda?.events.push(subscriptionEventOf(block));
  }

  for (const { lambda, event } of ruleTargetEvents(configuration, index)) {
    lambda.events.push(event);
  }
}

function mappingEventOf(block: TerraformBlock): EventSource {
  const body = block.body;
  const arn = body.event_source_arn;
  const event: EventSource = {
    name: block.address,
    type: mappingTypeOf(arn),
    functionResponseTypes: itemsOf(body.function_response_types).flatMap(
      type => stringOf(type) ?? [],
    ),
    location: block.location,
  };
  if (arn) {
    event.source = templateValueOf(arn);
  }

  const batchSize = numberOf(body.batch_size);
  const retries = numberOf(body.maximum_retry_attempts);
  const bisect = booleanOf(body.bisect_batch_on_function_error);
  const onFailure = childOf(body, 'destination_config', 'on_failure', 'destination_arn');
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
    event.onFailureDestination = templateValueOf(onFailure);
  }

  return event;
}

function mappingTypeOf(arn: HclValue | undefined): EventSourceType {
  if (arn?.kind === 'reference') {
    return MAPPING_TYPES_BY_RESOURCE[arn.type] ?? 'other';
  }

  const text = stringOf(arn) ?? '';
  const match = MAPPING_TYPES_BY_ARN.find(([service]) => text.includes(service));

  return match ? match[1] : 'other';
}

interface LinkedEvent {
  lambda: LambdaResource;
  event: EventSource;
}

// `route_key = "GET /orders"` with `target = "integrations/${aws_apigatewayv2_integration.x.id}"`,
// whose `integration_uri` is the function's `invoke_arn`.
function routeEvents(configuration: Configuration, index: LambdaIndex): LinkedEvent[] {
  return resourcesOfType(configuration, 'aws_apigatewayv2_route').flatMap(route => {
    const integration = integrationOf(route.body.target, configuration);
    const lambda = index.find(integration?.body.integration_uri);
    const routeKey = stringOf(route.body.route_key) ?? '';
    const [method, path] = routeKey.includes(' ') ? routeKey.split(' ') : ['ANY', routeKey];
    if (!lambda) {
      return [];
    }

    const event: EventSource = {
      name: route.address,
      type: 'http-api',
      method: (method ?? 'ANY').toUpperCase(),
      path: path ?? '/',
      functionResponseTypes: [],
      location: route.location,
    };
    return [{ lambda, event }];
  });
}

function integrationOf(
  target: HclValue | undefined,
  configuration: Configuration,
): TerraformBlock | undefined {
  const parts = target?.kind === 'join' ? target.parts : target ? [target] : [];
  const reference = parts.find(part => part.kind === 'reference');

  return reference?.kind === 'reference'
    ? configuration.byAddress.get(reference.address)
    : undefined;
}

interface RuleTarget {
  /** The target's arguments: `arn`, `retry_policy`, `dead_letter_config`. */
  body: HclObject;
  /** The rule or schedule that invokes the target, as CloudFormation names the event. */
  name: string;
  type: 'schedule' | 'eventbridge';
  location: TerraformBlock['location'];
}

function ruleTargetEvents(configuration: Configuration, index: LambdaIndex): LinkedEvent[] {
  return ruleTargetsOf(configuration).flatMap(target => {
    const lambda = index.find(target.body.arn);
    if (!lambda) {
      return [];
    }

    const event: EventSource = {
      name: target.name,
      type: target.type,
      functionResponseTypes: [],
      location: target.location,
    };
    assignTargetSettings(event, target.body);
    return [{ lambda, event }];
  });
}

// `aws_cloudwatch_event_target` names its rule with `rule = aws_cloudwatch_event_rule.x.name`;
// an `aws_scheduler_schedule` holds its target inline. Targets that are not lambdas (a queue,
// a stream) are passed over, as CloudFormation's rule targets are.
function ruleTargetsOf(configuration: Configuration): RuleTarget[] {
  const targets = resourcesOfType(configuration, 'aws_cloudwatch_event_target').map(
    (block): RuleTarget => {
      const rule = ruleOf(block.body.rule, configuration);
      const isSchedule = rule?.body.schedule_expression !== undefined;
      const name = rule?.address ?? block.address;

      const type = isSchedule ? 'schedule' : 'eventbridge';

      return { body: block.body, name, type, location: block.location };
    },
  );
  const schedules = resourcesOfType(configuration, 'aws_scheduler_schedule').map(
    (block): RuleTarget => ({
      body: objectOf(block.body.target) ?? {},
      name: block.address,
      type: 'schedule',
      location: block.location,
    }),
  );

  return [...targets, ...schedules];
}

function ruleOf(
  value: HclValue | undefined,
  configuration: Configuration,
): TerraformBlock | undefined {
  return value?.kind === 'reference' && value.type === 'aws_cloudwatch_event_rule'
    ? configuration.byAddress.get(value.address)
    : undefined;
}

function assignTargetSettings(event: EventSource, target: HclObject): void {
  const retries = numberOf(childOf(target, 'retry_policy', 'maximum_retry_attempts'));
  const deadLetter = childOf(target, 'dead_letter_config', 'arn');
  if (retries !== undefined) {
    event.maximumRetryAttempts = retries;
  }

  if (deadLetter) {
    event.deadLetterTarget = templateValueOf(deadLetter);
  }
}

function subscriptionEventOf(block: TerraformBlock): EventSource {
  const event: EventSource = {
    name: block.address,
    type: 'sns',
    functionResponseTypes: [],
    location: block.location,
  };
  if (block.body.topic_arn) {
    event.source = templateValueOf(block.body.topic_arn);
  }

  return event;
}
