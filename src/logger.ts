import type { Writable } from 'node:stream';
import { cappedErrorText } from './error-text.js';
import { printable } from './printable.js';

export type LogLevel = 'quiet' | 'normal' | 'verbose';

export interface Logger {
  error(text: string): void;
  warn(text: string): void;
  info(text: string): void;
  step(text: string): void;
}

// A warning quotes a reader's error; a parser's report on a binary file runs to megabytes.
const MAX_LINE_CHARS = 1000;

const LEVEL_RANK: Record<LogLevel, number> = { quiet: 0, normal: 1, verbose: 2 };

/**
 * Logs go to stderr so stdout carries only results; the stream is a parameter so tests capture it.
 * Each line is made safe for a terminal (file names may hold control characters) and capped.
 */
export function createLogger(level: LogLevel, stream: Writable = process.stderr): Logger {
  const writerFor = (needed: LogLevel) => (text: string) => {
    if (LEVEL_RANK[needed] <= LEVEL_RANK[level]) {
      stream.write(`${printable(cappedErrorText(text, MAX_LINE_CHARS))}\n`);
    }
  };

  return {
    error: writerFor('quiet'),
    warn: writerFor('normal'),
    info: writerFor('normal'),
    step: writerFor('verbose'),
  };
}

export const silentLogger: Logger = {
  error: () => {},
  warn: () => {},
  info: () => {},
  step: () => {},
};
