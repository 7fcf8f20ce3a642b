import { resolve } from 'node:path';
import type { AnalysisCache, CacheUse } from './analysis-cache.js';
import type { CodeScan } from './code/facts.js';
import { scanCode } from './code/scan-code.js';
import { cappedErrorText } from './error-text.js';
import { plural } from './plural.js';
import type { Config } from './config/load-config.js';
import { buildGraph } from './graph/build-graph.js';
import type { Graph } from './graph/graph.js';
import type { InfraScan } from './iac/resources.js';
import { scanInfra } from './iac/scan-infra.js';
import type { Logger } from './logger.js';
import type { Finding } from './rules/finding.js';
import { RULES } from './rules/registry.js';
import { applySuppressions } from './rules/apply-suppressions.js';
import { runRules } from './rules/run-rules.js';
import { readSuppressions } from './suppressions/read-suppressions.js';
import type { Suppression } from './suppressions/read-suppressions.js';
import type { SourceStatus } from './source-status.js';

export interface Analysis {
  root: string;
  graph: Graph;
  findings: Finding[];
  sources: SourceStatus[];
  summary: AnalysisSummary;
  /** What a run with a cache read again and what it reused; absent without a cache. */
  cacheUse?: CacheUse;
}

export interface AnalysisSummary {
  filesScanned: number;
  /** Code files found, whether or not they use an AWS SDK and were scanned. */
  filesFound: number;
  templatesRead: number;
  sourcesFailed: number;
  operations: number;
  operationsResolved: number;
  tables: number;
  lambdas: number;
  lambdasLinked: number;
  findings: { high: number; medium: number; low: number };
  durationMs: number;
}

export interface AnalyzeOptions {
  /** Code file contents (by path relative to the root) read instead of the disk: unsaved edits. */
  overlay?: ReadonlyMap<string, string>;
  /** What earlier runs on this root kept; unchanged files are neither read nor parsed again. */
  cache?: AnalysisCache;
  /** Paths (relative to the root) changed since the cache's last run; absent when unknown. */
  changed?: ReadonlySet<string>;
  /**
   * A folder to read the infrastructure from instead of the root, laid out like it: a copy
   * holding a proposed template. Code is still read from the root.
   */
  infraRoot?: string;
}

/** Runs the whole pipeline on one root: sources, graph, rules. */
export async function analyze(
  root: string,
  config: Config,
  logger: Logger,
  options: AnalyzeOptions = {},
): Promise<Analysis> {
  const started = performance.now();
  const absoluteRoot = resolve(root);
  const { infra, infraReused, code } = await scanSources(absoluteRoot, config, logger, options);

  const graph = buildGraph({ code, infra });
  logger.step(
    `graph: ${plural(graph.entryPoints.length, 'entry point')}, ${plural(graph.accesses.length, 'table access', 'table accesses')}`,
  );
  const raw = runRules(RULES, graph, {
    overrides: config.overrides,
    ruleOptions: config.ruleOptions,
  });
  const suppressions = await suppressionsOf(absoluteRoot, graph, options);
  const findings = applySuppressions(raw, suppressions).filter(
    finding => config.overrides[finding.ruleId] !== 'off',
  );
  const sources = [...(config.path ? [configSource(config.path)] : []), ...graph.sources].map(
    withCappedError,
  );

  return {
    root: absoluteRoot,
    graph,
    findings,
    sources,
    summary: summarise(code, infra, graph, findings, performance.now() - started),
    ...(options.cache ? { cacheUse: cacheUseOf(options.cache, infraReused) } : {}),
  };
}

// Infrastructure comes first: the handlers it names are code files to parse whatever the
// pre-filter says.
async function scanSources(
  root: string,
  config: Config,
  logger: Logger,
  options: AnalyzeOptions,
): Promise<{ infra: InfraScan; infraReused: boolean; code: CodeScan }> {
  const reused = options.infraRoot
    ? undefined
    : options.cache?.reusableInfra(root, config.exclude, options.changed);
  if (reused) {
    logger.step('infrastructure: reused, no infrastructure file changed');
  }
  const infraRoot = options.infraRoot ? resolve(options.infraRoot) : root;
  const infra =
    reused ??
    (await timed('infrastructure', logger, () => readInfra(infraRoot, config, logger, options)));

  const code = await timed('code', logger, () =>
    scanCode(root, {
      logger,
      exclude: config.exclude,
      overlay: options.overlay,
      entryFiles: handlerFilesOf(infra),
      cache: options.cache?.code,
      changed: options.changed,
    }),
  );

  return { infra, infraReused: reused !== undefined, code };
}

async function readInfra(
  root: string,
  config: Config,
  logger: Logger,
  options: AnalyzeOptions,
): Promise<InfraScan> {
  const timeout =
    config.readerTimeoutMs === undefined ? {} : { readerTimeoutMs: config.readerTimeoutMs };
  const infra = await scanInfra(root, { logger, exclude: config.exclude, ...timeout });
  options.cache?.keepInfra(root, config.exclude, infra);

  return infra;
}

// With a cache the code files' text is at hand; reading it again for suppression comments
// would cost as much as the scan saved. Infrastructure files are read where they were scanned.
async function suppressionsOf(
  root: string,
  graph: Graph,
  options: AnalyzeOptions,
): Promise<Suppression[]> {
  const read = graph.sources.filter(source => source.status === 'ok');
  const known = knownTexts(root, options);
  if (!options.infraRoot) {
    return readSuppressions(
      root,
      read.map(source => source.path),
      known,
    );
  }

  const code = read.filter(source => source.kind === 'code').map(source => source.path);
  const infra = read.filter(source => source.kind !== 'code').map(source => source.path);
  const [inCode, inInfra] = await Promise.all([
    readSuppressions(root, code, known),
    readSuppressions(resolve(options.infraRoot), infra),
  ]);

  return [...inCode, ...inInfra];
}

function knownTexts(
  root: string,
  options: AnalyzeOptions,
): ReadonlyMap<string, string> | undefined {
  const snapshot = options.cache?.code.snapshot;
  if (snapshot?.root !== root) {
    return undefined;
  }

  return options.overlay ? new Map([...snapshot.sources, ...options.overlay]) : snapshot.sources;
}

function cacheUseOf(cache: AnalysisCache, infraReused: boolean): CacheUse {
  return { infrastructure: infraReused ? 'reused' : 'read', ...cache.code.lastScan };
}

async function timed<T>(stage: string, logger: Logger, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await run();
  logger.step(`${stage}: done in ${((performance.now() - started) / 1000).toFixed(2)}s`);

  return result;
}

function handlerFilesOf(infra: InfraScan): string[] {
  return infra.resources.flatMap(resource =>
    resource.kind === 'lambda' ? (resource.handler?.files ?? []) : [],
  );
}

// Every output quotes a source's error; a parser's report on a binary file would fill a screen.
function withCappedError(source: SourceStatus): SourceStatus {
  return source.error === undefined ? source : { ...source, error: cappedErrorText(source.error) };
}

function configSource(path: string): SourceStatus {
  return { kind: 'config', path, status: 'ok' };
}

function summarise(
  code: CodeScan,
  infra: InfraScan,
  graph: Graph,
  findings: Finding[],
  durationMs: number,
): AnalysisSummary {
  const resolvedIds = new Set(
    graph.accesses
      .filter(access => access.target.kind === 'table')
      .map(access => access.operation.id),
  );
  const count = (severity: Finding['severity']) =>
    findings.filter(finding => finding.severity === severity).length;

  return {
    filesScanned: code.filesScanned,
    filesFound: code.filesFound,
    templatesRead: infra.templatesRead,
    sourcesFailed: graph.sources.filter(source => source.status === 'failed').length,
    operations: code.operations.length,
    operationsResolved: resolvedIds.size,
    tables: graph.tables.length,
    lambdas: graph.lambdas.length,
    lambdasLinked: graph.lambdaLinks.filter(link => link.entryPoint).length,
    findings: { high: count('high'), medium: count('medium'), low: count('low') },
    durationMs: Math.round(durationMs),
  };
}
