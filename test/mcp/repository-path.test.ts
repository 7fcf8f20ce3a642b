import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repositoryPath } from '../../src/mcp/repository-path.js';
import { writeApp } from '../helpers/app.js';

describe('repositoryPath', () => {
  it('names a file relative to the root with / separators', () => {
    const root = writeApp({ 'src/a.ts': '' });

    expect(repositoryPath(root, 'src/a.ts')).toBe('src/a.ts');
    expect(repositoryPath(root, join(root, 'src', 'a.ts'))).toBe('src/a.ts');
    expect(repositoryPath(root, './src/../src/new.ts')).toBe('src/new.ts');
  });

  it('refuses a path that leaves the root', () => {
    const root = writeApp({});

    expect(() => repositoryPath(root, '../outside.ts')).toThrow(/is outside the repository/);
    expect(() => repositoryPath(root, '/etc/passwd')).toThrow(/is outside the repository/);
  });

  it('refuses a symbolic link that points outside the root', () => {
    const root = writeApp({});
    const outside = writeApp({ 'secret.ts': '' });
    mkdirSync(join(root, 'src'));
    symlinkSync(join(outside, 'secret.ts'), join(root, 'src', 'link.ts'));

    expect(() => repositoryPath(root, 'src/link.ts')).toThrow(/is outside the repository/);
  });
});
