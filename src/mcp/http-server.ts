import { createServer as createHttpServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { UserError, messageOf } from '../errors.js';
import type { Logger } from '../logger.js';
import type { GuardOptions } from './request-guard.js';
import { refusalOf } from './request-guard.js';

export const MCP_PATH = '/mcp';

export interface HttpOptions extends GuardOptions {
  host: string;
  port: number;
  logger: Logger;
}

/**
 * Serves Streamable HTTP at `/mcp`, stateless: each request gets its own server and transport,
 * so no session outlives a request and every answer comes from the store's newest graph.
 */
export async function listenHttp(
  newServer: () => McpServer,
  options: HttpOptions,
): Promise<{ server: Server; url: string }> {
  const server = createHttpServer((request, response) => {
    handle(request, response, newServer, options).catch((error: unknown) => {
      options.logger.error(`mcp: request failed: ${messageOf(error)}`);
      reply(response, 500, 'Internal error; the server goes on. Run with --verbose for details.');
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', error => reject(listenError(error, options)));
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return { server, url: `http://${host}:${address.port}${MCP_PATH}` };
}

// Every way `listen` fails comes from the address or port the user chose, so each is theirs to fix.
function listenError(error: NodeJS.ErrnoException, options: HttpOptions): UserError {
  const where = `${options.host}:${options.port}`;
  switch (error.code) {
    case 'EADDRINUSE':
      return new UserError(
        'serve-port-in-use',
        `Port ${options.port} on ${options.host} is in use. Pick another with --port, or --port 0 for a free one.`,
      );
    case 'EACCES':
      return new UserError(
        'serve-port-denied',
        `Port ${options.port} on ${options.host} needs privileges this process lacks. Pick a port above 1023 with --port, or --port 0 for a free one.`,
      );
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new UserError(
        'serve-host-unknown',
        `--host ${options.host} is not an address of this machine. Give one of its addresses, such as 127.0.0.1.`,
      );
    default:
      return new UserError(
        'serve-listen-failed',
        `Cannot listen on ${where}: ${messageOf(error)}. Pick another --host or --port.`,
      );
  }
}

async function handle(
  request: IncomingMessage,
  response: ServerResponse,
  newServer: () => McpServer,
  options: HttpOptions,
): Promise<void> {
  const refusal = refusalOf(request.headers, options);
  if (refusal) {
    options.logger.warn(
      `mcp: refused ${request.method ?? ''} ${request.url ?? ''}: ${refusal.message}`,
    );
    reply(response, refusal.status, refusal.message, refusal.status === 401);
    return;
  }
  if (new URL(request.url ?? '/', 'http://localhost').pathname !== MCP_PATH) {
    reply(response, 404, `Nothing here. The MCP endpoint is ${MCP_PATH}.`);
    return;
  }
  if (request.method !== 'POST') {
    reply(response, 405, 'This server is stateless: send requests with POST.');
    return;
  }

  const mcp = newServer();
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  response.on('close', () => {
    void transport.close();
    void mcp.close();
  });
  await mcp.connect(transport);
  await transport.handleRequest(request, response);
}

function reply(
  response: ServerResponse,
  status: number,
  message: string,
  askForToken = false,
): void {
  if (response.headersSent) {
    response.end();
    return;
  }

  const body = JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message }, id: null });
  response.writeHead(status, {
    'content-type': 'application/json',
    ...(askForToken ? { 'www-authenticate': 'Bearer' } : {}),
  });
  response.end(body);
}
