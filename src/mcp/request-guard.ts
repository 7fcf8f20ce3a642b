import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

const LOCAL_HOSTNAMES = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

export interface GuardOptions {
  /** Bearer token every request must carry; absent means none is asked for. */
  token?: string;
}

export type Refusal = { status: 401 | 403; message: string } | undefined;

/**
 * Refuses what a web page in a browser could send to a local server (DNS rebinding): an `Origin`
 * that is not local, and, unless a token is asked for, a `Host` that is not local. With a token,
 * a request without it is refused wherever it comes from.
 */
export function refusalOf(headers: IncomingHttpHeaders, options: GuardOptions): Refusal {
  const origin = headers.origin;
  if (origin !== undefined && !isLocalOrigin(origin)) {
    return {
      status: 403,
      message: `Origin "${origin}" is not local. Only pages served from localhost may call this server.`,
    };
  }

  if (options.token !== undefined) {
    return hasToken(headers.authorization, options.token)
      ? undefined
      : {
          status: 401,
          message:
            'Missing or wrong bearer token. Send "Authorization: Bearer <token>" with the token given to --token.',
        };
  }

  const host = headers.host;
  if (!host || !LOCAL_HOSTNAMES.has(hostnameOf(host))) {
    return {
      status: 403,
      message: `Host "${host ?? ''}" is not local. Connect through localhost or 127.0.0.1, or start the server with --token.`,
    };
  }

  return undefined;
}

function hostnameOf(host: string): string {
  return host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : (host.split(':')[0] ?? '');
}

function isLocalOrigin(origin: string): boolean {
  try {
    return LOCAL_HOSTNAMES.has(new URL(origin).hostname);
  } catch {
    return false;
  }
}

function hasToken(authorization: string | undefined, token: string): boolean {
  const given = Buffer.from(authorization?.replace(/^Bearer\s+/i, '') ?? '');
  const expected = Buffer.from(token);

  return given.length === expected.length && timingSafeEqual(given, expected);
}
