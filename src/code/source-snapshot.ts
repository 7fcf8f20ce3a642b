import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../logger.js';
import { discoverFiles } from './discover-files.js';
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
  const files = discoverFiles(request.root, request.exclude);
  const sources = readSources(request.root, files, request.logger);

  return {
    snapshot: withResolver(request, [...sources.keys()], sources),
    filesRead: files.length,
  };
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
  const files = mayAddFiles(request.root, previous, changed)
    ? discoverFiles(request.root, request.exclude)
    : previous.files.filter(
        file => !touched.has(file) || existsSync(path.join(request.root, file)),
      );
  const reread = files.filter(file => touched.has(file) || !previous.sources.has(file));
  const fresh = readSources(request.root, reread, request.logger);
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

  return { snapshot, filesRead: reread.length };
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

/** Reads the files; one that cannot be read is a warning, and the scan goes on without it. */
export function readSources(
  root: string,
  files: string[],
  logger: Logger,
  overlay?: ReadonlyMap<string, string>,
): Map<string, string> {
  const sources = new Map<string, string>();
  for (const file of files) {
    const unsaved = overlay?.get(file);
    if (unsaved !== undefined) {
      sources.set(file, unsaved);
      continue;
    }
    try {
      sources.set(file, readFileSync(path.join(root, file), 'utf8'));
    } catch (error) {
      logger.warn(
        `Skipped "${file}": it could not be read (${String(error)}). Check its permissions or exclude the file.`,
      );
    }
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
