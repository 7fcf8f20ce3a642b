#!/usr/bin/env node
// Times the whole pipeline (`infrawise analyze --format json`) on generated SAM repositories of
// growing size: a cold run, a second run over the same files, and a run after one file changed.
// Prints files per second and peak memory (max RSS of the child process) for each. Then times
// the MCP server's store on the same repository (bench/store-update.mjs): its first analysis, and
// its update after one code file and after the template changed (median of 3 edits each).
//
//   npm run bench                 # sizes 100, 300 and 1000 Lambdas
//   node bench/run.mjs 50 200     # your own sizes, in Lambdas (each adds 6 files)
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import { generateRepo } from './generate-repo.mjs';

const BIN = join(import.meta.dirname, '..', 'dist', 'cli', 'main.js');
const sizes = process.argv.slice(2).map(Number).filter(Number.isFinite);

function timeRun(root) {
  const started = performance.now();
  const result = spawnSync(
    '/usr/bin/time',
    ['-f', '%M', process.execPath, BIN, 'analyze', root, '--format', 'json', '--quiet'],
    {
      encoding: 'utf8',
      maxBuffer: 1 << 30,
    },
  );
  const seconds = (performance.now() - started) / 1000;
  const peakKb = Number(result.stderr.trim().split('\n').at(-1));
  const findings = JSON.parse(result.stdout).findings.length;

  return { seconds, peakMb: peakKb / 1024, findings };
}

function timeStore(root) {
  const result = spawnSync(
    process.execPath,
    [join(import.meta.dirname, 'store-update.mjs'), root],
    {
      encoding: 'utf8',
    },
  );
  if (result.status !== 0) {
    throw new Error(`store-update failed: ${result.stderr}`);
  }

  return JSON.parse(result.stdout);
}

function storeRows(store) {
  const line = (label, ms, use) => {
    const detail = use
      ? `  ${use.filesRead} read, ${use.filesParsed} parsed, infrastructure ${use.infrastructure}`
      : `  ${store.peakMb.toFixed(0).padStart(5)} MB peak`;
    console.log(`${label.padEnd(22)} ${(ms / 1000).toFixed(2).padStart(7)} s${detail}`);
  };
  line('store: cold', store.coldMs);
  line('store: code changed', store.codeMs, store.codeUse);
  line('store: template edit', store.templateMs, store.templateUse);
}

function row(label, files, run) {
  const rate = (files / run.seconds).toFixed(0);
  console.log(
    `${label.padEnd(22)} ${run.seconds.toFixed(2).padStart(7)} s  ${rate.padStart(6)} files/s  ${run.peakMb.toFixed(0).padStart(5)} MB peak  ${run.findings} findings`,
  );
}

for (const lambdas of sizes.length > 0 ? sizes : [100, 300, 1000]) {
  const root = mkdtempSync(join(tmpdir(), 'infrawise-bench-'));
  const { files } = generateRepo(root, lambdas);
  console.log(`\n${lambdas} Lambdas, ${files} files`);
  row('cold', files, timeRun(root));
  row('second run', files, timeRun(root));
  appendFileSync(join(root, 'src', 'handlers', 'fn0.ts'), '\nexport const touched = 1;\n');
  row('one file changed', files, timeRun(root));
  storeRows(timeStore(root));
  rmSync(root, { recursive: true, force: true });
}
