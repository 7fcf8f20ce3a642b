import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join } from 'node:path';
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
 * cache, only the proposed content is parsed: everything else comes from the last update.
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
    cpSync(root, copy, { recursive: true, filter: source => !NOT_COPIED.has(basename(source)) });
    mkdirSync(dirname(join(copy, file)), { recursive: true });
    writeFileSync(join(copy, file), content);
    const analysis = await analyze(copy, config, silentLogger, { cache });
    return { ...analysis, root };
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}
