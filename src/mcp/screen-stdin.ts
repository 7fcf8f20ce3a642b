import type { Readable } from 'node:stream';
import { Transform } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { ErrorCode, JSONRPCMessageSchema } from '@modelcontextprotocol/sdk/types.js';

/** A line of stdin that is not one JSON-RPC message, and the reply it is owed, if any. */
export interface MalformedLine {
  /** 1-based, counting every line read from stdin. */
  line: number;
  problem: string;
  /** An error response when the line named a request id; else nothing can be answered. */
  reply?: JSONRPCMessage;
}

// The SDK's own read buffer refuses a longer line; past it the rest is handed on unscreened.
const MAX_LINE = 10 * 1024 * 1024;

/**
 * Passes on each line of `input` that is a JSON-RPC message and tells `onMalformed` about every
 * other line, which the SDK's stdio transport would otherwise drop without a word.
 */
export function screenStdin(
  input: Readable,
  onMalformed: (malformed: MalformedLine) => void,
): Readable {
  // A chunk may end inside a multi-byte character; the decoder holds it for the next chunk.
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let lineNumber = 0;
  const screened = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      pending += decoder.write(chunk);
      let end = pending.indexOf('\n');
      while (end !== -1) {
        const line = pending.slice(0, end + 1);
        pending = pending.slice(end + 1);
        lineNumber += 1;
        passOrReport(line, lineNumber, text => this.push(text), onMalformed);
        end = pending.indexOf('\n');
      }
      if (pending.length > MAX_LINE) {
        this.push(pending);
        pending = '';
      }
      done();
    },
  });

  return input.pipe(screened);
}

function passOrReport(
  line: string,
  lineNumber: number,
  pass: (text: string) => void,
  onMalformed: (malformed: MalformedLine) => void,
): void {
  const text = line.replace(/\r?\n$/, '');
  if (text.trim() === '') {
    return;
  }

  const problem = problemOf(text);
  if (problem === undefined) {
    pass(line);
    return;
  }

  onMalformed({ line: lineNumber, ...problem });
}

function problemOf(text: string): Omit<MalformedLine, 'line'> | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { problem: `not JSON (${detail})` };
  }

  const checked = JSONRPCMessageSchema.safeParse(parsed);
  if (checked.success) {
    return undefined;
  }

  const problem = `not a JSON-RPC 2.0 message (${describeShape(parsed)})`;
  const id = requestIdOf(parsed);

  return id === undefined ? { problem } : { problem, reply: invalidRequest(id, problem) };
}

function describeShape(parsed: unknown): string {
  if (!isRecord(parsed)) {
    return `a JSON ${Array.isArray(parsed) ? 'array' : typeof parsed}, not an object`;
  }
  if (parsed.jsonrpc !== '2.0') {
    return '"jsonrpc" is not "2.0"';
  }
  if ('params' in parsed && !isRecord(parsed.params)) {
    return '"params" is not an object';
  }

  return 'unexpected fields or types';
}

// Only a request is answered: a reply to a malformed response or notification has no reader.
function requestIdOf(parsed: unknown): string | number | undefined {
  if (!isRecord(parsed) || typeof parsed.method !== 'string') {
    return undefined;
  }

  const id = parsed.id;

  return typeof id === 'string' || typeof id === 'number' ? id : undefined;
}

function invalidRequest(id: string | number, problem: string): JSONRPCMessage {
  return {
    jsonrpc: '2.0',
    id,
    error: { code: ErrorCode.InvalidRequest, message: `Invalid request: ${problem}.` },
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
