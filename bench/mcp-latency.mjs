#!/usr/bin/env node
// Times MCP tool calls against `infrawise serve --stdio` on a generated repository: median and
// p95 per tool over many calls, the start-up analysis, check_change on a code file and on the
// template, and the time from a saved edit (of a handler, then of the template) until an answer
// reflects it. Run `npm run build` first.
//
//   node bench/mcp-latency.mjs [lambdas=500] [callsPerTool=200]
//
// callsPerTool 0 skips the per-tool table: from about 1,000 Lambdas the answer to
// analyze_function "getItem" outgrows the 10 MB line the SDK's stdio client accepts.
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

const SCANNING_HANDLER =
  "import { ddb } from '../lib/db';\nimport { ScanCommand } from '@aws-sdk/lib-dynamodb';\nexport const handler = () => ddb.send(new ScanCommand({ TableName: process.env.TABLE_NAME }));\n";

const AUDIT_TABLE = `  AuditTable:
    Type: AWS::DynamoDB::Table
    Properties:
      TableName: audit
      KeySchema:
        - { AttributeName: id, KeyType: HASH }
`;

// Asks until the answer holds what the edit made; no sleep, so the figure is the true latency.
async function answerOnceTrue(name, args, holds) {
  for (;;) {
    const result = await client.callTool({ name, arguments: args });
    if (holds(result)) {
      return result;
    }
  }
}

function describeUpdate(result) {
  const update = result.structuredContent?.graph?.update;
  return update
    ? `${update.filesRead} read, ${update.filesParsed} parsed, infrastructure ${update.infrastructure}`
    : 'no update block';
}

const client = new Client({ name: 'mcp-latency', version: '1.0.0' });
const root = mkdtempSync(join(tmpdir(), 'infrawise-bench-'));
try {
  const { files } = generateRepo(root, lambdas, 4);
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [resolve('dist/cli/main.js'), 'serve', root, '--stdio'],
  });
  const startup = await time(() => client.connect(transport));
  print(
    `repository: ${files} files, ${lambdas} Lambdas; server ready (analysed) in ${startup.ms.toFixed(0)} ms`,
  );

  print(`tool (args)                                   median ms   p95 ms   (${calls} calls)`);
  for (const [name, args] of calls > 0 ? CALLS : []) {
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
        content: SCANNING_HANDLER,
      },
    }),
  );
  print(
    `check_change (one file, overlay)              ${check.ms.toFixed(0).padStart(9)} ms (single call)`,
  );

  const checkTemplate = await time(() =>
    client.callTool({
      name: 'check_change',
      arguments: {
        file: 'template.yaml',
        content: `${readFileSync(join(root, 'template.yaml'), 'utf8')}${AUDIT_TABLE}`,
      },
    }),
  );
  print(
    `check_change (template, temporary copy)       ${checkTemplate.ms.toFixed(0).padStart(9)} ms (single call)`,
  );

  writeFileSync(join(root, 'src/handlers/fn2.ts'), SCANNING_HANDLER);
  const edited = await time(() =>
    answerOnceTrue('analyze_function', { name: 'Fn2' }, result => {
      const tables = result.structuredContent?.matches?.[0]?.tables ?? [];
      return tables.some(table => table.actions.includes('scan'));
    }),
  );
  print(
    `edit saved -> answer reflects it              ${edited.ms.toFixed(0).padStart(9)} ms (debounce + update, ${describeUpdate(edited.result)})`,
  );

  appendFileSync(join(root, 'template.yaml'), AUDIT_TABLE);
  const templateEdited = await time(() =>
    answerOnceTrue('get_table', { name: 'audit' }, result => !result.isError),
  );
  print(
    `template saved -> answer reflects it          ${templateEdited.ms.toFixed(0).padStart(9)} ms (debounce + update, ${describeUpdate(templateEdited.result)})`,
  );
  await client.close();
} finally {
  rmSync(root, { recursive: true, force: true });
}
