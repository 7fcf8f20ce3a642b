import { posix } from 'node:path';
import type { HandlerRef } from './resources.js';

export interface HandlerSource {
  /** Folder of the template relative to the root, `''` at the root. */
  templateDir: string;
  /** `CodeUri` or a local `Code` path; absent when the code is in S3 or not given. */
  codeUri?: string;
  handler: string;
  runtime?: string;
  /** SAM esbuild `Metadata.BuildProperties.EntryPoints`, relative to the code folder. */
  entryPoints: string[];
  /** Inline code (`ZipFile`, `InlineCode`) has no file in the repository. */
  isInline: boolean;
}

const SCRIPT_EXTENSIONS = ['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs', '.tsx', '.jsx'];
const PYTHON_EXTENSIONS = ['.py'];

// Folders that hold compiled output; the sources they were built from usually live under `src/`.
const BUILD_FOLDERS = new Set(['dist', 'build', 'out', '.build', '.esbuild']);

/**
 * Turns `CodeUri` and `Handler` into candidate source files: `handlers/create-order.handler`
 * is the export `handler` of `handlers/create-order` with any script extension.
 */
export function handlerRefOf(source: HandlerSource): HandlerRef | undefined {
  const handler = source.handler.trim();
  const dot = handler.lastIndexOf('.');
  if (dot <= 0 || dot === handler.length - 1) {
    return undefined;
  }

  const ref = { exportName: handler.slice(dot + 1), text: source.handler };
  if (source.isInline) {
    return { files: [], ...ref };
  }

  const codeFolder = posix.join(source.templateDir, source.codeUri ?? '');
  const stem = posix.normalize(posix.join(codeFolder, handler.slice(0, dot)));
  const extensions = source.runtime?.startsWith('python') ? PYTHON_EXTENSIONS : SCRIPT_EXTENSIONS;
  const files = [
    ...entryPointFiles(source.entryPoints, codeFolder, handler.slice(0, dot), extensions),
    ...sourceStemsOf(stem).flatMap(candidate => extensions.map(extension => candidate + extension)),
  ];

  return { files: [...new Set(files)].filter(isInsideRoot), ...ref };
}

function entryPointFiles(
  entryPoints: string[],
  codeFolder: string,
  handlerStem: string,
  extensions: string[],
): string[] {
  const matching = entryPoints.filter(
    entry =>
      entryPoints.length === 1 ||
      posix.basename(stripExtension(entry)) === posix.basename(handlerStem),
  );

  return matching.flatMap(entry => {
    const file = posix.normalize(posix.join(codeFolder, entry));
    return posix.extname(entry) === '' ? extensions.map(extension => file + extension) : [file];
  });
}

// `dist/handlers/x` was most likely built from `src/handlers/x` or `handlers/x`; those come
// first because the code scan reads sources, not build output.
function sourceStemsOf(stem: string): string[] {
  const segments = stem.split('/');
  const samBuild = segments.findIndex(
    (segment, index) => segment === '.aws-sam' && segments[index + 1] === 'build',
  );
  const buildIndex =
    samBuild >= 0 ? samBuild : segments.findIndex(segment => BUILD_FOLDERS.has(segment));
  if (buildIndex < 0) {
    return [stem];
  }

  const prefix = segments.slice(0, buildIndex);
  const rest = segments.slice(buildIndex + (samBuild >= 0 ? 3 : 1));
  const underSrc = rest[0] === 'src' ? rest : ['src', ...rest];

  return [[...prefix, ...underSrc].join('/'), [...prefix, ...rest].join('/'), stem];
}

function stripExtension(file: string): string {
  return file.slice(0, file.length - posix.extname(file).length);
}

function isInsideRoot(file: string): boolean {
  return file !== '..' && !file.startsWith('../') && !posix.isAbsolute(file);
}
