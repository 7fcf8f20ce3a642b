#!/usr/bin/env node
// Times what the MCP server's store does on a repository: the first analysis with an empty
// cache, then updates after one code file changed and after the template changed, each given
// the changed path the way the watcher reports it. Prints one JSON line; bench/run.mjs runs it.
// Run `npm run build` first.
//
//   node bench/store-update.mjs <dir> [edits=3]
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';

const DIST = join(import.meta.dirname, '..', 'dist');
const { AnalysisCache } = await import(join(DIST, 'analysis-cache.js'));
const { analyze } = await import(join(DIST, 'analyze.js'));
const { silentLogger } = await import(join(DIST, 'logger.js'));

const CONFIG = { exclude: [], overrides: {}, ruleOptions: {} };

async function timed(run) {
  const started = performance.now();
  const analysis = await run();
  return { ms: performance.now() - started, analysis };
}

function median(values) {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
}

// Each edit appends a line, so every update sees new text and parses the file again.
async function updates(root, cache, file, edits) {
  const runs = [];
  for (let edit = 0; edit < edits; edit++) {
    appendFileSync(
      join(root, file),
      file.endsWith('.ts') ? `\n// edit ${edit}\n` : `\n# edit ${edit}\n`,
    );
    runs.push(
      await timed(() => analyze(root, CONFIG, silentLogger, { cache, changed: new Set([file]) })),
    );
  }

  return { ms: median(runs.map(run => run.ms)), use: runs.at(-1).analysis.cacheUse };
}

export async function timeStore(root, edits = 3) {
  const cache = new AnalysisCache(root);
  const cold = await timed(() => analyze(root, CONFIG, silentLogger, { cache }));
  const code = await updates(root, cache, 'src/handlers/fn0.ts', edits);
  const template = await updates(root, cache, 'template.yaml', edits);

  return {
    coldMs: cold.ms,
    codeMs: code.ms,
    codeUse: code.use,
    templateMs: template.ms,
    templateUse: template.use,
    peakMb: process.resourceUsage().maxRSS / 1024,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [root, edits] = process.argv.slice(2);
  if (!root) {
    process.stderr.write('Usage: node bench/store-update.mjs <dir> [edits]\n');
    process.exit(2);
  }
  process.stdout.write(`${JSON.stringify(await timeStore(root, Number(edits ?? 3)))}\n`);
}
