import { request } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeFunction } from '../../src/mcp/tools/analyze-function.js';
import { getInfraOverview } from '../../src/mcp/tools/get-infra-overview.js';
import { getTable } from '../../src/mcp/tools/get-table.js';
import type { HttpServer } from './serve-helpers.js';
import { ask, copyOrdersApp, firstOf, newClient, startHttpServer } from './serve-helpers.js';

const INITIALIZE = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: {
    protocolVersion: '2025-06-18',
    capabilities: {},
    clientInfo: { name: 't', version: '1' },
  },
});

/** A raw POST, so a test can send the Host and Origin a browser page would. */
function post(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const sent = request(
      url,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          ...headers,
        },
      },
      response => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      },
    );
    sent.on('error', reject);
    sent.end(INITIALIZE);
  });
}

function nonLoopbackAddress(): string | undefined {
  return Object.values(networkInterfaces())
    .flat()
    .find(address => address && address.family === 'IPv4' && !address.internal)?.address;
}

function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise(resolve => {
    const socket = connect({ host, port, timeout: 2000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

describe('infrawise serve --http', () => {
  let server: HttpServer;

  beforeAll(async () => {
    server = await startHttpServer(copyOrdersApp());
  });

  it('binds to 127.0.0.1 and reports the address', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
  });

  it('answers tools over Streamable HTTP', async () => {
    const client = newClient();
    await client.connect(new StreamableHTTPClientTransport(new URL(server.url)));

    const { tools } = await client.listTools();
    const table = await ask(client, getTable, { name: 'orders' });
    const lambda = await ask(client, analyzeFunction, { name: 'ListOrdersFunction' });
    await client.close();

    expect(tools).toHaveLength(8);
    expect(firstOf(table.tables)).toMatchObject({
      logicalId: 'OrdersTable',
      partitionKey: { name: 'orderId' },
    });
    expect(firstOf(firstOf(lambda.matches).eventSources)).toMatchObject({
      type: 'http-api',
      route: 'GET /orders',
    });
    expect(firstOf(firstOf(lambda.matches).eventSources).eventShape).toContain('routeKey');
  });

  it('answers a request from a local origin', async () => {
    const answer = await post(server.url, { origin: 'http://localhost:5173' });

    expect(answer.status).toBe(200);
  });

  it('refuses a foreign Origin', async () => {
    const answer = await post(server.url, { origin: 'http://evil.example' });

    expect(answer.status).toBe(403);
    expect(answer.body).toContain('Origin \\"http://evil.example\\" is not local');
  });

  it('refuses a foreign Host, as a rebound DNS name sends', async () => {
    const answer = await post(server.url, { host: 'evil.example' });

    expect(answer.status).toBe(403);
    expect(answer.body).toContain('Host \\"evil.example\\" is not local');
  });

  it('cannot be reached on the machine’s non-loopback address', async () => {
    const address = nonLoopbackAddress();
    const port = Number(new URL(server.url).port);
    if (!address) {
      // Only loopback exists here: nothing beyond it can listen, which is what the test asks.
      expect(await canConnect('127.0.0.1', port)).toBe(true);
      return;
    }

    expect(await canConnect('127.0.0.1', port)).toBe(true);
    expect(await canConnect(address, port)).toBe(false);
  });
});

describe('infrawise serve --http --token', () => {
  let server: HttpServer;

  beforeAll(async () => {
    server = await startHttpServer(copyOrdersApp(), ['--token', 's3cret']);
  });

  afterAll(() => {
    server.child.kill();
  });

  it('refuses a request without the token', async () => {
    const missing = await post(server.url, {});
    const wrong = await post(server.url, { authorization: 'Bearer guess' });

    expect(missing.status).toBe(401);
    expect(missing.body).toContain('bearer token');
    expect(wrong.status).toBe(401);
  });

  it('answers a client that sends the token', async () => {
    const client = newClient();
    const transport = new StreamableHTTPClientTransport(new URL(server.url), {
      requestInit: { headers: { authorization: 'Bearer s3cret' } },
    });
    await client.connect(transport);

    const overview = await ask(client, getInfraOverview);
    await client.close();

    expect(overview.counts.tables).toBe(2);
  });
});
