import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterAll } from 'vitest';
import type { Analysis } from '../../src/analyze.js';
import { analyze } from '../../src/analyze.js';
import type { Config } from '../../src/config/load-config.js';
import { silentLogger } from '../../src/logger.js';
import type { RawFinding } from '../../src/rules/finding.js';
import type { Rule } from '../../src/rules/rule.js';

const roots: string[] = [];

afterAll(() => {
  for (const root of roots.splice(0)) {
    rmSync(root, { recursive: true, force: true });
  }
});

/** Writes a small application (file name → contents) to a fresh temporary folder. */
export function writeApp(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'infrawise-test-'));
  roots.push(root);
  for (const [name, contents] of Object.entries(files)) {
    const path = join(root, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, contents);
  }

  return root;
}

export function configWith(ruleOptions: Config['ruleOptions'] = {}): Config {
  return { exclude: [], overrides: {}, ruleOptions };
}

export async function analyzeApp(
  files: Record<string, string>,
  config = configWith(),
): Promise<Analysis> {
  return analyze(writeApp(files), config, silentLogger);
}

/** Runs one rule on an application and returns what its check reported. */
export async function runRule(
  rule: Rule,
  files: Record<string, string>,
  options: Record<string, unknown> = {},
): Promise<RawFinding[]> {
  const analysis = await analyzeApp(files);

  return rule.check(analysis.graph, options);
}

const REPOSITORY = join(import.meta.dirname, '..', '..');
const EXAMPLE = join(REPOSITORY, 'examples', 'orders-app');

function filesUnder(folder: string, base = folder): Array<[string, string]> {
  return readdirSync(folder, { withFileTypes: true }).flatMap(entry => {
    const path = join(folder, entry.name);
    return entry.isDirectory()
      ? filesUnder(path, base)
      : [[relative(base, path), readFileSync(path, 'utf8')] as [string, string]];
  });
}

/**
 * Writes a twin of examples/orders-app: the example's own code with the infrastructure of
 * `test/fixtures/<fixture>` (a Serverless, Terraform or CDK description of the same app), so the
 * twins cannot drift from the code they describe.
 */
export function writeOrdersAppTwin(fixture: string): string {
  const code = filesUnder(join(EXAMPLE, 'src')).map(([path, text]): [string, string] => [
    `src/${path}`,
    text,
  ]);
  const infrastructure = filesUnder(join(REPOSITORY, 'test', 'fixtures', fixture));
  const packageJson = readFileSync(join(EXAMPLE, 'package.json'), 'utf8');

  return writeApp(Object.fromEntries([['package.json', packageJson], ...code, ...infrastructure]));
}
