import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Location } from '../location.js';

/** An `infrawise-ignore-next-line <rule-id> -- reason` comment. */
export interface Suppression {
  ruleId: string;
  reason?: string;
  /** Where the comment is; it applies to the line after it. */
  location: Location;
}

const MARKER = 'infrawise-ignore-next-line';

// `//` in code, `#` in YAML and HCL; the reason follows ` -- `.
const SUPPRESSION =
  /(?:\/\/|#|\/\*)\s*infrawise-ignore-next-line\s+(\S+)(?:\s+--\s*(.*?))?\s*(?:\*\/)?\s*$/;

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

  return text.split('\n').flatMap((line, index) => {
    const match = SUPPRESSION.exec(line);
    if (!match?.[1]) {
      return [];
    }
    const reason = match[2]?.trim();
    const location = { file, line: index + 1, column: line.indexOf(MARKER) + 1 };
    return [reason ? { ruleId: match[1], reason, location } : { ruleId: match[1], location }];
  });
}
