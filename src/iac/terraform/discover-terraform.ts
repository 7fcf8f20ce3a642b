import { join } from 'node:path';
import type { Logger } from '../../logger.js';
import { invalidUtf8Warning, readSourceTextAsync } from '../../source-text.js';
import { discoverFiles } from '../discover-templates.js';

export interface HclFile {
  /** Path relative to the scanned root, with `/`. */
  path: string;
  source: string;
  /** Why the file could not be read, when it could not; `source` is empty then. */
  unreadable?: string;
}

/** Every `.tf` and `.tfvars` file under `root`, outside ignored folders, in path order. */
export async function discoverTerraform(
  root: string,
  options: { logger: Logger; exclude?: string[] },
): Promise<HclFile[]> {
  const paths = await discoverFiles(root, options, isHclName);
  const files: HclFile[] = [];
  for (const path of paths) {
    const read = await readSourceTextAsync(join(root, path));
    if (!read.ok) {
      files.push({ path, source: '', unreadable: read.reason });
      continue;
    }
    if (read.invalidUtf8Line !== undefined) {
      options.logger.warn(invalidUtf8Warning(path, read.invalidUtf8Line));
    }
    files.push({ path, source: read.text });
  }

  return files;
}

export function isTfvars(path: string): boolean {
  return path.endsWith('.tfvars');
}

function isHclName(name: string): boolean {
  return name.endsWith('.tf') || name.endsWith('.tfvars');
}
