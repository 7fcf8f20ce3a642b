import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll } from 'vitest';

export const BIN = resolve('dist/cli/main.js');

const roots: string[] = [];
const children: ChildProcess[] = [];

afterAll(() => {
  for (const child of children.splice(0)) {
    child.kill();
  }
  for (const root of roots.splice(0)) {
    rmSync(root, { recursive: true, force: true });
  }
});

/** A fresh copy of examples/orders-app, so a test may edit it while a server watches it. */
export function copyOrdersApp(): string {
  const root = mkdtempSync(join(tmpdir(), 'infrawise-mcp-'));
  roots.push(root);
  cpSync(resolve('examples/orders-app'), root, { recursive: true });

  return root;
}

export function newClient(): Client {
  return new Client({ name: 'infrawise-test', version: '1.0.0' });
}

export async function call(
  client: Client,
  name: string,
  args: Record<string, unknown> = {},
): Promise<CallToolResult> {
  return (await client.callTool({ name, arguments: args })) as CallToolResult;
}

export function textOf(result: CallToolResult): string {
  return result.content.map(part => (part.type === 'text' ? part.text : '')).join('\n');
}

/** Structured content of a result, typed loosely: tests assert on concrete values. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read deep, known shapes
export function structured(result: CallToolResult): any {
  return result.structuredContent;
}

export interface HttpServer {
  child: ChildProcess;
  url: string;
  stderr: () => string;
}

/** Starts `serve --http --port 0` and waits for the address it reports. */
export async function startHttpServer(root: string, extra: string[] = []): Promise<HttpServer> {
  const child = spawn(process.execPath, [BIN, 'serve', root, '--http', '--port', '0', ...extra], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stderr = '';

  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`no address reported: ${stderr}`)), 20_000);
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(stderr);
      if (match?.[1]) {
        clearTimeout(timer);
        resolveUrl(match[1]);
      }
    });
    child.once('exit', code => reject(new Error(`server exited with ${code}: ${stderr}`)));
  });

  return { child, url, stderr: () => stderr };
}

/** Calls `read` until `isDone` holds for its result or the time runs out. */
export async function eventually<T>(
  read: () => Promise<T>,
  isDone: (value: T) => boolean,
  timeoutMs = 15_000,
): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await read();
    if (isDone(value) || Date.now() - started > timeoutMs) {
      return value;
    }
    await new Promise(resolveLater => setTimeout(resolveLater, 200));
  }
}
