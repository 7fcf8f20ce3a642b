import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { messageOf } from './errors.js';

/** A file's text, or why it could not be read, said so that it can follow `Skipped "file": `. */
export type SourceText =
  | {
      ok: true;
      text: string;
      /** The first line holding bytes that are not UTF-8. */ invalidUtf8Line?: number;
    }
  | {
      ok: false;
      reason: string;
      /** The file does not exist (rather than being unreadable). */ missing: boolean;
    };

/** Reads a file as UTF-8, noting where its bytes stop being UTF-8 instead of hiding it. */
export function readSourceText(absolutePath: string): SourceText {
  try {
    return { ok: true, ...decodeUtf8(readFileSync(absolutePath)) };
  } catch (error) {
    return failedRead(error);
  }
}

export async function readSourceTextAsync(absolutePath: string): Promise<SourceText> {
  try {
    return { ok: true, ...decodeUtf8(await readFile(absolutePath)) };
  } catch (error) {
    return failedRead(error);
  }
}

function failedRead(error: unknown): SourceText {
  const missing = (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';

  return { ok: false, reason: unreadableReason(error), missing };
}

const STRICT = new TextDecoder('utf-8', { fatal: true });
const LENIENT = new TextDecoder('utf-8');

/** The text of `bytes`, with U+FFFD for bytes that are not UTF-8 and the line of the first. */
export function decodeUtf8(bytes: Uint8Array): { text: string; invalidUtf8Line?: number } {
  try {
    return { text: STRICT.decode(bytes) };
  } catch {
    return { text: LENIENT.decode(bytes), invalidUtf8Line: lineOfFirstInvalidByte(bytes) };
  }
}

// The shortest prefix that fails to decode ends at the first invalid byte; streaming decodes
// leave a sequence cut at the end of a prefix pending instead of failing on it.
function lineOfFirstInvalidByte(bytes: Uint8Array): number {
  let valid = 0;
  let invalid = bytes.length;
  while (invalid - valid > 1) {
    const middle = Math.floor((valid + invalid) / 2);
    if (decodesAsPrefix(bytes.subarray(0, middle))) {
      valid = middle;
    } else {
      invalid = middle;
    }
  }

  return bytes.subarray(0, valid).filter(byte => byte === 0x0a).length + 1;
}

function decodesAsPrefix(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** The warning for a file whose bytes are not all UTF-8. */
export function invalidUtf8Warning(path: string, line: number): string {
  return `"${path}" is not valid UTF-8 at line ${line}; names read from it may be wrong. Save it as UTF-8.`;
}

/** Why a file could not be read, and how to fix it. */
export function unreadableReason(error: unknown): string {
  return `it could not be read (${systemMessageOf(error)}). Check its permissions, or leave it out with "exclude" in infrawise.yaml.`;
}

/** Why a folder could not be listed, and how to fix it. */
export function unreadableFolderReason(error: unknown): string {
  return `the folder could not be read (${systemMessageOf(error)}), so no code or infrastructure in it was scanned. Check its permissions, or leave it out with "exclude" in infrawise.yaml.`;
}

// `EACCES: permission denied, open '/abs/path'`: the path is named by the message around it.
function systemMessageOf(error: unknown): string {
  return messageOf(error).replace(/, [a-z]+(?: '.*')?$/, '');
}
