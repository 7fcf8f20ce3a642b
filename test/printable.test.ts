import { describe, expect, it } from 'vitest';
import { printable } from '../src/printable.js';

describe('printable', () => {
  it('escapes escape sequences and newlines of a file name', () => {
    expect(printable('a\u001b[31mRED\nfake.yaml')).toBe('a\\x1b[31mRED\\nfake.yaml');
  });

  it('escapes DEL and C1 controls and keeps other text as it is', () => {
    expect(printable('x\u007fy\u009bz café ✓')).toBe('x\\x7fy\\x9bz café ✓');
  });
});
