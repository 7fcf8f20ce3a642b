import type { CacheUse } from '../analysis-cache.js';
import type { Analysis } from '../analyze.js';
import type { SourceStatus } from '../source-status.js';

/** Every kind of source infrawise can read; each answer reports all of them, read or not. */
export const SOURCE_KINDS = [
  'code',
  'cloudformation',
  'cdk',
  'serverless',
  'terraform',
  'config',
] as const satisfies readonly SourceStatus['kind'][];

export type SourceState = 'ok' | 'failed' | 'not configured';

export interface SourceReport {
  kind: SourceStatus['kind'];
  status: SourceState;
  /** Files of this kind that were read without error. */
  filesRead: number;
  failed: Array<{ path: string; error: string; line?: number }>;
}

/** The fixed-shape block every answer carries, so an empty answer is never an unread source. */
export interface GraphStatus {
  root: string;
  builtAt: string;
  durationMs: number;
  /** How this build got its facts: the code files read and parsed again, the infrastructure. */
  update: CacheUse;
  sources: SourceReport[];
}

export function graphStatusOf(analysis: Analysis, builtAt: Date): GraphStatus {
  return {
    root: analysis.root,
    builtAt: builtAt.toISOString(),
    durationMs: analysis.summary.durationMs,
    update: analysis.cacheUse ?? uncachedUse(analysis),
    sources: SOURCE_KINDS.map(kind => sourceReport(kind, analysis.sources)),
  };
}

// Without a cache every code file was read and the selected ones parsed.
function uncachedUse(analysis: Analysis): CacheUse {
  const { filesScanned } = analysis.summary;

  return { infrastructure: 'read', filesRead: filesScanned, filesParsed: filesScanned };
}

function sourceReport(kind: SourceStatus['kind'], sources: SourceStatus[]): SourceReport {
  const ofKind = sources.filter(source => source.kind === kind);
  const failed = ofKind
    .filter(source => source.status === 'failed')
    .map(source => ({
      path: source.path,
      error: source.error ?? 'unknown error',
      ...(source.line === undefined ? {} : { line: source.line }),
    }));
  const filesRead = ofKind.length - failed.length;
  const status: SourceState =
    failed.length > 0 ? 'failed' : filesRead > 0 ? 'ok' : 'not configured';

  return { kind, status, filesRead, failed };
}

/** One line per answer: `graph built 2025-01-01T10:00:00.000Z; code ok (12), cdk not configured`. */
export function formatGraphStatus(status: GraphStatus): string {
  const sources = status.sources.map(source => {
    if (source.status === 'not configured') {
      return source.kind === 'config'
        ? 'config defaults (no infrawise.yaml)'
        : `${source.kind} not configured`;
    }
    const failures = source.failed.map(
      failure => `${failure.path}${failure.line ? `:${failure.line}` : ''}: ${failure.error}`,
    );
    const detail = failures.length > 0 ? `; ${failures.join('; ')}` : '';
    return `${source.kind} ${source.status} (${source.filesRead} read${detail})`;
  });

  const { update } = status;
  const parsed = `${update.filesParsed} code file${update.filesParsed === 1 ? '' : 's'} parsed`;
  const reread = `${parsed}, infrastructure ${update.infrastructure}`;

  return `graph built ${status.builtAt} from ${status.root} (${reread}); sources: ${sources.join(', ')}`;
}
