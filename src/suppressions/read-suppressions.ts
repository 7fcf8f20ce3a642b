import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Location } from '../location.js';

/**
 * One rule of an `infrawise-ignore-next-line <rule-id>[, <rule-id>…] -- reason` comment; a
 * comment naming several rules gives one suppression each.
 */
export interface Suppression {
  ruleId: string;
  reason?: string;
  /** Where the comment is. */
  location: Location;
  /** The line it applies to: the next one that is not itself a suppression comment. */
  appliesToLine: number;
}

const MARKER = 'infrawise-ignore-next-line';

// `//` in code, `#` in YAML and HCL; rule ids are separated by commas or spaces, and the
// reason follows ` -- `.
const SUPPRESSION =
  /(?:\/\/|#|\/\*)\s*infrawise-ignore-next-line\s+(.+?)(?:\s+--\s*(.*?))?\s*(?:\*\/)?\s*$/;

/**
 * Reads the suppression comments of files that were read successfully; a file in `known` is
 * taken from there instead of the disk.
 */
export async function readSuppressions(
  root: string,
  files: string[],
  known?: ReadonlyMap<string, string>,
): Promise<Suppression[]> {
  const perFile = await Promise.all(
    files.map(async file => {
      const text = known?.get(file) ?? (await readFile(join(root, file), 'utf8').catch(() => ''));
      return suppressionsIn(file, text);
    }),
  );

  return perFile.flat();
}

function suppressionsIn(file: string, text: string): Suppression[] {
  if (!text.includes(MARKER)) {
    return [];
  }

  const lines = text.split('\n');
  const matches = lines.map(line => SUPPRESSION.exec(line));

  return matches.flatMap((match, index) => {
    if (!match?.[1]) {
      return [];
    }
    const reason = match[2]?.trim();
    const line = lines[index] ?? '';
    const location = { file, line: index + 1, column: line.indexOf(MARKER) + 1 };
    let appliesToLine = index + 2;
    while (matches[appliesToLine - 1]) {
      appliesToLine++;
    }
    return ruleIdsOf(match[1]).map(ruleId => ({
      ruleId,
      ...(reason ? { reason } : {}),
      location,
      appliesToLine,
    }));
  });
}

function ruleIdsOf(list: string): string[] {
  return list.split(/[\s,]+/).filter(id => id !== '');
}
