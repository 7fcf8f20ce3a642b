import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeApp } from '../helpers/app.js';
import { BIN } from './serve-helpers.js';

function infrawise(args: string[]) {
  return spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 20_000 });
}

/** Runs the CLI without blocking this process, so a server the test holds can still answer. */
function infrawiseAsync(
  args: string[],
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise(resolveRun => {
    const child = spawn(process.execPath, [BIN, ...args], { timeout: 20_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('close', status => resolveRun({ status, stdout, stderr }));
  });
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
  it('writes the other editors when one config cannot be written, then exits 2', () => {
    const root = writeApp({});
    mkdirSync(join(root, '.mcp.json'));

    const result = infrawise(['mcp', 'install', root, '--claude', '--cursor', '--vscode']);

    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      '.mcp.json is a folder, not a file. Move or remove the folder, then run "infrawise mcp install" again.\n',
    );
    expect(result.stdout).toBe(
      '.cursor/mcp.json: added the "infrawise" server.\n.vscode/mcp.json: added the "infrawise" server.\n',
    );
    expect(readdirSync(root).sort()).toEqual(['.cursor', '.mcp.json', '.vscode']);
    expect(readdirSync(join(root, '.mcp.json'))).toEqual([]);
  });

  it('refuses a path that does not exist or is a file, creating nothing', () => {
    const root = writeApp({ 'package.json': '{}' });
    const missing = join(root, 'no-such-repo');

    const absent = infrawise(['mcp', 'install', missing, '--claude']);
    const file = infrawise(['mcp', 'install', join(root, 'package.json'), '--claude']);

    expect(absent.status).toBe(2);
    expect(absent.stderr).toBe(
      `"${missing}" does not exist. Give the path of the repository whose editor config to write.\n`,
    );
    expect(file.status).toBe(2);
    expect(file.stderr).toContain('package.json" is a file, not a directory.');
    expect(readdirSync(root)).toEqual(['package.json']);
  });

  it('keeps a customised "infrawise" server and says so', () => {
    const mine = JSON.stringify({ mcpServers: { infrawise: { command: 'node', args: ['x.js'] } } });
    const root = writeApp({ '.mcp.json': mine });

    const result = infrawise(['mcp', 'install', root, '--claude']);

    expect(result.status).toBe(0);
    expect(result.stdout).toBe(
      '.mcp.json: kept the existing "infrawise" server, which differs from the one infrawise writes; remove it first, or run again with --force, to have it rewritten.\n',
    );
    expect(readFileSync(join(root, '.mcp.json'), 'utf8')).toBe(mine);
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

  it('refuses an empty --token on any host', () => {
    for (const host of ['0.0.0.0', '127.0.0.1']) {
      const result = infrawise(['serve', writeApp({}), '--http', '--host', host, '--token', '']);

      expect(result.status).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(
        '--token is empty, which would let any request in; give a non-empty secret, e.g. --token "$(openssl rand -hex 16)".\n',
      );
    }
  });

  it('refuses --port, --host and --token without --http', () => {
    const root = writeApp({});

    const one = infrawise(['serve', root, '--host', '0.0.0.0']);
    const two = infrawise(['serve', root, '--stdio', '--port', '4000', '--token', 'abc']);

    expect(one.status).toBe(2);
    expect(one.stderr).toContain('--host applies to --http only');
    expect(two.status).toBe(2);
    expect(two.stderr).toContain('--port, --token apply to --http only');
  });

  it('exits 2 when the port is in use, naming it', async () => {
    const holder = createServer();
    await new Promise<void>(resolveListen => holder.listen(0, '127.0.0.1', resolveListen));
    const { port } = holder.address() as AddressInfo;

    const result = await infrawiseAsync(['serve', writeApp({}), '--http', '--port', String(port)]);
    holder.close();

    expect(result.status).toBe(2);
    expect(result.stderr).toContain(
      `Port ${port} on 127.0.0.1 is in use. Pick another with --port, or --port 0 for a free one.`,
    );
    expect(result.stderr).not.toContain('This is a bug');
  });
});
