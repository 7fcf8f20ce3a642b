import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { messageOf } from '../errors.js';
import type { Logger } from '../logger.js';
import { createServer } from './create-server.js';
import { listenHttp } from './http-server.js';
import { screenStdin } from './screen-stdin.js';
import type { ToolContext } from './tool.js';

export interface Served {
  /** Settles when the client goes away (stdio) or the process is told to stop (HTTP). */
  closed: Promise<void>;
}

/**
 * Answers on stdin and stdout; stdout then carries protocol messages only. A malformed line is
 * logged as an error (under stdio only errors are logged unless asked) and, when it names a
 * request id, answered with an Invalid Request error.
 */
export async function serveStdio(
  context: ToolContext,
  version: string,
  logger: Logger,
): Promise<Served> {
  const server = createServer(context, version);
  const transport: StdioServerTransport = new StdioServerTransport(
    screenStdin(process.stdin, malformed => {
      logger.error(
        `mcp: stdin line ${malformed.line} is ${malformed.problem}; ignored it. Send one JSON-RPC 2.0 message per line.`,
      );
      if (malformed.reply) {
        void transport.send(malformed.reply);
      }
    }),
  );
  transport.onerror = error => logger.error(`mcp: stdio transport: ${messageOf(error)}`);
  const closed = new Promise<void>(resolve => {
    process.stdin.once('end', resolve);
    process.stdin.once('close', resolve);
  });
  await server.connect(transport);

  return { closed: closed.then(() => server.close()) };
}

export interface HttpServeOptions {
  host: string;
  port: number;
  token?: string;
  logger: Logger;
}

/** Answers Streamable HTTP at `/mcp` until SIGINT or SIGTERM. */
export async function serveHttp(
  context: ToolContext,
  version: string,
  options: HttpServeOptions,
): Promise<Served & { url: string }> {
  const { server, url } = await listenHttp(() => createServer(context, version), options);
  options.logger.info(`mcp: listening on ${url}${options.token ? ' (bearer token required)' : ''}`);
  const closed = new Promise<void>(resolve => {
    const stop = () => {
      server.close(() => resolve());
      server.closeAllConnections();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });

  return { url, closed };
}
