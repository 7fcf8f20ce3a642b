import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeApp } from '../helpers/app.js';
import { BIN } from './serve-helpers.js';

function infrawise(args: string[]) {
  return spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 20_000 });
}

describe('infrawise mcp install', () => {
  it('writes the config of each editor named, once', () => {
    const root = writeApp({
      '.mcp.json': JSON.stringify({ mcpServers: { other: { command: 'x' } } }),
    });

    const first = infrawise(['mcp', 'install', root, '--claude', '--vscode']);
    const second = infrawise(['mcp', 'install', root, '--claude']);

    expect(first.status).toBe(0);
    expect(first.stdout).toContain('.mcp.json: added the "infrawise" server.');
    expect(first.stdout).toContain('.vscode/mcp.json: added the "infrawise" server.');
    expect(second.stdout).toContain(
      '.mcp.json: already has the "infrawise" server; nothing changed.',
    );
    const written = JSON.parse(readFileSync(join(root, '.mcp.json'), 'utf8')) as {
      mcpServers: Record<string, unknown>;
    };
    expect(Object.keys(written.mcpServers)).toEqual(['other', 'infrawise']);
  });

  it('exits 2 when no editor is named', () => {
    const result = infrawise(['mcp', 'install', writeApp({})]);

    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Name the editor: --claude, --cursor or --vscode');
  });
});

describe('infrawise serve', () => {
  it('refuses to bind beyond loopback without a token', () => {
    const result = infrawise(['serve', writeApp({}), '--http', '--host', '0.0.0.0', '--port', '0']);

    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--host 0.0.0.0 lets other machines connect. Add --token');
  });

  it('exits 2 on a root that is not a directory', () => {
    const result = infrawise(['serve', '/no/such/dir', '--stdio']);

    expect(result.status).toBe(2);
    expect(result.stderr).toContain('"/no/such/dir" is not a directory');
  });
});
