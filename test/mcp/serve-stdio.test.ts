import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeFunction } from '../../src/mcp/tools/analyze-function.js';
import { checkChange } from '../../src/mcp/tools/check-change.js';
import { explainRule } from '../../src/mcp/tools/explain-rule.js';
import { getGraphSummary } from '../../src/mcp/tools/get-graph-summary.js';
import { getInfraOverview } from '../../src/mcp/tools/get-infra-overview.js';
import { getTable } from '../../src/mcp/tools/get-table.js';
import { listFindings } from '../../src/mcp/tools/list-findings.js';
import { suggestGsi } from '../../src/mcp/tools/suggest-gsi.js';
import {
  BIN,
  ask,
  call,
  copyOrdersApp,
  eventually,
  firstOf,
  serveOrdersAppOverStdio,
  textOf,
} from './serve-helpers.js';

const { root, client } = serveOrdersAppOverStdio();

const EXPECTED_TOOLS = [
  'analyze_function',
  'check_change',
  'explain_rule',
  'get_graph_summary',
  'get_infra_overview',
  'get_table',
  'list_findings',
  'suggest_gsi',
];

describe('infrawise serve --stdio', () => {
  it('lists every tool with its input and output schema', async () => {
    const { tools } = await client.listTools();

    expect(tools.map(tool => tool.name).sort()).toEqual(EXPECTED_TOOLS);
    const analyzeFunction = tools.find(tool => tool.name === 'analyze_function');
    expect(Object.keys(analyzeFunction?.inputSchema.properties ?? {})).toEqual([
      'name',
      'file',
      'export',
    ]);
    expect(analyzeFunction?.outputSchema?.properties).toHaveProperty('graph');
  });

  it('gives the overview with counts, high findings and the status of every source', async () => {
    const result = await call(client, 'get_infra_overview');
    const overview = await ask(client, getInfraOverview);

    expect(overview.counts).toMatchObject({
      tables: 2,
      indexes: 1,
      lambdas: 6,
      queues: 1,
      streams: 1,
    });
    expect(overview.highFindings.map((finding: { ruleId: string }) => finding.ruleId)).toContain(
      'dynamodb/full-scan',
    );
    expect(overview.graph.sources).toContainEqual({
      kind: 'cloudformation',
      status: 'ok',
      filesRead: 1,
      failed: [],
    });
    expect(overview.graph.sources).toContainEqual({
      kind: 'terraform',
      status: 'not configured',
      filesRead: 0,
      failed: [],
    });
    expect(Date.parse(overview.graph.builtAt)).not.toBeNaN();
    expect(textOf(result)).toContain('graph built');
  });

  it('analyses a Lambda: tables with actions, the SQS event shape and the environment', async () => {
    const result = await ask(client, analyzeFunction, { name: 'PaymentConfirmedFunction' });
    const match = firstOf(result.matches);

    expect(match.kind).toBe('lambda');
    expect(match.codeFunction).toMatchObject({
      file: 'src/handlers/payment-confirmed.ts',
      name: 'handler',
    });
    expect(match.tables).toContainEqual(
      expect.objectContaining({ table: 'orders', resolved: true, actions: ['update'] }),
    );
    expect(firstOf(firstOf(match.tables).accesses).location).toMatchObject({
      file: 'src/lib/orders-repository.ts',
      line: 29,
    });
    expect(match.eventSources).toEqual([
      expect.objectContaining({
        type: 'sqs',
        name: 'Payments',
        source: '!GetAtt PaymentsQueue.Arn',
        batchSize: 10,
      }),
    ]);
    expect(firstOf(match.eventSources).eventShape).toContain('Records: [{ messageId');
    expect(match.environment).toContainEqual({
      name: 'ORDERS_TABLE',
      readInCode: true,
      values: [
        { lambda: 'PaymentConfirmedFunction', value: '!Ref OrdersTable', resolvesTo: 'orders' },
      ],
    });
    expect(match.publishes).toEqual([]);
  });

  it('analyses a code function reached by two Lambdas, with both event sources', async () => {
    const result = await ask(client, analyzeFunction, { name: 'setStatus' });
    const match = firstOf(result.matches);

    expect(match).toMatchObject({ kind: 'code-function', name: 'setStatus' });
    expect(match.lambdas.sort()).toEqual(['PaymentConfirmedFunction', 'UpdateStatusFunction']);
    expect(match.eventSources.map((event: { type: string }) => event.type).sort()).toEqual([
      'http-api',
      'sqs',
    ]);
    expect(match.tables.map((use: { table: string }) => use.table).sort()).toEqual([
      'orders',
      'orders-audit',
    ]);
  });

  it('returns every same-named code function, each with its location', async () => {
    const result = await ask(client, analyzeFunction, { name: 'handler' });
    const files = result.matches.map(match => match.codeFunction?.file);

    expect(files).toHaveLength(6);
    expect(files).toContain('src/handlers/list-orders.ts');
  });

  it('analyses a file and export', async () => {
    const result = await ask(client, analyzeFunction, {
      file: 'src/handlers/list-orders.ts',
      export: 'handler',
    });
    const match = firstOf(result.matches);

    expect(match.lambdas).toEqual(['ListOrdersFunction']);
    expect(firstOf(match.tables)).toMatchObject({ table: 'orders', actions: ['scan'] });
    expect(match.findings.map((finding: { ruleId: string }) => finding.ruleId)).toContain(
      'dynamodb/full-scan',
    );
  });

  it('describes a table with its keys, index, stream and code paths', async () => {
    const result = await ask(client, getTable, { name: 'orders' });
    const table = firstOf(result.tables);

    expect(table).toMatchObject({
      logicalId: 'OrdersTable',
      partitionKey: { name: 'orderId', type: 'S' },
      billingMode: 'PAY_PER_REQUEST',
      stream: { viewType: 'NEW_AND_OLD_IMAGES' },
    });
    expect(table.indexes[0]).toMatchObject({
      name: 'byCustomer',
      partitionKey: { name: 'customerId' },
    });
    expect(table.codePaths).toContainEqual(
      expect.objectContaining({ lambda: 'ListOrdersFunction', action: 'scan' }),
    );
    expect(table.codePaths).toHaveLength(6);
  });

  it('points at the existing index, or writes a CloudFormation GSI', async () => {
    const served = await ask(client, suggestGsi, { table: 'orders', partitionKey: 'customerId' });
    const missing = await ask(client, suggestGsi, { table: 'orders', partitionKey: 'status' });

    expect(firstOf(served.answers).servedBy).toEqual({ kind: 'global', name: 'byCustomer' });
    expect(firstOf(missing.answers).suggestion).toMatchObject({
      indexName: 'byStatus',
      format: 'cloudformation-yaml',
    });
    expect(firstOf(missing.answers).suggestion?.definition).toContain('- IndexName: byStatus');
  });

  it('lists findings filtered by rule and by resource', async () => {
    const scans = await ask(client, listFindings, { rule: 'dynamodb/full-scan' });
    const queue = await ask(client, listFindings, { resource: 'PaymentsQueue' });

    expect(scans.findings).toHaveLength(1);
    expect(firstOf(scans.findings).location).toMatchObject({
      file: 'src/lib/orders-repository.ts',
      line: 47,
    });
    expect(queue.findings.map((finding: { ruleId: string }) => finding.ruleId)).toEqual([
      'sqs/missing-dlq',
    ]);
  });

  it('pages through the graph with a cursor', async () => {
    const first = await ask(client, getGraphSummary, { kind: 'lambda', limit: 4 });
    const second = await ask(client, getGraphSummary, {
      kind: 'lambda',
      limit: 4,
      cursor: first.nextCursor,
    });

    expect(first.total).toBe(6);
    expect(first.nodes).toHaveLength(4);
    expect(second.nodes).toHaveLength(2);
    expect(second.nextCursor).toBeUndefined();
    expect(first.edges).toContainEqual(expect.objectContaining({ kind: 'handles' }));
  });

  it('reports the findings a proposed content adds and removes without saving it', async () => {
    const file = 'src/handlers/get-order.ts';
    const content = `import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { ddb } from '../lib/db';

export const handler = async () => ddb.send(new ScanCommand({ TableName: process.env.ORDERS_TABLE }));
`;
    const result = await ask(client, checkChange, { file, content });

    expect(result.added.map(finding => [finding.ruleId, finding.location.file])).toContainEqual([
      'dynamodb/full-scan',
      file,
    ]);
    expect(result.removed).toEqual([]);
    expect(readFileSync(join(root, file), 'utf8')).not.toContain('ScanCommand');
  });

  it('compares nothing when the proposed content does not parse, and says so', async () => {
    const file = 'src/lib/orders-repository.ts';
    const content = `${readFileSync(join(root, file), 'utf8')}\nexport const broken = (;\n`;

    const result = await call(client, 'check_change', { file, content });
    const structured = await ask(client, checkChange, { file, content });

    expect(structured).toMatchObject({
      file,
      compared: false,
      added: [],
      removed: [],
      fileStatus: { status: 'failed' },
    });
    expect(structured.fileStatus?.line).toBeGreaterThan(38);
    expect(firstOf(textOf(result).split('\n'))).toMatch(
      /^src\/lib\/orders-repository\.ts:\d+: the proposed content does not parse \(.+\), so no findings were compared for it\. Fix the syntax and check the change again\.$/,
    );
    expect(textOf(result)).not.toContain('removed');
  });

  it('compares nothing for a template that does not parse', async () => {
    const template = readFileSync(join(root, 'template.yaml'), 'utf8');
    const content = template.replace(/\nOutputs:[\s\S]*$/, '') + '\n  Broken: { Type: [unclosed\n';

    const structured = await ask(client, checkChange, { file: 'template.yaml', content });

    expect(structured).toMatchObject({
      compared: false,
      added: [],
      removed: [],
      fileStatus: { status: 'failed' },
    });
    expect(structured.fileStatus?.error).toContain('is not valid YAML');
  });

  it('explains a rule', async () => {
    const rule = await ask(client, explainRule, { rule: 'dynamodb/full-scan' });

    expect(rule).toMatchObject({ id: 'dynamodb/full-scan', severity: 'high' });
    expect(rule.rationale.length).toBeGreaterThan(20);
    expect(rule.limitations.length).toBeGreaterThan(0);
  });

  it('answers bad input with error results and keeps serving', async () => {
    const unknownFunction = await call(client, 'analyze_function', { name: 'NoSuchFunction' });
    const badArguments = await call(client, 'get_table', { name: 42 });
    const outside = await call(client, 'analyze_function', { file: '../../etc/passwd' });
    const unknownTool = await call(client, 'no_such_tool');
    const unknownRule = await call(client, 'explain_rule', { rule: 'dynamodb/nope' });

    expect(unknownFunction.isError).toBe(true);
    expect(textOf(unknownFunction)).toContain(
      'No Lambda or code function matches name "NoSuchFunction"',
    );
    expect(badArguments.isError).toBe(true);
    expect(textOf(badArguments)).toContain('Invalid arguments for tool get_table');
    expect(outside.isError).toBe(true);
    expect(textOf(outside)).toContain('is outside the repository');
    expect(unknownTool.isError).toBe(true);
    expect(textOf(unknownTool)).toContain('no_such_tool not found');
    expect(unknownRule.isError).toBe(true);
    expect(textOf(unknownRule)).toContain('Known rules: ');
    expect((await call(client, 'get_infra_overview')).isError).toBeFalsy();
  });

  it('answers from the edited file once it is saved, without a restart', async () => {
    const file = join(root, 'src/handlers/get-order.ts');
    writeFileSync(
      file,
      `import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { ddb } from '../lib/db';

export const handler = async () => ddb.send(new ScanCommand({ TableName: process.env.ORDERS_TABLE }));
`,
    );

    const result = await eventually(
      async () => await ask(client, analyzeFunction, { name: 'GetOrderFunction' }),
      answer => firstOf(firstOf(answer.matches).tables)?.actions.includes('scan') === true,
    );

    expect(firstOf(firstOf(result.matches).tables)).toMatchObject({
      table: 'orders',
      actions: ['scan'],
    });
  });
});

describe('stdout under --stdio', () => {
  it('carries protocol messages only, even with --verbose', async () => {
    const child = spawn(process.execPath, [BIN, 'serve', copyOrdersApp(), '--stdio', '--verbose'], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const send = (message: object) => child.stdin.write(`${JSON.stringify(message)}\n`);

    send({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: {
        protocolVersion: '2025-06-18',
        capabilities: {},
        clientInfo: { name: 't', version: '1' },
      },
    });
    send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    send({
      jsonrpc: '2.0',
      id: 2,
      method: 'tools/call',
      params: { name: 'get_infra_overview', arguments: {} },
    });
    await eventually(
      () => Promise.resolve(stdout),
      text => text.includes('"id":2'),
    );
    child.stdin.end();
    await new Promise(resolveExit => child.once('exit', resolveExit));

    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines.map(line => (JSON.parse(line) as { jsonrpc: string }).jsonrpc)).toEqual([
      '2.0',
      '2.0',
    ]);
    expect(stderr).toContain('mcp: graph built');
  });
});

describe('malformed lines under --stdio', () => {
  it('logs each one, answers those that name a request id, and goes on', async () => {
    const child = spawn(process.execPath, [BIN, 'serve', copyOrdersApp(), '--stdio'], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));

    child.stdin.write('this is not json\n[1,2,3]\n');
    child.stdin.write('{"jsonrpc":"2.0","id":7,"method":"tools/list","params":"str"}\n');
    child.stdin.write('{"id":8,"method":"ping"}\n');
    child.stdin.write('{"jsonrpc":"2.0","id":9,"method":"ping"}\n');
    await eventually(
      () => Promise.resolve(stdout),
      text => text.includes('"id":9'),
    );
    child.stdin.end();
    await new Promise(resolveExit => child.once('exit', resolveExit));

    const replies = stdout
      .trim()
      .split('\n')
      .map(line => JSON.parse(line) as { id: number; error?: { code: number; message: string } });
    expect(replies.map(reply => [reply.id, reply.error?.code])).toEqual([
      [7, -32600],
      [8, -32600],
      [9, undefined],
    ]);
    expect(replies[0]?.error?.message).toBe(
      'Invalid request: not a JSON-RPC 2.0 message ("params" is not an object).',
    );
    const warnings = stderr.split('\n').filter(line => line.includes('; ignored it.'));
    expect(warnings.map(line => /stdin line (\d+) is (.*?)[;(]/.exec(line)?.slice(1))).toEqual([
      ['1', 'not JSON '],
      ['2', 'not a JSON-RPC 2.0 message '],
      ['3', 'not a JSON-RPC 2.0 message '],
      ['4', 'not a JSON-RPC 2.0 message '],
    ]);
    expect(stderr).toContain('stdin line 2 is not a JSON-RPC 2.0 message (a JSON array');
    expect(stderr).toContain('stdin line 4 is not a JSON-RPC 2.0 message ("jsonrpc" is not "2.0")');
  });
});
