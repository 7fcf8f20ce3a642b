import { readFile } from 'node:fs/promises';
import { join, posix } from 'node:path';

const SCRIPT_EXTENSIONS = ['.js', '.mjs', '.cjs', '.ts', '.mts', '.cts'];

/**
 * The source files a copied asset was staged from, relative to the root. `Code.fromAsset(dir)`
 * copies the folder as it is, so the handler file of the asset has a twin in the repository
 * with the same content and the same path below the copied folder. More than one twin means
 * the same file sits in several folders; each is a candidate.
 */
export async function copiedHandlerFilesOf(
  assetFolder: string,
  handlerText: string,
  repository: { root: string; scripts: string[] },
): Promise<string[]> {
  const dot = handlerText.lastIndexOf('.');
  if (dot <= 0) {
    return [];
  }

  const stem = posix.normalize(handlerText.slice(0, dot));
  for (const extension of SCRIPT_EXTENSIONS) {
    const staged = await readOptional(posix.join(assetFolder, stem + extension));
    if (staged !== undefined) {
      return twinsOf(staged, stem + extension, repository);
    }
  }

  return [];
}

async function twinsOf(
  staged: string,
  relativePath: string,
  repository: { root: string; scripts: string[] },
): Promise<string[]> {
  const candidates = repository.scripts.filter(
    file => file === relativePath || file.endsWith(`/${relativePath}`),
  );
  const contents = await Promise.all(
    candidates.map(file => readOptional(join(repository.root, file))),
  );

  return candidates.filter((_file, index) => contents[index] === staged);
}

async function readOptional(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}
