import type { Logger } from '../logger.js';
import type { SourceStatus } from '../source-status.js';
import type { CodeScan } from './facts.js';
import { plural } from '../plural.js';
import type { ReadFailures } from './discover-files.js';
import { discoverFiles, selectFilesToParse } from './discover-files.js';
import { extractFileFacts } from './extract-file-facts.js';
import type { FactsCache } from './facts-cache.js';
import type { FileFacts } from './file-facts.js';
import { linkProject } from './link-project.js';
import { ModuleResolver } from './module-resolution.js';
import { readSources, updateSnapshot } from './source-snapshot.js';
import type { SourceSnapshot } from './source-snapshot.js';

export interface ScanCodeOptions {
  logger: Logger;
  /** Gitignore-style patterns, relative to the root, of files to leave out. */
  exclude?: string[];
  /** File contents (by path relative to the root) read instead of the disk: unsaved edits. */
  overlay?: ReadonlyMap<string, string>;
  /**
   * Files to parse whatever the pre-filter says: the handlers that infrastructure names, which
   * may touch no SDK themselves (a queue consumer that only returns batchItemFailures).
   */
  entryFiles?: string[];
  /** Facts and sources kept from earlier scans; unchanged files are neither read nor parsed. */
  cache?: FactsCache;
  /** Paths (relative to the root) changed since the cache's last scan; absent when unknown. */
  changed?: ReadonlySet<string>;
}

/** The code files of one scan: their text, and how imports between them resolve. */
interface ScanInput {
  files: string[];
  sources: Map<string, string>;
  resolver: ModuleResolver;
  filesRead: number;
  /** Code files and folders that could not be read, by path. */
  failed?: Map<string, SourceStatus>;
}

function sourceStatusOf(facts: FileFacts, logger: Logger): SourceStatus {
  if (facts.status === 'ok') {
    return { kind: 'code', path: facts.file, status: 'ok' };
  }

  logger.warn(
    `Skipped "${facts.file}": line ${facts.line}: ${facts.error}. Fix the syntax error or exclude the file.`,
  );

  return { kind: 'code', path: facts.file, status: 'failed', error: facts.error, line: facts.line };
}

function readInput(root: string, options: ScanCodeOptions): ScanInput {
  const failures: ReadFailures = { logger: options.logger, failed: new Map() };
  const discovered = discoverFiles(root, options.exclude, failures);
  const files = [...new Set([...discovered, ...(options.overlay?.keys() ?? [])])].sort();
  const sources = readSources(root, files, options.logger, options.overlay, failures.failed);
  const resolver = new ModuleResolver(root, new Set(sources.keys()));

  return { files, sources, resolver, filesRead: files.length, failed: failures.failed };
}

// Only a scan of the cache's own root from the disk as it is keeps its state: an unsaved edit,
// or a temporary copy of the repository, only borrows the cached facts.
function keepsState(root: string, options: ScanCodeOptions, cache: FactsCache): boolean {
  return cache.root === root && options.overlay === undefined;
}

function readInputWithCache(root: string, options: ScanCodeOptions, cache: FactsCache): ScanInput {
  const { snapshot, filesRead } = updateSnapshot(cache.root === root ? cache.snapshot : undefined, {
    root,
    exclude: options.exclude ?? [],
    logger: options.logger,
    changed: options.changed,
  });
  if (keepsState(root, options, cache)) {
    cache.snapshot = snapshot;
    cache.retain(new Set(snapshot.files));
  }

  return { ...withOverlay(root, snapshot, options.overlay), filesRead };
}

function withOverlay(
  root: string,
  snapshot: SourceSnapshot,
  overlay: ReadonlyMap<string, string> | undefined,
): Omit<ScanInput, 'filesRead'> {
  if (!overlay || overlay.size === 0) {
    return snapshot;
  }

  const sources = new Map([...snapshot.sources, ...overlay]);
  const files = [...new Set([...snapshot.files, ...overlay.keys()])].sort();
  const isNewFile = [...overlay.keys()].some(file => !snapshot.sources.has(file));
  const resolver = isNewFile
    ? new ModuleResolver(root, new Set(sources.keys()))
    : snapshot.resolver;

  return { files, sources, resolver, ...(snapshot.failed ? { failed: snapshot.failed } : {}) };
}

function extractAll(
  selected: string[],
  sources: Map<string, string>,
  options: ScanCodeOptions,
): { facts: FileFacts[]; parsed: number } {
  const { cache } = options;
  if (!cache) {
    return {
      facts: selected.map(file => extractFileFacts(file, sources.get(file)!)),
      parsed: selected.length,
    };
  }

  // Facts are keyed by text, so any scan may add to them, except with text nobody saved.
  let parsed = 0;
  const facts = selected.map(file => {
    const found = cache.factsOf(file, sources.get(file)!, !options.overlay?.has(file));
    parsed += found.parsed ? 1 : 0;
    return found.facts;
  });

  return { facts, parsed };
}

/** Scans the JavaScript and TypeScript under `root` for DynamoDB operations, code functions and exports. */
export async function scanCode(root: string, options: ScanCodeOptions): Promise<CodeScan> {
  const started = performance.now();
  const { cache } = options;
  const input = cache ? readInputWithCache(root, options, cache) : readInput(root, options);
  const { files, sources, resolver } = input;
  const resolve = (fromFile: string, specifier: string) => resolver.resolve(fromFile, specifier);
  const selected = [...selectFilesToParse(sources, resolve, options.entryFiles)].sort();

  const { facts, parsed } = extractAll(selected, sources, options);
  const sourceStatuses = facts.map(fileFacts => sourceStatusOf(fileFacts, options.logger));
  const linked = linkProject(facts, resolve);
  if (cache) {
    cache.lastScan = { filesRead: input.filesRead, filesParsed: parsed };
  }

  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  const reused = cache ? `, ${input.filesRead} read, ${selected.length - parsed} facts reused` : '';
  const unread = [...(input.failed?.values() ?? [])];
  const found = `${plural(files.length, 'file')} found, ${unread.length} not read, ${selected.length} of them use an AWS SDK or the environment`;
  options.logger.step(
    `code: ${found}; ${parsed} parsed in ${seconds}s${reused}, ${plural(linked.operations.length, 'operation')}`,
  );

  return await Promise.resolve({
    sources: [...unread, ...sourceStatuses],
    ...linked,
    filesScanned: selected.length,
    filesFound: files.length,
  });
}
