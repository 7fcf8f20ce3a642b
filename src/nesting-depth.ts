export interface Nesting {
  depth: number;
  /** 1-based line where that depth is first reached. */
  line: number;
}

const LEADING_DASHES = /^\s*((?:-\s+)+)/;

/**
 * How deep a file nests, counting open brackets and the leading `- ` of YAML block sequences:
 * a cheap scan that lets a reader refuse a file its parser would recurse on without end.
 */
export function deepestNestingOf(source: string): Nesting {
  const deepest: Nesting = { depth: 0, line: 1 };
  let brackets = 0;
  source.split('\n').forEach((text, index) => {
    const dashes = LEADING_DASHES.exec(text)?.[1]?.match(/-/g)?.length ?? 0;
    for (const character of text) {
      if (character === '[' || character === '{' || character === '(') {
        brackets++;
      } else if (character === ']' || character === '}' || character === ')') {
        // A closing bracket in a string or comment may have no opening one; never count below 0.
        brackets = Math.max(0, brackets - 1);
      }

      if (brackets + dashes > deepest.depth) {
        deepest.depth = brackets + dashes;
        deepest.line = index + 1;
      }
    }
  });

  return deepest;
}
