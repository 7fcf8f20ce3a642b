import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, copyOrdersApp } from './serve-helpers.js';

// The inspector needs Node 22 or later while infrawise supports Node 20, so it is not a
// dependency: this test runs when both are provided (see the MCP section of the README).
const INSPECTOR_NODE = process.env.INFRAWISE_INSPECTOR_NODE;
const INSPECTOR_DIR = process.env.INFRAWISE_INSPECTOR_DIR;

function inspectorBin(directory: string): string {
  const packageDirectory = join(directory, 'node_modules', '@modelcontextprotocol', 'inspector');
  const manifest = JSON.parse(readFileSync(join(packageDirectory, 'package.json'), 'utf8')) as {
    bin: Record<string, string>;
  };
  const bin = manifest.bin['mcp-inspector'] ?? Object.values(manifest.bin)[0] ?? '';

  return join(packageDirectory, bin);
}

function inspect(node: string, directory: string, root: string, args: string[]) {
  const result = spawnSync(
    node,
    [inspectorBin(directory), '--cli', process.execPath, BIN, 'serve', root, '--stdio', ...args],
    {
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, PATH: `${dirname(node)}:${process.env.PATH ?? ''}` },
    },
  );

  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe.skipIf(!INSPECTOR_NODE || !INSPECTOR_DIR)('the MCP inspector in CLI mode', () => {
  const node = INSPECTOR_NODE ?? '';
  const directory = INSPECTOR_DIR ?? '';
  const root = copyOrdersApp();

  it('lists the tools', () => {
    const result = inspect(node, directory, root, ['--method', 'tools/list']);
    const listed = JSON.parse(result.stdout) as { tools: Array<{ name: string }> };

    expect(result.status).toBe(0);
    expect(listed.tools.map(tool => tool.name)).toContain('analyze_function');
    expect(listed.tools).toHaveLength(8);
  });

  it('calls analyze_function and gets the Lambda’s table and event source', () => {
    const result = inspect(node, directory, root, [
      '--method',
      'tools/call',
      '--tool-name',
      'analyze_function',
      '--tool-arg',
      'name=ListOrdersFunction',
    ]);
    const answer = JSON.parse(result.stdout) as {
      structuredContent: {
        matches: Array<{
          tables: Array<{ table: string; actions: string[] }>;
          eventSources: Array<{ route?: string }>;
        }>;
      };
    };
    const [match] = answer.structuredContent.matches;

    expect(result.status).toBe(0);
    expect(match?.tables).toEqual([
      expect.objectContaining({ table: 'orders', actions: ['scan'] }),
    ]);
    expect(match?.eventSources[0]?.route).toBe('GET /orders');
  });
});
