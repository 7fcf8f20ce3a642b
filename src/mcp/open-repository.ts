import { analyze } from '../analyze.js';
import { loadConfig } from '../config/load-config.js';
import type { Logger } from '../logger.js';
import { RULES } from '../rules/registry.js';
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
 * Analyses the repository once, then watches it: every change rebuilds the graph (debounced)
 * by running the whole pipeline again.
 */
export async function openRepository(
  options: RepositoryOptions,
): Promise<{ context: ToolContext; close: () => Promise<void> }> {
  const { root, logger } = options;
  const config = () => loadConfig(root, options.configPath, RULES);
  const store = await createAnalysisStore({
    root,
    logger,
    run: () => analyze(root, config(), logger),
    onBuilt: snapshot =>
      logger.step(`mcp: graph built in ${snapshot.analysis.summary.durationMs}ms`),
  });

  // Limitation: a change re-runs the whole pipeline rather than re-reading the changed file's
  // facts. On a repository of a few thousand files an edit is answered about a second later.
  const watcher = watchRepository(
    root,
    file => {
      logger.step(`mcp: ${file} changed; rebuilding the graph`);
      store.invalidate();
    },
    logger,
  );
  await watcher.ready;

  const close = async () => {
    store.close();
    await watcher.close();
  };

  return { context: { store, loadConfig: config, logger }, close };
}
