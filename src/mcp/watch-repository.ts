import { relative, sep } from 'node:path';
import { watch } from 'chokidar';
import type { Logger } from '../logger.js';

// Dependencies and version control change often and hold nothing infrawise reads; watching them
// would cost a file handle per directory and rebuild the graph for nothing.
const UNWATCHED = new Set(['node_modules', '.git', 'coverage', '.aws-sam']);

export interface RepositoryWatcher {
  /** Settles once the first walk is done; edits made before it may go unnoticed. */
  ready: Promise<void>;
  close(): Promise<void>;
}

/**
 * Calls `onChange` with the path (relative to `root`) of every file added, changed or removed,
 * and of every folder added or removed.
 */
export function watchRepository(
  root: string,
  onChange: (file: string) => void,
  logger: Logger,
): RepositoryWatcher {
  const watcher = watch(root, {
    ignoreInitial: true,
    ignored: path =>
      relative(root, path)
        .split(sep)
        .some(part => UNWATCHED.has(part)),
  });
  const report = (path: string) => onChange(relative(root, path).split(sep).join('/'));
  watcher.on('add', report).on('change', report).on('unlink', report);
  watcher.on('addDir', report).on('unlinkDir', report);
  watcher.on('error', error => {
    logger.warn(
      `mcp: watching "${root}" failed (${String(error)}); answers may lag behind edits until the server restarts.`,
    );
  });

  const ready = new Promise<void>(resolve => watcher.once('ready', () => resolve()));

  return { ready, close: () => watcher.close() };
}
