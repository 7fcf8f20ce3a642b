import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../logger.js';
import type { SourceStatus } from '../source-status.js';
import { invalidUtf8Warning, readSourceText } from '../source-text.js';
import type { ReadFailures } from './discover-files.js';
import { discoverFiles, recordFailure } from './discover-files.js';
import { CODE_EXTENSIONS } from './module-resolution.js';
import { ModuleResolver } from './module-resolution.js';

/** The code files of one root and their text as read from disk, with a resolver over them. */
export interface SourceSnapshot {
  root: string;
  /** The `exclude` patterns the files were discovered with, as one key. */
  exclude: string;
  files: string[];
  sources: Map<string, string>;
  resolver: ModuleResolver;
  /** Whether `resolver` may serve the next scan: no file outside the code changed since. */
  resolverKey: string;
  /** Code files and folders that could not be read, by path. */
  failed?: Map<string, SourceStatus>;
}

export interface SnapshotUpdate {
  snapshot: SourceSnapshot;
  filesRead: number;
}

export interface SnapshotRequest {
  root: string;
  exclude: string[];
  logger: Logger;
  /** Paths (relative to the root) that changed since `previous`; absent when unknown. */
  changed?: ReadonlySet<string>;
}

/** Reads every code file under the root. */
export function readSnapshot(request: SnapshotRequest): SnapshotUpdate {
  const failures: ReadFailures = { logger: request.logger, failed: new Map() };
  const files = discoverFiles(request.root, request.exclude, failures);
  const sources = readSources(request.root, files, request.logger, undefined, failures.failed);
  const snapshot = withResolver(request, [...sources.keys()], sources);

  return { snapshot: { ...snapshot, failed: failures.failed }, filesRead: files.length };
}

/**
 * The snapshot after the changed paths: only they are read again, removed files are dropped,
 * and the tree is walked again only when a change may add a file to the list.
 */
export function updateSnapshot(
  previous: SourceSnapshot | undefined,
  request: SnapshotRequest,
): SnapshotUpdate {
  const { changed } = request;
  const key = excludeKey(request.exclude);
  if (!previous || !changed || previous.root !== request.root || previous.exclude !== key) {
    return readSnapshot(request);
  }

  const touched = touchedFiles(previous.files, changed);
  const failures: ReadFailures = { logger: request.logger, failed: new Map() };
  const walksAgain = mayAddFiles(request.root, previous, changed);
  const files = walksAgain
    ? discoverFiles(request.root, request.exclude, failures)
    : previous.files.filter(
        file => !touched.has(file) || existsSync(path.join(request.root, file)),
      );
  const reread = files.filter(file => touched.has(file) || !previous.sources.has(file));
  const fresh = readSources(request.root, reread, request.logger, undefined, failures.failed);
  const failed = walksAgain ? failures.failed : stillFailed(previous, touched, failures.failed);
  const sources = new Map<string, string>();
  for (const file of files) {
    const text = fresh.get(file) ?? (touched.has(file) ? undefined : previous.sources.get(file));
    if (text !== undefined) {
      sources.set(file, text);
    }
  }

  const snapshot =
    previous.resolverKey === resolverKeyOf([...sources.keys()]) && onlyCode(changed)
      ? { ...previous, files, sources }
      : withResolver(request, [...sources.keys()], sources);

  return { snapshot: { ...snapshot, failed }, filesRead: reread.length };
}

// Without a new walk, what could not be read before and was not touched since still cannot be.
function stillFailed(
  previous: SourceSnapshot,
  touched: Set<string>,
  fresh: Map<string, SourceStatus>,
): Map<string, SourceStatus> {
  const failed = new Map(fresh);
  for (const [failedPath, status] of previous.failed ?? []) {
    if (!touched.has(failedPath) && !failed.has(failedPath)) {
      failed.set(failedPath, status);
    }
  }

  return failed;
}

function withResolver(
  request: SnapshotRequest,
  files: string[],
  sources: Map<string, string>,
): SourceSnapshot {
  return {
    root: request.root,
    exclude: excludeKey(request.exclude),
    files,
    sources,
    resolver: new ModuleResolver(request.root, new Set(files)),
    resolverKey: resolverKeyOf(files),
  };
}

/**
 * Reads the files; one that cannot be read is a warning and goes to `failed`, and the scan goes
 * on without it. Text that is not UTF-8 is a warning too, and is read as far as it decodes.
 */
export function readSources(
  root: string,
  files: string[],
  logger: Logger,
  overlay?: ReadonlyMap<string, string>,
  failed: Map<string, SourceStatus> = new Map(),
): Map<string, string> {
  const sources = new Map<string, string>();
  for (const file of files) {
    const unsaved = overlay?.get(file);
    if (unsaved !== undefined) {
      sources.set(file, unsaved);
      continue;
    }

    const read = readSourceText(path.join(root, file));
    if (!read.ok) {
      recordFailure({ logger, failed }, file, read.reason);
      continue;
    }
    if (read.invalidUtf8Line !== undefined) {
      logger.warn(invalidUtf8Warning(file, read.invalidUtf8Line));
    }
    sources.set(file, read.text);
  }

  return sources;
}

// A changed path may be a folder (renamed or removed as a whole): every known file under it
// counts as changed.
function touchedFiles(files: string[], changed: ReadonlySet<string>): Set<string> {
  const folders = [...changed].map(changedPath => `${changedPath}/`);
  const under = files.filter(file => folders.some(folder => file.startsWith(folder)));

  return new Set([...changed, ...under]);
}

// Only a new code file, a new folder or a `.gitignore` can add to the list of code files; an
// edit of a known file or a removal cannot.
function mayAddFiles(
  root: string,
  previous: SourceSnapshot,
  changed: ReadonlySet<string>,
): boolean {
  const known = new Set(previous.files);

  return [...changed].some(
    changedPath =>
      path.posix.basename(changedPath) === '.gitignore' ||
      (!known.has(changedPath) &&
        (isCodePath(changedPath) || isFolder(path.join(root, changedPath)))),
  );
}

function isFolder(absolute: string): boolean {
  try {
    return statSync(absolute).isDirectory();
  } catch {
    return false;
  }
}

// A change outside the code (tsconfig.json, package.json) may change how imports resolve.
function onlyCode(changed: ReadonlySet<string>): boolean {
  return [...changed].every(isCodePath);
}

export function isCodePath(file: string): boolean {
  return CODE_EXTENSIONS.includes(path.posix.extname(file));
}

function resolverKeyOf(files: string[]): string {
  return files.join('\n');
}

function excludeKey(exclude: string[]): string {
  return JSON.stringify(exclude);
}
