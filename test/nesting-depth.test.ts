import { describe, expect, it } from 'vitest';
import { deepestNestingOf } from '../src/nesting-depth.js';

describe('deepestNestingOf', () => {
  it('counts brackets across lines and leading dashes, and names the first deepest line', () => {
    const source = 'a: [\n  {b: (c)},\n  - - [d]\n]\n';

    expect(deepestNestingOf(source)).toEqual({ depth: 4, line: 3 });
  });

  it('never counts a closing bracket without an opening one below zero', () => {
    expect(deepestNestingOf(')))\n[x]\n')).toEqual({ depth: 1, line: 2 });
  });
});
