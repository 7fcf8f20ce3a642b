import type { Location } from '../location.js';
import type { SourceStatus } from '../source-status.js';

export type Service = 'dynamodb' | 'sqs' | 'sns';

export type Action =
  | 'get'
  | 'put'
  | 'update'
  | 'delete'
  | 'query'
  | 'scan'
  | 'batch-get'
  | 'batch-write'
  | 'transact-get'
  | 'transact-write'
  | 'execute-statement'
  | 'batch-execute-statement'
  | 'send'
  | 'send-batch'
  | 'publish'
  | 'publish-batch';

export type Access = 'read' | 'write' | 'query' | 'scan';

/**
 * What an operation names, after code-level resolution (literals, constants, imports, wrapper
 * arguments). Environment variables stay symbolic: which table they name depends on the Lambda
 * whose code path reaches the operation, so the graph resolves them.
 */
export type Value =
  | { kind: 'literal'; value: string }
  | { kind: 'env'; name: string }
  | { kind: 'template'; parts: Value[] }
  | { kind: 'fallback'; options: Value[] }
  | { kind: 'unresolved'; text: string };

/** A loop that runs an operation once per element of a collection. */
export interface EachLoop {
  /** The `for` statement, or the `map`/`forEach` call whose callback holds the operation. */
  location: Location;
  /** A `map`/`forEach` callback, whose operations run side by side rather than one by one. */
  parallel: boolean;
}

/**
 * How the code around an operation uses its response: drops it, returns it to the caller, reads
 * only the first of its `Items`, or reads it some other way.
 */
export type ResultUse = 'discarded' | 'returned' | 'first-item' | 'read';

/** How many requests a batch input holds per table, when its code shows it. */
export type BatchSize =
  | { kind: 'count'; count: number }
  /** Built from a whole collection (`event.items.map(...)`) with no chunking before it. */
  | { kind: 'unbounded'; text: string; location: Location };

/** The value code gives one attribute of a written item or key, and where. */
export interface AttributeValue {
  value: Value;
  location?: Location;
}

/** One step a resolution took, kept as evidence for findings. */
export interface ResolutionHop {
  description: string;
  location: Location;
}

export interface Operation {
  /** Stable within a scan: file:line:column of `location`. */
  id: string;
  service: Service;
  action: Action;
  access: Access;
  /** The SDK name as written: `QueryCommand`, `query`, `paginateScan`. */
  sdkName: string;
  target: Value;
  /** Source text of the target expression, for messages when it is unresolved. */
  targetText: string;
  indexName?: Value;
  /** Attribute names of the KeyConditionExpression, with ExpressionAttributeNames applied. */
  keyAttributes: string[];
  hasFilter: boolean;
  hasLimit: boolean;
  inLoop: boolean;
  /** The per-element loop around the operation (or around the wrapper's call site). */
  eachLoop?: EachLoop;
  /** Reached through a paginator (`paginateQuery`, `paginateScan`). */
  viaPaginator: boolean;
  /** A ConditionExpression (or legacy Expected) guards the write. */
  hasCondition?: boolean;
  /**
   * Attribute values of `Key` (get, update, delete) or `Item` (put), by attribute name, as far as
   * they resolve; a DynamoDB JSON value such as `{ S: 'x' }` is read as its inner value.
   */
  keyValues?: Record<string, AttributeValue>;
  /** How the response is used where the operation is reported. */
  resultUse?: ResultUse;
  /** For batch-get and batch-write: the largest number of requests for one table. */
  batchSize?: BatchSize;
  /**
   * Where the operation is reported. For an SDK call inside a wrapper whose input comes from the
   * wrapper's parameters, one operation is emitted per call site and this is the call site.
   */
  location: Location;
  /** The SDK call itself, when `location` is a wrapper's call site. */
  sdkLocation?: Location;
  /** Id of the code function the operation sits in (the caller, for a wrapper call site). */
  codeFunction: string;
  /** Id of the code function holding the SDK call, when `location` is a wrapper's call site. */
  sdkCodeFunction?: string;
  hops: ResolutionHop[];
}

export interface CodeFunction {
  /** `${file}#${name}`. */
  id: string;
  file: string;
  /** Qualified name: `handler`, `OrderRepository.setStatus`, `default`. */
  name: string;
  location: Location;
  /** Ids of code functions this one calls, across modules. */
  calls: string[];
  /**
   * True when the code function returns an object literal with a `batchItemFailures` property,
   * directly or through a local variable: a partial batch response for SQS, Kinesis or streams.
   */
  returnsBatchItemFailures?: boolean;
  /** Calls this code function makes once per element of a loop, to code functions by id. */
  loopCalls?: LoopCall[];
  /**
   * DynamoDB response and paging fields the code function names (`LastEvaluatedKey`,
   * `ExclusiveStartKey`, `UnprocessedItems`, `UnprocessedKeys`): evidence that it pages or retries.
   */
  responseFields?: string[];
}

export interface LoopCall {
  callee: string;
  location: Location;
  loop: EachLoop;
}

/** A name a module exports and the code function it stands for, when it is one. */
export interface ExportFact {
  file: string;
  name: string;
  codeFunction?: string;
  location: Location;
}

export interface CodeScan {
  sources: SourceStatus[];
  functions: CodeFunction[];
  operations: Operation[];
  exports: ExportFact[];
  /** Files that passed the pre-filter and were parsed. */
  filesScanned: number;
  /** Files found under the root, before the pre-filter. */
  filesFound: number;
}
