import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Analysis } from '../analyze.js';
import { analyze } from '../analyze.js';
import { loadConfig } from '../config/load-config.js';
import { UserError } from '../errors.js';
import type { LogLevel, Logger } from '../logger.js';
import { createLogger } from '../logger.js';
import { summaryLine } from '../report/text-report.js';
import { RULES } from '../rules/registry.js';

export interface CommonOptions {
  format: 'text' | 'json' | 'sarif';
  config?: string;
  verbose?: boolean;
  quiet?: boolean;
  color?: boolean;
}

export function logLevelOf(options: CommonOptions): LogLevel {
  if (options.verbose) {
    return 'verbose';
  }

  return options.quiet ? 'quiet' : 'normal';
}

/** Validates the path and config, then runs the pipeline; shared by analyze, check and graph. */
export async function runAnalysis(
  path: string | undefined,
  options: CommonOptions,
): Promise<{ analysis: Analysis; logger: Logger }> {
  const logger = createLogger(logLevelOf(options));
  const root = resolve(path ?? '.');
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    throw new UserError(
      'root-missing',
      `"${path ?? '.'}" is not a directory. Give the path of the repository to scan.`,
    );
  }

  const configPath = options.config === undefined ? undefined : resolve(options.config);
  if (configPath && !existsSync(configPath)) {
    throw new UserError(
      'config-missing',
      `Config file "${options.config}" does not exist. Check the path given to --config.`,
    );
  }

  const config = loadConfig(root, configPath, RULES);
  const analysis = await analyze(root, config, logger);
  logger.step(`done in ${(analysis.summary.durationMs / 1000).toFixed(2)}s`);
  if (options.format !== 'text') {
    logger.info(summaryLine(analysis));
  }

  return { analysis, logger };
}

/** Colour only on a terminal, never with NO_COLOR or --no-color. */
export function useColor(options: CommonOptions): boolean {
  return options.color !== false && !process.env.NO_COLOR && Boolean(process.stdout.isTTY);
}
