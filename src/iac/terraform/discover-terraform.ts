import { readdir, readFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import ignore from 'ignore';
import type { Ignore } from 'ignore';
import type { Logger } from '../../logger.js';
import { messageOf } from '../../errors.js';
import { compareText } from '../discover-templates.js';

export interface HclFile {
  /** Path relative to the scanned root, with `/`. */
  path: string;
  source: string;
}

// `.terraform/` holds downloaded providers and copies of remote modules, not the user's code.
const SKIPPED_FOLDERS = new Set(['.terraform', 'node_modules', '.git', 'cdk.out', '.serverless']);

interface IgnoreScope {
  dir: string;
  rules: Ignore;
}

/** Every `.tf` and `.tfvars` file under `root`, outside ignored folders, in path order. */
export async function discoverTerraform(
  root: string,
  options: { logger: Logger; exclude?: string[] },
): Promise<HclFile[]> {
  const scopes: IgnoreScope[] = [];
  if (options.exclude && options.exclude.length > 0) {
    scopes.push({ dir: '', rules: ignore().add(options.exclude) });
  }

  const paths = await walk(root, '', scopes, options.logger);
  const files: HclFile[] = [];
  for (const path of paths) {
    try {
      files.push({ path, source: await readFile(join(root, path), 'utf8') });
    } catch (error) {
      options.logger.step(`terraform: skipped "${path}" (${messageOf(error)})`);
    }
  }

  return files;
}

export function isTfvars(path: string): boolean {
  return path.endsWith('.tfvars');
}

async function walk(
  root: string,
  dir: string,
  parentScopes: IgnoreScope[],
  logger: Logger,
): Promise<string[]> {
  const entries = await readFolder(join(root, dir), logger);
  const scopes = await withGitignore(root, dir, entries, parentScopes);
  const found: string[] = [];
  for (const entry of entries) {
    const path = dir === '' ? entry.name : `${dir}/${entry.name}`;
    if (entry.isDirectory()) {
      if (!SKIPPED_FOLDERS.has(entry.name) && !isIgnored(scopes, `${path}/`)) {
        found.push(...(await walk(root, path, scopes, logger)));
      }
    } else if (entry.isFile() && isHclName(entry.name) && !isIgnored(scopes, path)) {
      found.push(path);
    }
  }

  return found;
}

function isHclName(name: string): boolean {
  return name.endsWith('.tf') || name.endsWith('.tfvars');
}

async function readFolder(folder: string, logger: Logger) {
  try {
    const entries = await readdir(folder, { withFileTypes: true });
    return entries.sort((a, b) => compareText(a.name, b.name));
  } catch (error) {
    logger.step(`terraform: skipped folder "${folder}" (${messageOf(error)})`);
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
