import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll } from 'vitest';
import type { z } from 'zod';
import type { GraphStatus } from '../../src/mcp/graph-status.js';
import type { Tool } from '../../src/mcp/tool.js';

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

/**
 * A copy of the orders app served over stdio for the tests of one file: connected before them,
 * closed after them.
 */
export function serveOrdersAppOverStdio(): { root: string; client: Client } {
  const root = copyOrdersApp();
  const client = newClient();
  beforeAll(async () => {
    await client.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: [BIN, 'serve', root, '--stdio'],
        stderr: 'pipe',
      }),
    );
  });
  afterAll(async () => {
    await client.close();
  });

  return { root, client };
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

type OutputOf<T> =
  T extends Tool<z.ZodRawShape, infer Output>
    ? z.infer<z.ZodObject<Output>> & { graph: GraphStatus }
    : never;

/** Calls a tool and returns its structured content, typed by the tool's output schema. */
export async function ask<T extends Tool<z.ZodRawShape, z.ZodRawShape>>(
  client: Client,
  tool: T,
  args: Record<string, unknown> = {},
): Promise<OutputOf<T>> {
  const result = await call(client, tool.name, args);
  if (result.isError) {
    throw new Error(`${tool.name} answered an error: ${textOf(result)}`);
  }

  return result.structuredContent as OutputOf<T>;
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

/** The first item; fails the test when there is none. */
export function firstOf<T>(items: T[]): T {
  const [first] = items;
  if (first === undefined) {
    throw new Error('expected at least one item, got none');
  }

  return first;
}
