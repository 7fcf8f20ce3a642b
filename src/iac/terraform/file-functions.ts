import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, join, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { HclValue } from './hcl-value.js';
import { unresolved } from './hcl-value.js';

// A configuration file of settings is small; anything larger is data, not configuration.
const MAX_FILE_BYTES = 1024 * 1024;

/**
 * The text of a file `file("${path.module}/env/dev.yml")` reads: `path` is relative to the root
 * module's folder `rootDir`, where Terraform runs. Nothing outside the scanned root is read.
 */
export async function configFileText(
  rootPath: string,
  rootDir: string,
  path: string,
): Promise<string | undefined> {
  const file = isAbsolute(path) ? path : join(rootPath, rootDir, path);
  const inside = relative(rootPath, file);
  if (inside.startsWith('..') || isAbsolute(inside)) {
    return undefined;
  }

  try {
    const size = (await stat(file)).size;
    return size <= MAX_FILE_BYTES ? await readFile(file, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}

/** `yamldecode` and `jsondecode` of a known text: its data as plain values, never templates. */
export function decodedValueOf(decoder: 'yamldecode' | 'jsondecode', text: string): HclValue {
  try {
    const data: unknown = decoder === 'jsondecode' ? JSON.parse(text) : parseYaml(text);
    return dataValueOf(data);
  } catch {
    return unresolved(`${decoder}(...)`);
  }
}

function dataValueOf(data: unknown): HclValue {
  if (typeof data === 'string' || typeof data === 'number' || typeof data === 'boolean') {
    return { kind: 'literal', value: data };
  }

  if (Array.isArray(data)) {
    return { kind: 'tuple', items: data.map(dataValueOf) };
  }

  if (data !== null && typeof data === 'object') {
    const entries = Object.entries(data as Record<string, unknown>);
    return {
      kind: 'object',
      entries: Object.fromEntries(entries.map(([key, value]) => [key, dataValueOf(value)])),
    };
  }

  return unresolved('null');
}
