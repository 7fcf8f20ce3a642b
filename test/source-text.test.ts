import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeUtf8, readSourceText } from '../src/source-text.js';
import { writeApp } from './helpers/app.js';

describe('decodeUtf8', () => {
  it('gives the line of the first byte that is not UTF-8', () => {
    const bytes = Buffer.concat([Buffer.from('a\nb\nc'), Buffer.from([0xe9, 0x0a, 0xff])]);

    expect(decodeUtf8(bytes)).toEqual({ text: 'a\nb\nc\uFFFD\n\uFFFD', invalidUtf8Line: 3 });
  });

  it('reads valid UTF-8, multi-byte characters included, without a line', () => {
    expect(decodeUtf8(Buffer.from('café ✓\n'))).toEqual({ text: 'café ✓\n' });
  });
});

describe('readSourceText', () => {
  it('says why a folder named like a file cannot be read', () => {
    const root = writeApp({});
    mkdirSync(join(root, 'template.yaml'));

    expect(readSourceText(join(root, 'template.yaml'))).toEqual({
      ok: false,
      missing: false,
      reason:
        'it could not be read (EISDIR: illegal operation on a directory). Check its permissions, or leave it out with "exclude" in infrawise.yaml.',
    });
  });

  it('tells a missing file from an unreadable one', () => {
    const root = writeApp({});
    writeFileSync(join(root, 'here.yml'), 'a: 1\n');

    expect(readSourceText(join(root, 'gone.yml'))).toMatchObject({ ok: false, missing: true });
    expect(readSourceText(join(root, 'here.yml'))).toEqual({ ok: true, text: 'a: 1\n' });
  });
});
