import { readdir, readFile, stat } from 'node:fs/promises';
import { join, posix } from 'node:path';
import ignore from 'ignore';
import type { Ignore } from 'ignore';
import type { Logger } from '../logger.js';
import { messageOf } from '../errors.js';
import { invalidUtf8Warning, readSourceTextAsync, unreadableReason } from '../source-text.js';

export interface TemplateFile {
  /** Path relative to the scanned root, with `/`. */
  path: string;
  source: string;
  /** Why the file could not be read, when it could not; `source` is empty then. */
  unreadable?: string;
}

// Build output, dependencies and other tools' generated templates (CDK and Serverless have
// their own readers) are never the templates a person wrote.
const SKIPPED_FOLDERS = new Set([
  'node_modules',
  '.git',
  'dist',
  'build',
  '.aws-sam',
  'cdk.out',
  '.serverless',
  'coverage',
  // Terraform's downloaded providers and copies of remote modules, not the user's code.
  '.terraform',
]);

const SKIPPED_FILES = new Set([
  'serverless.yml',
  'serverless.yaml',
  'package.json',
  'package-lock.json',
  'npm-shrinkwrap.json',
  'pnpm-lock.yaml',
  'composer.json',
  'composer.lock',
]);

const TEMPLATE_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

// CloudFormation accepts template bodies up to 1 MB; anything far larger is data, not a template.
const MAX_TEMPLATE_BYTES = 4 * 1024 * 1024;

interface IgnoreScope {
  /** Folder the rules belong to, relative to the root, `''` for the root. */
  dir: string;
  rules: Ignore;
}

/**
 * Files that may be templates: YAML or JSON that mentions `AWS::`, outside ignored folders.
 * Whether one really is a template is decided from its content after parsing.
 */
export async function discoverTemplates(
  root: string,
  options: { logger: Logger; exclude?: string[] },
): Promise<TemplateFile[]> {
  const paths = await discoverFiles(root, options, isCandidateName);
  const files = await Promise.all(paths.map(path => readCandidate(root, path, options.logger)));

  return files
    .filter((file): file is TemplateFile => file !== undefined)
    .sort((a, b) => compareText(a.path, b.path));
}

/**
 * Paths under `root` whose file name `accepts` takes, skipping the same folders and ignored
 * paths as template discovery; other readers find their own files with it.
 */
export async function discoverFiles(
  root: string,
  options: { logger: Logger; exclude?: string[] },
  accepts: (name: string) => boolean,
): Promise<string[]> {
  const scopes: IgnoreScope[] = [];
  if (options.exclude && options.exclude.length > 0) {
    scopes.push({ dir: '', rules: ignore().add(options.exclude) });
  }

  return walk(root, '', scopes, options.logger, accepts);
}

async function walk(
  root: string,
  dir: string,
  parentScopes: IgnoreScope[],
  logger: Logger,
  accepts: (name: string) => boolean,
): Promise<string[]> {
  const entries = await readFolder(join(root, dir), logger);
  const scopes = await withGitignore(root, dir, entries, parentScopes);
  const found: string[] = [];
  for (const entry of entries) {
    const path = dir === '' ? entry.name : `${dir}/${entry.name}`;
    if (entry.isDirectory()) {
      if (!SKIPPED_FOLDERS.has(entry.name) && !isIgnored(scopes, `${path}/`)) {
        found.push(...(await walk(root, path, scopes, logger, accepts)));
      }
    } else if (entry.isFile() && accepts(entry.name) && !isIgnored(scopes, path)) {
      found.push(path);
    }
  }

  return found;
}

// The code scan walks every folder this walk enters and reports one that cannot be listed as a
// failed source, so here it is only logged.
async function readFolder(folder: string, logger: Logger) {
  try {
    const entries = await readdir(folder, { withFileTypes: true });
    return entries.sort((a, b) => compareText(a.name, b.name));
  } catch (error) {
    logger.step(`infrastructure: skipped folder "${folder}" (${messageOf(error)})`);
    return [];
  }
}

async function withGitignore(
  root: string,
  dir: string,
  entries: { name: string; isFile(): boolean }[],
  scopes: IgnoreScope[],
): Promise<IgnoreScope[]> {
  if (!entries.some(entry => entry.name === '.gitignore' && entry.isFile())) {
    return scopes;
  }

  try {
    const rules = await readFile(join(root, dir, '.gitignore'), 'utf8');
    return [...scopes, { dir, rules: ignore().add(rules) }];
  } catch {
    return scopes;
  }
}

function isIgnored(scopes: IgnoreScope[], path: string): boolean {
  return scopes.some(scope => {
    const relative =
      scope.dir === '' ? path : posix.relative(scope.dir, path) + (path.endsWith('/') ? '/' : '');
    return relative !== '' && !relative.startsWith('..') && scope.rules.ignores(relative);
  });
}

function isCandidateName(name: string): boolean {
  const lower = name.toLowerCase();
  if (SKIPPED_FILES.has(lower) || lower.endsWith('.lock') || /^[tj]sconfig.*\.json$/.test(lower)) {
    return false;
  }

  return TEMPLATE_EXTENSIONS.has(posix.extname(lower));
}

async function readCandidate(
  root: string,
  path: string,
  logger: Logger,
): Promise<TemplateFile | undefined> {
  try {
    const size = (await stat(join(root, path))).size;
    if (size > MAX_TEMPLATE_BYTES) {
      logger.step(`cloudformation: skipped "${path}" (${size} bytes, larger than any template)`);
      return undefined;
    }

    const read = await readSourceTextAsync(join(root, path));
    if (!read.ok) {
      // Unread, it may be a template as well as any other YAML or JSON file.
      return { path, source: '', unreadable: read.reason };
    }
    if (!read.text.includes('AWS::')) {
      return undefined;
    }
    if (read.invalidUtf8Line !== undefined) {
      logger.warn(invalidUtf8Warning(path, read.invalidUtf8Line));
    }

    return { path, source: read.text };
  } catch (error) {
    return { path, source: '', unreadable: unreadableReason(error) };
  }
}

// Plain code-unit order, so output does not depend on the machine's locale.
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
