import type { Location } from '../location.js';
import type { Action, BatchSize, EachLoop, ResolutionHop, ResultUse } from './facts.js';

/**
 * A value as one file sees it, before the project is linked. Imports, wrapper parameters and
 * input objects stay symbolic here so per-file facts depend only on the file's own text.
 */
export type Symbolic =
  | { kind: 'literal'; value: string; hops?: ResolutionHop[] }
  | { kind: 'env'; name: string; hops?: ResolutionHop[] }
  | { kind: 'template'; parts: Symbolic[]; hops?: ResolutionHop[] }
  | { kind: 'fallback'; options: Symbolic[]; hops?: ResolutionHop[] }
  | { kind: 'unresolved'; text: string; hops?: ResolutionHop[] }
  | ImportRef
  | ParamRef
  | {
      kind: 'object';
      entries: ObjectEntry[];
      spreads: Symbolic[];
      text: string;
      hops?: ResolutionHop[];
    }
  | { kind: 'array'; elements: Symbolic[]; text: string; hops?: ResolutionHop[] };

export interface ObjectEntry {
  key: Symbolic;
  value: Symbolic;
  /** Where the property is written, for findings about one attribute. */
  location?: Location;
}

/** A binding imported from another module, read through `path` (`TABLES.orders`). */
export interface ImportRef {
  kind: 'import';
  file: string;
  source: string;
  name: string;
  path: string[];
  text: string;
  hops?: ResolutionHop[];
}

/** A parameter of a code function, read through `path`; call sites supply it. */
export interface ParamRef {
  kind: 'param';
  file: string;
  codeFunction: string;
  index: number;
  path: string[];
  text: string;
  fallback?: Symbolic;
  hops?: ResolutionHop[];
}

/** What a call points at, as far as one file can tell. */
export type CalleeRef =
  | { kind: 'local'; name: string }
  | { kind: 'import'; source: string; name: string; path: string[] }
  | { kind: 'instance'; classRef: CalleeRef; method: string }
  | { kind: 'construct'; classRef: CalleeRef };

export interface CallSite {
  callee: CalleeRef;
  args: Symbolic[];
  location: Location;
  codeFunction: string;
  inLoop: boolean;
  eachLoop?: EachLoop;
  resultUse: ResultUse;
}

/** An SDK call recognised inside one file. */
export interface SdkSite {
  sdkName: string;
  action: Action;
  viaPaginator: boolean;
  input: Symbolic;
  location: Location;
  codeFunction: string;
  inLoop: boolean;
  eachLoop?: EachLoop;
  resultUse: ResultUse;
  batchSize?: BatchSize;
}

/** A method call on an imported binding that is a DynamoDB client if the import turns out to be one. */
export interface ImportedClientCall {
  receiver: ImportRef;
  method: string;
  input: Symbolic;
  location: Location;
  codeFunction: string;
  inLoop: boolean;
  eachLoop?: EachLoop;
  resultUse: ResultUse;
}

export type ClientKind =
  'v2-document' | 'v2-low-level' | 'v3-low-level' | 'v3-document' | 'sqs' | 'sns';

export interface ExportEntry {
  name: string;
  /** Module-level binding the export names; absent for a re-export. */
  local?: string;
  source?: string;
  imported?: string;
  location: Location;
}

export interface FunctionFacts {
  name: string;
  location: Location;
  calls: CalleeRef[];
  returnsBatchItemFailures?: boolean;
  responseFields?: string[];
}

export interface ConstantFacts {
  value: Symbolic;
  location: Location;
}

/** Everything the scanner learns from one file: a pure, serialisable function of path and text. */
export interface FileFacts {
  file: string;
  status: 'ok' | 'failed';
  error?: string;
  line?: number;
  importSources: string[];
  functions: FunctionFacts[];
  constants: Record<string, ConstantFacts>;
  clients: Record<string, ClientKind>;
  instances: Record<string, CalleeRef>;
  exports: ExportEntry[];
  starExports: string[];
  sdkSites: SdkSite[];
  importedClientCalls: ImportedClientCall[];
  callSites: CallSite[];
}
