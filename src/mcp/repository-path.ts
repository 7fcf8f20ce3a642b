import { existsSync, realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { UserError } from '../errors.js';

/**
 * The path as infrawise names files: relative to the repository root, `/`-separated. Relative
 * input is taken from the root. Anything that lands outside the root, directly or through a
 * symbolic link, is refused.
 */
export function repositoryPath(root: string, given: string): string {
  const absolute = resolve(root, given);
  const inside = relative(root, absolute);
  if (
    isOutside(inside) ||
    (existsSync(absolute) && isOutside(relative(realpathSync(root), realpathSync(absolute))))
  ) {
    throw new UserError(
      'path-outside-repository',
      `"${given}" is outside the repository "${root}". Give a path inside it, relative to its root.`,
    );
  }

  return inside.split(sep).join('/');
}

function isOutside(relativePath: string): boolean {
  return relativePath === '..' || relativePath.startsWith(`..${sep}`) || isAbsolute(relativePath);
}
