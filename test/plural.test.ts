import { describe, expect, it } from 'vitest';
import { plural } from '../src/plural.js';

describe('plural', () => {
  it('uses the singular for one and the plural otherwise', () => {
    expect([plural(1, 'template'), plural(0, 'template'), plural(2, 'template')]).toEqual([
      '1 template',
      '0 templates',
      '2 templates',
    ]);
  });

  it('takes the plural of a noun that does not add an s', () => {
    expect([plural(1, 'index', 'indexes'), plural(3, 'index', 'indexes')]).toEqual([
      '1 index',
      '3 indexes',
    ]);
  });
});
