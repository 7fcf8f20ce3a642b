import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { CaseRun } from './run-case.js';
import { runCase } from './run-case.js';
import { applyVariant, variant } from './mutations.js';
import type { SeedApp } from './seeds.js';
import {
  CONTROL_HANDLER,
  CONTROL_TABLE,
  cdkApp,
  cloudFormationApp,
  codeApp,
  serverlessApp,
  terraformApp,
} from './seeds.js';

// Runs per format by default: enough to keep the file near a minute on two cores. Deeper runs
// set INFRAWISE_FUZZ_RUNS; a failure prints the seed and path that reproduce it.
const DEFAULT_RUNS: Record<string, number> = {
  cloudformation: 60,
  serverless: 60,
  cdk: 40,
  code: 60,
  terraform: 30,
};
const requestedRuns = Number(process.env['INFRAWISE_FUZZ_RUNS']);
const SEED = 42;
const BOUND_MS = 10_000;

// A synchronous loop cannot be interrupted by the timer, so a run is also measured once it ends.
const STACK_FRAME = /^\s+at /m;

const tried = new Map<string, { inputs: number; failed: number }>();

afterAll(() => {
  if (process.env['INFRAWISE_FUZZ_VERBOSE']) {
    for (const [name, counts] of tried) {
      process.stderr.write(
        `fuzz: ${name}: ${counts.inputs} inputs tried, ${counts.failed} of them reported as failed sources\n`,
      );
    }
  }
});

function runsFor(app: SeedApp): number {
  return Number.isInteger(requestedRuns) && requestedRuns > 0
    ? requestedRuns
    : (DEFAULT_RUNS[app.name] ?? 40);
}

function expectControlIntact({ analysis }: CaseRun): void {
  const tables = analysis.graph.tables.map(table => table.name);
  expect(tables).toContain(CONTROL_TABLE);

  const resolved = analysis.graph.accesses.filter(
    access =>
      access.operation.location.file === CONTROL_HANDLER &&
      access.target.kind === 'table' &&
      access.target.table.name === CONTROL_TABLE,
  );
  expect(resolved.length).toBeGreaterThan(0);
}

function expectFailuresReported({ analysis, warnings }: CaseRun): void {
  for (const source of analysis.sources.filter(candidate => candidate.status === 'failed')) {
    expect(source.error, source.path).toMatch(/\S/);
    expect(source.line, `${source.path}: ${source.error}`).toBeGreaterThanOrEqual(1);
    expect(Number.isInteger(source.line)).toBe(true);
    expect(
      warnings.some(warning => warning.includes(`"${source.path}"`)),
      source.path,
    ).toBe(true);
  }
}

function expectNoStackTraces({ analysis, warnings, errors }: CaseRun): void {
  const texts = [...warnings, ...errors, ...analysis.sources.map(source => source.error ?? '')];
  for (const text of texts) {
    expect(text).not.toMatch(STACK_FRAME);
  }
}

function fuzz(app: SeedApp): void {
  const runs = runsFor(app);
  const counts = { inputs: 0, failed: 0 };
  tried.set(app.name, counts);

  it(
    `reads mutated ${app.name} inputs without crashing, hanging or losing the rest of the run`,
    async () => {
      const property = fc.asyncProperty(
        fc.constantFrom(...app.targets),
        variant,
        async (target, chosen) => {
          counts.inputs++;
          const files = new Map(app.files);
          files.set(target, applyVariant(app.files.get(target)!, chosen));

          const run = await runCase(files, BOUND_MS);

          if (run.analysis.sources.some(source => source.status === 'failed')) {
            counts.failed++;
          }

          expect(run.milliseconds).toBeLessThan(BOUND_MS);
          expectControlIntact(run);
          expectFailuresReported(run);
          expectNoStackTraces(run);
        },
      );

      await fc.assert(property, { seed: SEED, numRuns: runs });
    },
    runs * BOUND_MS + 60_000,
  );
}

describe('readers under fuzzed input', () => {
  for (const app of [cloudFormationApp(), serverlessApp(), cdkApp(), codeApp(), terraformApp()]) {
    fuzz(app);
  }
});
