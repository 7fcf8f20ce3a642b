import { AnalysisCache } from '../analysis-cache.js';
import { analyze } from '../analyze.js';
import { loadConfig } from '../config/load-config.js';
import type { Logger } from '../logger.js';
import { RULES } from '../rules/registry.js';
import type { AnalysisStore } from './analysis-store.js';
import { createAnalysisStore } from './analysis-store.js';
import type { ToolContext } from './tool.js';
import { watchRepository } from './watch-repository.js';

export interface RepositoryOptions {
  root: string;
  /** `--config FILE`; else `infrawise.yaml` in the root, read again on every rebuild. */
  configPath?: string;
  logger: Logger;
}

/**
 * Analyses the repository once, then watches it: a change updates the graph (debounced) by
 * reading and parsing only the changed files again, and the infrastructure only when one of
 * them can alter it.
 */
export async function openRepository(
  options: RepositoryOptions,
): Promise<{ context: ToolContext; close: () => Promise<void> }> {
  const { root, logger } = options;
  const config = () => loadConfig(root, options.configPath, RULES);
  const cache = new AnalysisCache(root);

  // The watcher starts before the first analysis, so an edit saved while it runs is kept and
  // applied once the store exists rather than lost.
  const opened: { store?: AnalysisStore } = {};
  const early: string[] = [];
  const watcher = watchRepository(
    root,
    file => {
      logger.step(`mcp: ${file} changed; updating the graph`);
      if (opened.store) {
        opened.store.invalidate(file);
      } else {
        early.push(file);
      }
    },
    logger,
  );
  const [created] = await Promise.all([
    createAnalysisStore({
      root,
      logger,
      run: changed => analyze(root, config(), logger, { cache, changed }),
      onBuilt: snapshot => logger.step(`mcp: ${describeBuild(snapshot.analysis)}`),
    }),
    watcher.ready,
  ]);
  opened.store = created;
  for (const file of early) {
    created.invalidate(file);
  }

  const close = async () => {
    created.close();
    await watcher.close();
  };

  return { context: { store: created, loadConfig: config, logger, cache }, close };
}

function describeBuild(analysis: Awaited<ReturnType<typeof analyze>>): string {
  const use = analysis.cacheUse;
  const detail = use
    ? ` (${use.filesRead} files read, ${use.filesParsed} parsed, infrastructure ${use.infrastructure})`
    : '';

  return `graph built in ${analysis.summary.durationMs}ms${detail}`;
}
