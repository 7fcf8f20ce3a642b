#!/usr/bin/env node
// Times MCP tool calls against `infrawise serve --stdio` on a generated repository: median and
// p95 per tool over many calls, the start-up analysis, and the time from a saved edit until an
// answer reflects it. Run `npm run build` first.
//
//   node bench/mcp-latency.mjs [lambdas=500] [callsPerTool=200]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { generateRepo } from './generate-repo.mjs';

const lambdas = Number(process.argv[2] ?? 500);
const calls = Number(process.argv[3] ?? 200);

const CALLS = [
  ['get_infra_overview', {}],
  ['get_graph_summary', { kind: 'lambda', limit: 50 }],
  ['analyze_function', { name: 'Fn7' }],
  ['analyze_function', { name: 'getItem' }],
  ['get_table', { name: 'table-3' }],
  ['suggest_gsi', { table: 'table-3', partitionKey: 'customerId' }],
  ['list_findings', { severity: 'high' }],
  ['explain_rule', { rule: 'dynamodb/full-scan' }],
];

const print = text => process.stdout.write(`${text}\n`);

function percentile(sorted, fraction) {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))];
}

async function time(run) {
  const started = performance.now();
  const result = await run();
  return { ms: performance.now() - started, result };
}

const root = mkdtempSync(join(tmpdir(), 'infrawise-bench-'));
try {
  const { files } = generateRepo(root, lambdas, 4);
  const client = new Client({ name: 'mcp-latency', version: '1.0.0' });
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [resolve('dist/cli/main.js'), 'serve', root, '--stdio'],
  });
  const startup = await time(() => client.connect(transport));
  print(
    `repository: ${files} files, ${lambdas} Lambdas; server ready (analysed) in ${startup.ms.toFixed(0)} ms`,
  );

  print(`tool (args)                                   median ms   p95 ms   (${calls} calls)`);
  for (const [name, args] of CALLS) {
    const durations = [];
    for (let index = 0; index < calls; index++) {
      const { ms, result } = await time(() => client.callTool({ name, arguments: args }));
      if (result.isError) {
        throw new Error(`${name} answered an error: ${JSON.stringify(result.content)}`);
      }
      durations.push(ms);
    }
    durations.sort((a, b) => a - b);
    const label = `${name} ${JSON.stringify(args)}`.padEnd(46);
    print(
      `${label}${percentile(durations, 0.5).toFixed(2).padStart(9)}${percentile(durations, 0.95).toFixed(2).padStart(9)}`,
    );
  }

  const check = await time(() =>
    client.callTool({
      name: 'check_change',
      arguments: {
        file: 'src/handlers/fn1.ts',
        content:
          "import { ddb } from '../lib/db';\nimport { ScanCommand } from '@aws-sdk/lib-dynamodb';\nexport const handler = () => ddb.send(new ScanCommand({ TableName: process.env.TABLE_NAME }));\n",
      },
    }),
  );
  print(
    `check_change (one file, overlay)              ${check.ms.toFixed(0).padStart(9)} ms (single call)`,
  );

  writeFileSync(
    join(root, 'src/handlers/fn2.ts'),
    "import { ddb } from '../lib/db';\nimport { ScanCommand } from '@aws-sdk/lib-dynamodb';\nexport const handler = () => ddb.send(new ScanCommand({ TableName: process.env.TABLE_NAME }));\n",
  );
  const edited = await time(async () => {
    for (;;) {
      const result = await client.callTool({
        name: 'analyze_function',
        arguments: { name: 'Fn2' },
      });
      const tables = result.structuredContent?.matches?.[0]?.tables ?? [];
      if (tables.some(table => table.actions.includes('scan'))) {
        return result;
      }
    }
  });
  print(
    `edit saved -> answer reflects it              ${edited.ms.toFixed(0).padStart(9)} ms (debounce + full rebuild)`,
  );
  await client.close();
} finally {
  rmSync(root, { recursive: true, force: true });
}
