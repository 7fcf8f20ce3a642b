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
}

export interface TableResource extends ResourceBase {
  kind: 'table';
  /** Physical name when the template sets one, else the logical id. */
  name: string;
  nameIsLogicalId: boolean;
  partitionKey?: KeyAttribute;
  sortKey?: KeyAttribute;
  indexes: TableIndex[];
  billingMode?: string;
  stream?: { viewType?: string };
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
  location: Location;
}

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
  events: EventSource[];
  policies: PolicyStatement[];
}

export interface QueueResource extends ResourceBase {
  kind: 'queue';
  name: string;
  nameIsLogicalId: boolean;
  visibilityTimeout?: number;
  deadLetterTarget?: TemplateValue;
  maxReceiveCount?: number;
}

export interface TopicResource extends ResourceBase {
  kind: 'topic';
  name: string;
  nameIsLogicalId: boolean;
}

/** A template parameter; kept so a `!Ref` to it can name an external resource by its default. */
export interface ParameterResource extends ResourceBase {
  kind: 'parameter';
  default?: string;
}

export type Resource =
  | TableResource
  | LambdaResource
  | QueueResource
  | TopicResource
  | ParameterResource;

export interface InfraScan {
  sources: SourceStatus[];
  resources: Resource[];
  /** Templates read successfully; rules that compare code with templates need at least one. */
  templatesRead: number;
}
