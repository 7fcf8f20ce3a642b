import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../../logger.js';
import { messageOf } from '../../errors.js';
import { discoverFiles } from '../discover-templates.js';

export interface HclFile {
  /** Path relative to the scanned root, with `/`. */
  path: string;
  source: string;
}

/** Every `.tf` and `.tfvars` file under `root`, outside ignored folders, in path order. */
export async function discoverTerraform(
  root: string,
  options: { logger: Logger; exclude?: string[] },
): Promise<HclFile[]> {
  const paths = await discoverFiles(root, options, isHclName);
  const files: HclFile[] = [];
  for (const path of paths) {
    try {
      files.push({ path, source: await readFile(join(root, path), 'utf8') });
    } catch (error) {
      options.logger.step(`terraform: skipped "${path}" (${messageOf(error)})`);
    }
  }

  return files;
}

export function isTfvars(path: string): boolean {
  return path.endsWith('.tfvars');
}

function isHclName(name: string): boolean {
  return name.endsWith('.tf') || name.endsWith('.tfvars');
}
