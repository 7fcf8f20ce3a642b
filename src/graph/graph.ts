import type { CodeFunction, CodeScan, ExportFact, Operation } from '../code/facts.js';
import type {
  InfraScan,
  LambdaResource,
  QueueResource,
  TableResource,
  TopicResource,
} from '../iac/resources.js';
import type { Location } from '../location.js';
import type { SourceStatus } from '../source-status.js';

/** A code function that starts work: a Lambda's handler, or an exported handler-shaped function. */
export interface EntryPoint {
  codeFunction: CodeFunction;
  /** The Lambda whose handler this is; absent for code not deployed by any template read. */
  lambda?: LambdaResource;
  /** What a person calls it: the Lambda's logical id, else `file#name`. */
  label: string;
  location: Location;
  servesHttp: boolean;
  /** HTTP routes (`GET /orders`) of the Lambda's API events. */
  routes: string[];
}

/** How a Lambda was joined to its entry point, or why it could not be. */
export interface LambdaLink {
  lambda: LambdaResource;
  entryPoint?: EntryPoint;
  /** The source file the handler named, when one was found. */
  file?: string;
  reason: string;
}

/** One step of resolving a target for one code path, kept as evidence. */
export interface TargetHop {
  description: string;
  location: Location;
}

export type ResolvedTarget =
  | { kind: 'table'; table: TableResource; name: string }
  /** A name that no template read defines. `declared` when a template parameter names it. */
  | { kind: 'name'; name: string; declared: boolean; viaFallback: boolean }
  | { kind: 'unresolved'; text: string };

/** An operation as one code path sees it, with the target resolved in that path's environment. */
export interface TableAccess {
  operation: Operation;
  /** Absent when no entry point reaches the operation. */
  entryPoint?: EntryPoint;
  target: ResolvedTarget;
  hops: TargetHop[];
}

/** Where an SQS or SNS operation sends, as one code path sees it. */
export type PublishTarget =
  | { kind: 'queue'; queue: QueueResource; name: string }
  | { kind: 'topic'; topic: TopicResource; name: string }
  /** A queue or topic name (from a URL or ARN) that no template read defines. */
  | { kind: 'name'; name: string }
  | { kind: 'unresolved'; text: string };

/** An SQS send or SNS publish as one code path sees it; tables stay in `TableAccess`. */
export interface Publish {
  operation: Operation;
  /** Absent when no entry point reaches the operation. */
  entryPoint?: EntryPoint;
  target: PublishTarget;
  hops: TargetHop[];
}

export interface GraphInput {
  code: CodeScan;
  infra: InfraScan;
}

export interface Graph {
  operations: Operation[];
  functions: CodeFunction[];
  exports: ExportFact[];
  tables: TableResource[];
  lambdas: LambdaResource[];
  queues: QueueResource[];
  topics: TopicResource[];
  entryPoints: EntryPoint[];
  lambdaLinks: LambdaLink[];
  /** DynamoDB operations only; SQS and SNS operations are in `publishes`. */
  accesses: TableAccess[];
  publishes: Publish[];
  sources: SourceStatus[];
  /** Templates read successfully; rules that compare code with templates need at least one. */
  templatesRead: number;
  accessesOf(operation: Operation): TableAccess[];
  accessesOfTable(table: TableResource): TableAccess[];
  /** The accesses of the code paths that start at this Lambda's entry point, in graph order. */
  accessesOfLambda(lambda: LambdaResource): TableAccess[];
  publishesOf(operation: Operation): Publish[];
  entryPointsReaching(operation: Operation): EntryPoint[];
  functionById(id: string): CodeFunction | undefined;
}
