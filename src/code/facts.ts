import type { Location } from '../location.js';
import type { SourceStatus } from '../source-status.js';

export type Service = 'dynamodb';

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
  | 'batch-execute-statement';

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
  /** Reached through a paginator (`paginateQuery`, `paginateScan`). */
  viaPaginator: boolean;
  /**
   * Where the operation is reported. For an SDK call inside a wrapper whose input comes from the
   * wrapper's parameters, one operation is emitted per call site and this is the call site.
   */
  location: Location;
  /** The SDK call itself, when `location` is a wrapper's call site. */
  sdkLocation?: Location;
  /** Id of the code function the operation sits in (the caller, for a wrapper call site). */
  codeFunction: string;
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
