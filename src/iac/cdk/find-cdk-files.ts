import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ignore from 'ignore';
import type { Ignore } from 'ignore';
import type { Logger } from '../../logger.js';
import { messageOf } from '../../errors.js';
import { compareText } from '../discover-templates.js';

export interface CdkSourceText {
  /** Relative to the scanned root, with `/`. */
  path: string;
  text: string;
}

export interface CdkFiles {
  /** `…/cdk.out/manifest.json` files, relative to the root. */
  manifests: string[];
  /** Source files that import the CDK. */
  sources: CdkSourceText[];
  /** Folders holding a cdk.json, relative to the root (`''` for the root), with its `app`. */
  apps: Map<string, string | undefined>;
  /** Every JavaScript and TypeScript file, CDK or not, relative to the root. */
  scripts: string[];
}

const ASSEMBLY_FOLDER = 'cdk.out';

// Dependencies and build output never hold the app's own constructs.
const SKIPPED_FOLDERS = new Set([
  'node_modules',
  '.git',
  'dist',
  'build',
  'coverage',
  '.aws-sam',
  '.serverless',
  'cdk.out',
]);

const SOURCE_FILE = /\.(ts|mts|cts|js|mjs|cjs)$/;
const CDK_IMPORT = /from\s+['"](aws-cdk-lib|@aws-cdk\/)|require\(\s*['"](aws-cdk-lib|@aws-cdk\/)/;
const MAX_SOURCE_BYTES = 1024 * 1024;

/** Cloud assembly manifests, cdk.json files and CDK source files under `root`. */
export async function findCdkFiles(
  root: string,
  options: { logger: Logger; exclude?: string[] },
): Promise<CdkFiles> {
  const rules = ignore().add(options.exclude ?? []);
  const found: CdkFiles = { manifests: [], sources: [], apps: new Map(), scripts: [] };
  walk(root, '', { rules, found, logger: options.logger });
  found.manifests.sort(compareText);
  found.sources.sort((a, b) => compareText(a.path, b.path));

  return await Promise.resolve(found);
}

interface Walk {
  rules: Ignore;
  found: CdkFiles;
  logger: Logger;
}

// The walk reads synchronously: thousands of small files read one await at a time cost far more
// in scheduling than in reading.

function walk(root: string, dir: string, state: Walk): void {
  const entries = readFolder(join(root, dir), state.logger);
  for (const entry of entries) {
    const path = dir === '' ? entry.name : `${dir}/${entry.name}`;
    if (state.rules.ignores(entry.isDirectory() ? `${path}/` : path)) {
      continue;
    }

    if (entry.isDirectory() && entry.name === ASSEMBLY_FOLDER) {
      addManifest(root, path, state);
    } else if (entry.isDirectory() && !SKIPPED_FOLDERS.has(entry.name)) {
      walk(root, path, state);
    } else if (entry.isFile() && entry.name === 'cdk.json') {
      state.found.apps.set(dir, appCommandOf(join(root, path)));
    } else if (entry.isFile() && SOURCE_FILE.test(entry.name) && !entry.name.endsWith('.d.ts')) {
      state.found.scripts.push(path);
      addSource(root, path, state);
    }
  }
}

function readFolder(folder: string, logger: Logger) {
  try {
    const entries = readdirSync(folder, { withFileTypes: true });
    return entries.sort((a, b) => compareText(a.name, b.name));
  } catch (error) {
    logger.step(`cdk: skipped folder "${folder}" (${messageOf(error)})`);
    return [];
  }
}

function addManifest(root: string, assembly: string, state: Walk): void {
  try {
    statSync(join(root, assembly, 'manifest.json'));
    state.found.manifests.push(`${assembly}/manifest.json`);
  } catch {
    state.logger.step(`cdk: "${assembly}" has no manifest.json`);
  }
}

function addSource(root: string, path: string, state: Walk): void {
  try {
    if (statSync(join(root, path)).size > MAX_SOURCE_BYTES) {
      return;
    }

    const text = readFileSync(join(root, path), 'utf8');
    if (CDK_IMPORT.test(text)) {
      state.found.sources.push({ path, text });
    }
  } catch (error) {
    state.logger.step(`cdk: skipped "${path}" (${messageOf(error)})`);
  }
}

// `"app": "npx ts-node --prefer-ts-exts bin/app.ts"` names the app's entry file.
function appCommandOf(file: string): string | undefined {
  try {
    const config = JSON.parse(readFileSync(file, 'utf8')) as { app?: unknown };
    const command = typeof config.app === 'string' ? config.app : '';
    return command.split(/\s+/).find(part => SOURCE_FILE.test(part));
  } catch {
    return undefined;
  }
}
