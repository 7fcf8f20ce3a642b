import { parseSync } from 'oxc-parser';
import type { Program } from 'oxc-parser';
import { deepestNestingOf } from '../nesting-depth.js';
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

// oxc parses on the native stack, and around ten thousand nested brackets overflow it, which
// ends the whole process; our own tree walks recurse too. No code a person writes nests a
// thousand levels deep, so deeper files are refused before they are parsed.
// Limitation: brackets in strings, regular expressions and comments count too. Breaks on a
// file whose strings hold a thousand more `(` than `)`: it is skipped as nesting too deeply.
const MAX_NESTING = 1000;

/** The line where `source` nests brackets deeper than the parser can take, if it does. */
export function tooDeepLineOf(source: string): number | undefined {
  const nesting = deepestNestingOf(source);

  return nesting.depth > MAX_NESTING ? nesting.line : undefined;
}

export function parseFile(file: string, source: string): ParsedFile {
  const tooDeep = tooDeepLineOf(source);
  if (tooDeep !== undefined) {
    const error = `brackets nest more than ${MAX_NESTING} levels deep, too deeply to read`;
    return { ok: false, error, line: tooDeep };
  }

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
