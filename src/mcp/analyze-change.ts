import { cpSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join, relative, sep } from 'node:path';
import type { AnalysisCache } from '../analysis-cache.js';
import type { Analysis } from '../analyze.js';
import { analyze } from '../analyze.js';
import { CODE_EXTENSIONS } from '../code/module-resolution.js';
import type { Config } from '../config/load-config.js';
import { silentLogger } from '../logger.js';

// Copies of a repository for a proposed template change leave these out: nothing in them is read.
const NOT_COPIED = new Set(['node_modules', '.git', 'coverage']);

/**
 * Analyses the repository as if `file` held `content`, without touching the disk. A code file is
 * read from an in-memory overlay; any other file (a template) is analysed in a temporary copy
 * of the repository, since the infrastructure readers read only the disk. With the store's
 * cache, only the proposed content is parsed, code comes from the last update, and the copy
 * holds only what the infrastructure readers may read.
 */
export async function analyzeChange(
  root: string,
  config: Config,
  file: string,
  content: string,
  cache?: AnalysisCache,
): Promise<Analysis> {
  if (CODE_EXTENSIONS.includes(extname(file))) {
    const overlay = new Map([[file, content]]);
    return analyze(root, config, silentLogger, { overlay, cache, changed: new Set() });
  }

  const copy = mkdtempSync(join(tmpdir(), 'infrawise-change-'));
  try {
    copyRepository(root, copy, cache);
    mkdirSync(dirname(join(copy, file)), { recursive: true });
    writeFileSync(join(copy, file), content);
    if (cache) {
      return await analyze(root, config, silentLogger, {
        cache,
        changed: new Set(),
        infraRoot: copy,
      });
    }
    const analysis = await analyze(copy, config, silentLogger);
    return { ...analysis, root };
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}

function copyRepository(root: string, copy: string, cache: AnalysisCache | undefined): void {
  cpSync(root, copy, {
    recursive: true,
    filter: source => {
      if (NOT_COPIED.has(basename(source))) {
        return false;
      }
      const path = relative(root, source).split(sep).join('/');
      return path === '' || !cache || isFolderPath(source) || cache.isInfrastructureInput(path);
    },
  });
}

function isFolderPath(absolute: string): boolean {
  try {
    return statSync(absolute).isDirectory();
  } catch {
    return false;
  }
}
