import type { Writable } from 'node:stream';

export type LogLevel = 'quiet' | 'normal' | 'verbose';

export interface Logger {
  error(text: string): void;
  warn(text: string): void;
  info(text: string): void;
  step(text: string): void;
}

const LEVEL_RANK: Record<LogLevel, number> = { quiet: 0, normal: 1, verbose: 2 };

/** Logs go to stderr so stdout carries only results; the stream is a parameter so tests capture it. */
export function createLogger(level: LogLevel, stream: Writable = process.stderr): Logger {
  const writerFor = (needed: LogLevel) => (text: string) => {
    if (LEVEL_RANK[needed] <= LEVEL_RANK[level]) {
      stream.write(`${text}\n`);
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
