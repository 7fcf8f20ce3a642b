import { parseSync } from 'oxc-parser';
import type { Program } from 'oxc-parser';
import type { Location } from '../location.js';

/** Offsets of line starts, so an offset turns into a 1-based line and column by binary search. */
export class LineTable {
  private readonly starts: number[] = [0];

  constructor(source: string) {
    for (let index = 0; index < source.length; index++) {
      if (source.charCodeAt(index) === 10) {
        this.starts.push(index + 1);
      }
    }
  }

  locate(file: string, offset: number): Location {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.starts[middle]! <= offset) {
        low = middle;
      } else {
        high = middle - 1;
      }
    }

    return { file, line: low + 1, column: offset - this.starts[low]! + 1 };
  }
}

export type ParsedFile =
  { ok: true; program: Program; lines: LineTable } | { ok: false; error: string; line: number };

// React projects write JSX in plain `.js` files; JSX is a superset of JavaScript, so reading
// every JavaScript file as JSX loses nothing.
const JS_FILE = /\.[cm]?js$/;

export function parseFile(file: string, source: string): ParsedFile {
  const lines = new LineTable(source);
  const result = JS_FILE.test(file)
    ? parseSync(file, source, { sourceType: 'module', lang: 'jsx' })
    : parseSync(file, source, { sourceType: 'module' });
  // Warnings and advice (an unused label, say) do not stop the scan; only errors do.
  const firstError = result.errors.find(error => String(error.severity) === 'Error');
  if (!firstError) {
    return { ok: true, program: result.program, lines };
  }

  const offset = firstError.labels[0]?.start ?? 0;

  return { ok: false, error: firstError.message, line: lines.locate(file, offset).line };
}
