import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Analysis } from '../../src/analyze.js';
import { analyze } from '../../src/analyze.js';
import type { Logger } from '../../src/logger.js';
import type { AppFiles } from './seeds.js';

export interface CaseRun {
  analysis: Analysis;
  warnings: string[];
  errors: string[];
  milliseconds: number;
}

/** Writes an app to a fresh folder, analyses it with a bound on the time, then removes it. */
export async function runCase(files: AppFiles, boundMs: number): Promise<CaseRun> {
  const root = mkdtempSync(join(tmpdir(), 'infrawise-fuzz-'));
  try {
    for (const [name, contents] of files) {
      mkdirSync(dirname(join(root, name)), { recursive: true });
      writeFileSync(join(root, name), contents);
    }

    return await analyzeWithin(root, boundMs);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

async function analyzeWithin(root: string, boundMs: number): Promise<CaseRun> {
  const warnings: string[] = [];
  const errors: string[] = [];
  const logger: Logger = {
    warn: text => warnings.push(text),
    error: text => errors.push(text),
    info: () => {},
    step: () => {},
  };
  const config = { exclude: [], overrides: {}, ruleOptions: {} };
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`analyze took longer than ${boundMs} ms`)), boundMs);
  });

  try {
    const analysis = await Promise.race([analyze(root, config, logger), timeout]);
    return { analysis, warnings, errors, milliseconds: performance.now() - started };
  } finally {
    clearTimeout(timer);
  }
}
