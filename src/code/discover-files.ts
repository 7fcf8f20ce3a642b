import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ignore from 'ignore';
import type { Ignore } from 'ignore';
import type { Logger } from '../logger.js';
import type { SourceStatus } from '../source-status.js';
import { unreadableFolderReason } from '../source-text.js';
import { CODE_EXTENSIONS } from './module-resolution.js';

/** Where a walk and the reads after it put what they could not read, by path. */
export interface ReadFailures {
  logger: Logger;
  failed: Map<string, SourceStatus>;
}

/** Warns about a path that could not be read and keeps it as a failed code source. */
export function recordFailure(failures: ReadFailures, path: string, reason: string): void {
  failures.logger.warn(`Skipped "${path}": ${reason}`);
  failures.failed.set(path, { kind: 'code', path, status: 'failed', error: reason });
}

const SKIPPED_DIRECTORIES = new Set([
  'node_modules',
  'dist',
  'build',
  '.aws-sam',
  'cdk.out',
  '.serverless',
  'coverage',
  '.git',
]);

/** A `.gitignore` and the directory its patterns are relative to. */
interface IgnoreScope {
  base: string;
  rules: Ignore;
}

function isCodeFile(name: string): boolean {
  return (
    !name.endsWith('.d.ts') &&
    !/\.d\.[mc]ts$/.test(name) &&
    CODE_EXTENSIONS.includes(path.extname(name))
  );
}

function readGitignore(directory: string): Ignore | undefined {
  try {
    return ignore().add(readFileSync(path.join(directory, '.gitignore'), 'utf8'));
  } catch {
    return undefined;
  }
}

function isIgnored(relative: string, isDirectory: boolean, scopes: IgnoreScope[]): boolean {
  return scopes.some(scope => {
    const inScope = scope.base === '' ? relative : relative.slice(scope.base.length + 1);
    return scope.rules.ignores(isDirectory ? `${inScope}/` : inScope);
  });
}

/**
 * Lists the code files under `root` (relative, `/`-separated, sorted), leaving out dependencies,
 * build output, `.d.ts` files and whatever `.gitignore` files or `exclude` patterns name. A
 * folder below the root that cannot be listed goes to `failures`; without them it throws.
 */
export function discoverFiles(
  root: string,
  exclude: string[] = [],
  failures?: ReadFailures,
): string[] {
  const found: string[] = [];
  const excluded: IgnoreScope = { base: '', rules: ignore().add(exclude) };
  const visit = (relativeDirectory: string, scopes: IgnoreScope[]): void => {
    const directory = path.join(root, relativeDirectory);
    const local = readGitignore(directory);
    const inScope = local ? [...scopes, { base: relativeDirectory, rules: local }] : scopes;
    const entries = listFolder(directory, relativeDirectory, failures);
    for (const entry of entries) {
      const relative = relativeDirectory === '' ? entry.name : `${relativeDirectory}/${entry.name}`;
      if (
        entry.isDirectory() &&
        !SKIPPED_DIRECTORIES.has(entry.name) &&
        !isIgnored(relative, true, inScope)
      ) {
        visit(relative, inScope);
      } else if (entry.isFile() && isCodeFile(entry.name) && !isIgnored(relative, false, inScope)) {
        found.push(relative);
      }
    }
  };
  visit('', [excluded]);

  return found.sort();
}

// The code walk enters every folder an infrastructure reader does, so it alone reports one that
// cannot be listed; the root itself is checked before the run starts.
function listFolder(directory: string, relativeDirectory: string, failures?: ReadFailures) {
  try {
    return readdirSync(directory, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    );
  } catch (error) {
    if (!failures || relativeDirectory === '') {
      throw error;
    }
    recordFailure(failures, relativeDirectory, unreadableFolderReason(error));
    return [];
  }
}

// A partial batch response matters to rules even in a handler that touches no SDK; an ORM model
// (Dynamoose `model('Cats', ...)`) may name its table without any SDK import or environment read.
const MENTIONS_SDK_OR_ENV =
  /aws-sdk|process\.env|batchItemFailures|electrodb|dynamodb-toolbox|dynamoose/;

const IMPORT_SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)['"]([^'"\n]+)['"]/g;

/** Import specifiers found by a text scan, cheap enough to run on every file. */
export function importSpecifiers(source: string): string[] {
  return [...source.matchAll(IMPORT_SPECIFIER)].map(match => match[1]!);
}

/**
 * The files worth parsing: those that mention an SDK or the environment, the files that import
 * them (directly or not), and every file those import.
 */
export function selectFilesToParse(
  sources: Map<string, string>,
  resolve: (fromFile: string, specifier: string) => string | undefined,
  entryFiles: string[] = [],
): Set<string> {
  const imports = new Map<string, string[]>();
  const importers = new Map<string, string[]>();
  for (const [file, source] of sources) {
    const targets = importSpecifiers(source).flatMap(specifier => resolve(file, specifier) ?? []);
    imports.set(file, targets);
    for (const target of targets) {
      const known = importers.get(target);
      if (known) {
        known.push(file);
      } else {
        importers.set(target, [file]);
      }
    }
  }

  const entries = new Set(entryFiles);
  const seeds = [...sources]
    .filter(([file, source]) => MENTIONS_SDK_OR_ENV.test(source) || entries.has(file))
    .map(([file]) => file);
  const withImporters = closure(seeds, file => importers.get(file) ?? []);

  return closure([...withImporters], file => imports.get(file) ?? []);
}

function closure(start: string[], next: (file: string) => string[]): Set<string> {
  const reached = new Set(start);
  const queue = [...start];
  while (queue.length > 0) {
    for (const file of next(queue.pop()!)) {
      if (!reached.has(file)) {
        reached.add(file);
        queue.push(file);
      }
    }
  }

  return reached;
}
