import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../logger.js';
import type { SourceStatus } from '../source-status.js';
import type { CodeScan } from './facts.js';
import { discoverFiles, selectFilesToParse } from './discover-files.js';
import { extractFileFacts } from './extract-file-facts.js';
import type { FileFacts } from './file-facts.js';
import { linkProject } from './link-project.js';
import { ModuleResolver } from './module-resolution.js';

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
}

function readSources(
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

function sourceStatusOf(facts: FileFacts, logger: Logger): SourceStatus {
  if (facts.status === 'ok') {
    return { kind: 'code', path: facts.file, status: 'ok' };
  }

  logger.warn(
    `Skipped "${facts.file}": line ${facts.line}: ${facts.error}. Fix the syntax error or exclude the file.`,
  );

  return { kind: 'code', path: facts.file, status: 'failed', error: facts.error, line: facts.line };
}

/** Scans the JavaScript and TypeScript under `root` for DynamoDB operations, code functions and exports. */
export async function scanCode(root: string, options: ScanCodeOptions): Promise<CodeScan> {
  const started = performance.now();
  const discovered = discoverFiles(root, options.exclude);
  const files = [...new Set([...discovered, ...(options.overlay?.keys() ?? [])])].sort();
  const sources = readSources(root, files, options.logger, options.overlay);
  const resolver = new ModuleResolver(root, new Set(sources.keys()));
  const resolve = (fromFile: string, specifier: string) => resolver.resolve(fromFile, specifier);
  const selected = [...selectFilesToParse(sources, resolve, options.entryFiles)].sort();

  const facts = selected.map(file => extractFileFacts(file, sources.get(file)!));
  const sourceStatuses = facts.map(fileFacts => sourceStatusOf(fileFacts, options.logger));
  const linked = linkProject(facts, resolve);

  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  options.logger.step(
    `code: ${selected.length} of ${files.length} files parsed in ${seconds}s, ${linked.operations.length} operations`,
  );

  return await Promise.resolve({
    sources: sourceStatuses,
    ...linked,
    filesScanned: selected.length,
    filesFound: files.length,
  });
}
