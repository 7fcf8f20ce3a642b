import { existsSync, readdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Analysis } from '../analyze.js';
import { analyze } from '../analyze.js';
import { loadConfig } from '../config/load-config.js';
import { UserError, messageOf } from '../errors.js';
import type { LogLevel, Logger } from '../logger.js';
import { createLogger } from '../logger.js';
import { plural } from '../plural.js';
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
  const shown = path ?? '.';
  const root = resolve(shown);
  checkRoot(root, shown);

  const configPath = options.config === undefined ? undefined : resolve(options.config);
  if (configPath && !existsSync(configPath)) {
    throw new UserError(
      'config-missing',
      `Config file "${options.config}" does not exist. Check the path given to --config.`,
    );
  }
  if (configPath && statSync(configPath).isDirectory()) {
    throw new UserError(
      'config-is-folder',
      `--config "${options.config}" is a folder, not a config file. Give the path of an infrawise.yaml file.`,
    );
  }

  const config = loadConfig(root, configPath, RULES);
  const analysis = await analyze(root, config, logger);
  warnIfNothingFound(analysis, shown, logger);
  logger.step(`done in ${(analysis.summary.durationMs / 1000).toFixed(2)}s`);
  if (options.format !== 'text') {
    logger.info(summaryLine(analysis));
  }

  return { analysis, logger };
}

// A folder below the root that cannot be read is a failed source; the root itself is all there
// is to read, so the run cannot be trusted without it.
function checkRoot(root: string, shown: string): void {
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    throw new UserError(
      'root-missing',
      `"${shown}" is not a directory. Give the path of the repository to scan.`,
    );
  }

  try {
    readdirSync(root);
  } catch (error) {
    const reason = messageOf(error).replace(/, \w+ '.*'$/, '');
    throw new UserError(
      'root-unreadable',
      `"${shown}" cannot be read (${reason}). Check its permissions, or give the path of another repository.`,
    );
  }
}

// A clean result from a mistyped path would read like a repository with nothing wrong in it.
function warnIfNothingFound(analysis: Analysis, shown: string, logger: Logger): void {
  if (analysis.sources.some(source => source.kind !== 'config')) {
    return;
  }

  const found = analysis.summary.filesFound;
  logger.warn(
    found === 0
      ? `No JavaScript or TypeScript files and no infrastructure found under "${shown}"; check the path.`
      : `No AWS SDK use and no infrastructure found under "${shown}" (${plural(found, 'code file')} read); check the path.`,
  );
}

/** Colour only on a terminal, never with NO_COLOR or --no-color. */
export function useColor(options: CommonOptions): boolean {
  return options.color !== false && !process.env.NO_COLOR && Boolean(process.stdout.isTTY);
}
