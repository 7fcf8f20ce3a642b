import { readFile } from 'node:fs/promises';
import { posix } from 'node:path';

// What NodejsFunction writes into an asset folder: the bundle and, with `sourceMap: true`, its map.
const BUNDLE_NAMES = ['index.js', 'index.mjs', 'index.cjs'];

// esbuild marks where each input starts in a bundle with a comment holding its path.
const ORIGIN_COMMENT = /^\/\/ (\S+\.[cm]?[jt]sx?)$/gm;

/**
 * The entry file a bundled asset was built from, absolute: the last source of its source map,
 * or the last file esbuild's origin comments name, outside node_modules. esbuild writes the
 * entry after everything it imports, so the last one is the entry.
 */
export async function assetEntryOf(
  assetFolder: string,
  bundleRoot: string,
): Promise<string | undefined> {
  for (const name of BUNDLE_NAMES) {
    const fromMap = await mapEntryOf(posix.join(assetFolder, `${name}.map`));
    if (fromMap !== undefined) {
      return fromMap;
    }

    const fromComments = await commentEntryOf(posix.join(assetFolder, name), bundleRoot);
    if (fromComments !== undefined) {
      return fromComments;
    }
  }

  return undefined;
}

async function mapEntryOf(mapFile: string): Promise<string | undefined> {
  const text = await readOptional(mapFile);
  if (text === undefined) {
    return undefined;
  }

  try {
    const map = JSON.parse(text) as { sources?: unknown; sourceRoot?: unknown };
    const sources = Array.isArray(map.sources) ? map.sources.filter(isOwnSource) : [];
    const last = sources.at(-1);
    const sourceRoot = typeof map.sourceRoot === 'string' ? map.sourceRoot : '';

    return last === undefined ? undefined : posix.resolve(posix.dirname(mapFile), sourceRoot, last);
  } catch {
    return undefined;
  }
}

// Origin comments are relative to the folder esbuild ran in, the project root of the app.
async function commentEntryOf(bundle: string, bundleRoot: string): Promise<string | undefined> {
  const text = await readOptional(bundle);
  if (text === undefined) {
    return undefined;
  }

  const origins = [...text.matchAll(ORIGIN_COMMENT)].map(match => match[1] ?? '');
  const last = origins.filter(isOwnSource).at(-1);

  return last === undefined ? undefined : posix.resolve(bundleRoot, last);
}

function isOwnSource(source: unknown): source is string {
  return typeof source === 'string' && source !== '' && !source.includes('node_modules/');
}

async function readOptional(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}
