import type { Location } from '../location.js';
import type { SourceStatus } from '../source-status.js';

/**
 * A value from a template after intrinsic functions were followed as far as the template allows.
 * `resource` points at another resource of the same template by logical id.
 */
export type TemplateValue =
  | { kind: 'literal'; value: string }
  | { kind: 'resource'; logicalId: string; attribute?: string }
  | { kind: 'parameter'; name: string; default?: string }
  | { kind: 'join'; parts: TemplateValue[] }
  | { kind: 'unresolved'; text: string };

export interface KeyAttribute {
  name: string;
  /** `S`, `N` or `B`, when the template declares it. */
  type?: string;
}

export interface TableIndex {
  name: string;
  kind: 'global' | 'local';
  partitionKey: KeyAttribute;
  sortKey?: KeyAttribute;
  location: Location;
}

interface ResourceBase {
  /** `${template}#${logicalId}`: unique across templates. */
  id: string;
  logicalId: string;
  /** Template file relative to the scanned root. */
  template: string;
  location: Location;
  /** Where each key under `Properties` sits, so a finding can point at `VisibilityTimeout` itself. */
  propertyLocations?: Record<string, Location>;
  /** Where a CDK app makes the construct this resource was synthesized from. */
  constructLocation?: Location;
}

export interface TableResource extends ResourceBase {
  kind: 'table';
  /** Physical name when the template sets one, else the logical id. */
  name: string;
  nameIsLogicalId: boolean;
  /** `TableName` as the template wrote it, when it set one; kept when it does not resolve. */
  nameValue?: TemplateValue;
  partitionKey?: KeyAttribute;
  sortKey?: KeyAttribute;
  indexes: TableIndex[];
  billingMode?: string;
  stream?: { viewType?: string; location?: Location };
  pointInTimeRecovery: boolean;
  deletionProtection: boolean;
}

export type EventSourceType =
  | 'api'
  | 'http-api'
  | 'sqs'
  | 'sns'
  | 'dynamodb'
  | 'kinesis'
  | 'schedule'
  | 'eventbridge'
  | 's3'
  | 'other';

export interface EventSource {
  /** SAM event name, or the logical id of an `AWS::Lambda::EventSourceMapping`. */
  name: string;
  type: EventSourceType;
  /** The queue, stream, topic or bucket it reads from, when it has one. */
  source?: TemplateValue;
  /** HTTP method and path for API events. */
  method?: string;
  path?: string;
  batchSize?: number;
  maximumRetryAttempts?: number;
  bisectBatchOnFunctionError?: boolean;
  onFailureDestination?: TemplateValue;
  functionResponseTypes: string[];
  /** Dead-letter queue of an event rule target or a topic subscription that invokes the lambda. */
  deadLetterTarget?: TemplateValue;
  location: Location;
}

/**
 * A statement of the lambda's role. A SAM policy template's resources are the values its
 * parameters were given (`TableName: !Ref Orders` is the resource `Orders`, meaning that table),
 * and an index or stream resource is a join of that value and `/index/*` or `/stream/...`.
 */
export interface PolicyStatement {
  effect: 'Allow' | 'Deny';
  actions: string[];
  resources: TemplateValue[];
  /** `DynamoDBCrudPolicy` and the like; absent for inline statements. */
  fromTemplate?: string;
  location: Location;
}

export interface HandlerRef {
  /** Candidate source files relative to the scanned root, most likely first. */
  files: string[];
  exportName: string;
  /** The handler string as the template wrote it. */
  text: string;
}

export interface LambdaResource extends ResourceBase {
  kind: 'lambda';
  functionName?: string;
  handler?: HandlerRef;
  runtime?: string;
  timeout?: number;
  memorySize?: number;
  environment: Record<string, TemplateValue>;
  /** Where each environment variable is set: the function itself or `Globals`. */
  environmentLocations?: Record<string, Location>;
  /** SAM `DeadLetterQueue.TargetArn` or Lambda `DeadLetterConfig.TargetArn`. */
  deadLetterTarget?: TemplateValue;
  /** `EventInvokeConfig.DestinationConfig.OnFailure.Destination` for asynchronous invocations. */
  onFailureDestination?: TemplateValue;
  events: EventSource[];
  /**
   * The execution role the template names (`Role: !GetAtt WorkerRole.Arn`). When it is not a
   * role of the same template, its statements are unknown and `policies` holds none of them.
   */
  role?: TemplateValue;
  policies: PolicyStatement[];
  /** The library whose own code the Lambda runs, such as `aws-cdk-lib` for its log retention. */
  providedBy?: string;
}

export interface QueueResource extends ResourceBase {
  kind: 'queue';
  name: string;
  nameIsLogicalId: boolean;
  nameValue?: TemplateValue;
  fifo?: boolean;
  visibilityTimeout?: number;
  deadLetterTarget?: TemplateValue;
  maxReceiveCount?: number;
}

export interface TopicResource extends ResourceBase {
  kind: 'topic';
  name: string;
  nameIsLogicalId: boolean;
  nameValue?: TemplateValue;
  /** Subscriptions set on the topic or as `AWS::SNS::Subscription` resources of the same template. */
  subscriptions?: TopicSubscription[];
}

export interface TopicSubscription {
  /** Logical id of the `AWS::SNS::Subscription`; absent for one set inline on the topic. */
  logicalId?: string;
  protocol?: string;
  endpoint: TemplateValue;
  deadLetterTarget?: TemplateValue;
  location: Location;
}

/** A template parameter; kept so a `!Ref` to it can name an external resource by its default. */
export interface ParameterResource extends ResourceBase {
  kind: 'parameter';
  default?: string;
}

export type Resource =
  TableResource | LambdaResource | QueueResource | TopicResource | ParameterResource;

export interface InfraScan {
  sources: SourceStatus[];
  resources: Resource[];
  /** Templates read successfully; rules that compare code with templates need at least one. */
  templatesRead: number;
  /**
   * Files this reader reads as parts of its own format (a `serverless.yml` and the files it
   * includes); other readers' resources and sources from them are dropped.
   */
  claimedFiles?: string[];
}
