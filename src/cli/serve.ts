import { existsSync, statSync } from 'node:fs';
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { UserError } from '../errors.js';
import type { LogLevel } from '../logger.js';
import { createLogger } from '../logger.js';
import { openRepository } from '../mcp/open-repository.js';
import { serveHttp, serveStdio } from '../mcp/serve.js';
import { EXIT } from './exit-codes.js';

interface ServeOptions {
  stdio?: boolean;
  http?: boolean;
  port: number;
  host: string;
  token?: string;
  config?: string;
  verbose?: boolean;
  quiet?: boolean;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new InvalidArgumentError(
      `--port "${value}" is not a port. Use a whole number from 0 to 65535.`,
    );
  }

  return port;
}

/** `infrawise serve`: the MCP server over stdio (for editors) or Streamable HTTP. */
export function registerServeCommand(
  program: Command,
  setExitCode: (code: number) => void,
  version: string,
): void {
  program
    .command('serve')
    .description('answer MCP tool calls about the repository, over stdio or Streamable HTTP')
    .argument('[path]', 'repository to serve', '.')
    .option('--stdio', 'speak MCP on stdin and stdout (the default; for editors)')
    .option('--http', 'speak MCP over Streamable HTTP at /mcp')
    .option('--port <port>', 'HTTP port (0 picks a free one)', parsePort, 3000)
    .option('--host <address>', 'HTTP address to bind', '127.0.0.1')
    .option('--token <token>', 'bearer token every HTTP request must carry')
    .option('--config <file>', 'config file (default: infrawise.yaml in the served root)')
    .option('--verbose', 'log each rebuild and stage to stderr')
    .option('--quiet', 'log errors only')
    .action(async (path: string, options: ServeOptions, command: Command) => {
      checkHttpOnlyOptions(options, command);
      setExitCode(await serve(path, options, version));
    });
}

async function serve(path: string, options: ServeOptions, version: string): Promise<number> {
  const root = checkedRoot(path);
  checkTransport(options);
  if (options.stdio || !options.http) {
    guardStdout();
  }

  const logger = createLogger(logLevelOf(options));
  const configPath = options.config === undefined ? undefined : resolve(options.config);
  const repository = await openRepository({ root, configPath, logger });
  // Closing stops the watcher and the store, which would otherwise keep the process alive.
  try {
    const served = options.http
      ? await serveHttp(repository.context, version, {
          host: options.host,
          port: options.port,
          token: options.token,
          logger,
        })
      : await serveStdio(repository.context, version, logger);
    await served.closed;
  } finally {
    await repository.close();
  }

  return EXIT.OK;
}

function checkedRoot(path: string): string {
  const root = resolve(path);
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    throw new UserError(
      'root-missing',
      `"${path}" is not a directory. Give the path of the repository to serve.`,
    );
  }

  return root;
}

const HTTP_ONLY_OPTIONS = ['port', 'host', 'token'] as const;

// Port and host have defaults, so only where a value came from tells whether it was given.
function checkHttpOnlyOptions(options: ServeOptions, command: Command): void {
  if (options.http) {
    return;
  }

  const given = HTTP_ONLY_OPTIONS.filter(name => command.getOptionValueSource(name) === 'cli');
  if (given.length > 0) {
    const flags = given.map(name => `--${name}`).join(', ');
    throw new UserError(
      'serve-http-only',
      `${flags} ${given.length === 1 ? 'applies' : 'apply'} to --http only; stdio has no port, address or token. Add --http, or leave ${given.length === 1 ? 'it' : 'them'} out.`,
    );
  }
}

function checkTransport(options: ServeOptions): void {
  if (options.stdio && options.http) {
    throw new UserError(
      'serve-transport',
      'Give --stdio or --http, not both. Editors start the server with --stdio.',
    );
  }
  if (options.token !== undefined && options.token.trim() === '') {
    throw new UserError(
      'serve-empty-token',
      '--token is empty, which would let any request in; give a non-empty secret, e.g. --token "$(openssl rand -hex 16)".',
    );
  }
  const exposed = options.http && !LOOPBACK.has(options.host) && isIP(options.host) !== 0;
  if (exposed && options.token === undefined) {
    throw new UserError(
      'serve-exposed',
      `--host ${options.host} lets other machines connect. Add --token <secret> so every request must carry it, or bind to 127.0.0.1.`,
    );
  }
}

// Under stdio, stdout belongs to the protocol: quiet unless asked, and only to stderr.
function logLevelOf(options: ServeOptions): LogLevel {
  if (options.verbose) {
    return 'verbose';
  }

  return options.quiet || !options.http ? 'quiet' : 'normal';
}

// A dependency that writes to the console would corrupt the protocol stream; send it to stderr.
function guardStdout(): void {
  const toStderr = (...values: unknown[]) => console.error(...values);
  console.log = toStderr;
  console.info = toStderr;
  console.debug = toStderr;
}
