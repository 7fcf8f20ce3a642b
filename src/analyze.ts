import { resolve } from 'node:path';
import type { CodeScan } from './code/facts.js';
import { scanCode } from './code/scan-code.js';
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
import type { SourceStatus } from './source-status.js';

export interface Analysis {
  root: string;
  graph: Graph;
  findings: Finding[];
  sources: SourceStatus[];
  summary: AnalysisSummary;
}

export interface AnalysisSummary {
  filesScanned: number;
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
  const infra = await timed('infrastructure', logger, () =>
    scanInfra(absoluteRoot, { logger, exclude: config.exclude }),
  );
  const entryFiles = handlerFilesOf(infra);
  const code = await timed('code', logger, () =>
    scanCode(absoluteRoot, {
      logger,
      exclude: config.exclude,
      overlay: options.overlay,
      entryFiles,
    }),
  );

  const graph = buildGraph({ code, infra });
  logger.step(
    `graph: ${graph.entryPoints.length} entry points, ${graph.accesses.length} table accesses`,
  );
  const raw = runRules(RULES, graph, {
    overrides: config.overrides,
    ruleOptions: config.ruleOptions,
  });
  const readFiles = graph.sources
    .filter(source => source.status === 'ok')
    .map(source => source.path);
  const suppressions = await readSuppressions(absoluteRoot, readFiles);
  const findings = applySuppressions(raw, suppressions).filter(
    finding => config.overrides[finding.ruleId] !== 'off',
  );
  const sources = [...(config.path ? [configSource(config.path)] : []), ...graph.sources];

  return {
    root: absoluteRoot,
    graph,
    findings,
    sources,
    summary: summarise(code, infra, graph, findings, performance.now() - started),
  };
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
