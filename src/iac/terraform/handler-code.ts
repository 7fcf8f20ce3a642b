import { posix } from 'node:path';
import type { HandlerRef } from '../resources.js';
import { handlerRefOf } from '../handler-files.js';
import type { Configuration } from './configuration.js';
import { stringOf } from './hcl-value.js';
import type { HclValue } from './hcl-value.js';
import type { TerraformBlock } from './module-instance.js';

const SCRIPT_EXTENSIONS = ['.ts', '.mts', '.js', '.mjs', '.cjs'];
const BUILD_FOLDERS = new Set(['dist', 'build', 'out', '.build', '.esbuild']);

// Where a bundler's entry points conventionally live, next to the build folder.
const SOURCE_FOLDERS = [
  'src',
  'src/handlers',
  'src/functions',
  'src/lambdas',
  'handlers',
  'functions',
  'lambdas',
  '.',
];

interface CodeLocation {
  /** Folder the handler path is relative to, from the scanned root. */
  folder: string;
  /** The bundle's own name (`create-order` of `dist/create-order.zip`), when it has one. */
  bundle?: string;
}

/**
 * Candidate source files of a function's handler. The code is where `filename` or an
 * `archive_file` data source's `source_dir` / `source_file` points; every relative path is
 * relative to the root module's folder, where Terraform runs.
 */
export function handlerOfFunction(
  block: TerraformBlock,
  configuration: Configuration,
): HandlerRef | undefined {
  const handler = stringOf(block.body.handler);
  if (handler === undefined || stringOf(block.body.package_type) === 'Image') {
    return undefined;
  }

  const code = codeLocationOf(block, configuration);
  const ref = handlerRefOf({
    templateDir: '',
    codeUri: code.folder,
    handler,
    runtime: stringOf(block.body.runtime),
    entryPoints: [],
    isInline: false,
  });
  if (!ref || !code.bundle) {
    return ref;
  }

  return { ...ref, files: [...new Set([...ref.files, ...bundleSources(code, ref.exportName)])] };
}

function codeLocationOf(block: TerraformBlock, configuration: Configuration): CodeLocation {
  const rootDir = block.scope.rootDir;
  const archive = archiveOf(block, configuration);
  const sourceDir = stringOf(archive?.body.source_dir);
  const sourceFile = stringOf(archive?.body.source_file);
  if (sourceDir !== undefined) {
    return withBundle(posix.join(rootDir, sourceDir));
  }

  if (sourceFile !== undefined) {
    return bundledFile(posix.join(rootDir, sourceFile));
  }

  const filename = stringOf(block.body.filename);
  if (filename === undefined || archive) {
    return { folder: rootDir };
  }

  // A zip next to the configuration holds the code as laid out from the root module's folder;
  // one in a build folder is a bundle named after its source.
  const zip = posix.join(rootDir, filename);
  const folder = posix.dirname(zip);
  const bundle = posix.basename(zip).replace(/\.zip$/, '');

  return BUILD_FOLDERS.has(posix.basename(folder)) ? { folder, bundle } : { folder: rootDir };
}

// `dist/create-order.js` is a bundle named after its source; `src/create-order.js` is the source.
function bundledFile(file: string): CodeLocation {
  const folder = posix.dirname(file);
  const bundle = posix.basename(file, posix.extname(file));

  return BUILD_FOLDERS.has(posix.basename(folder)) ? { folder, bundle } : { folder };
}

function withBundle(folder: string): CodeLocation {
  const parent = posix.basename(posix.dirname(folder));

  return BUILD_FOLDERS.has(parent) ? { folder, bundle: posix.basename(folder) } : { folder };
}

// `filename = data.archive_file.code.output_path` and `source_code_hash` both name the archive.
function archiveOf(
  block: TerraformBlock,
  configuration: Configuration,
): TerraformBlock | undefined {
  for (const value of [block.body.filename, block.body.source_code_hash]) {
    const archive = archiveReferenceOf(value, configuration);
    if (archive) {
      return archive;
    }
  }

  return undefined;
}

function archiveReferenceOf(
  value: HclValue | undefined,
  configuration: Configuration,
): TerraformBlock | undefined {
  if (value?.kind !== 'reference' || value.type !== 'data.archive_file') {
    return undefined;
  }

  return configuration.byAddress.get(value.address);
}

// `dist/create-order/index.js` or `dist/create-order.zip` built by esbuild from
// `src/create-order.ts`: the bundle's name is the source's.
function bundleSources(code: CodeLocation, exportName: string): string[] {
  const buildFolder =
    code.bundle && code.folder.endsWith(`/${code.bundle}`)
      ? posix.dirname(code.folder)
      : code.folder;
  const project = posix.dirname(buildFolder);
  const stems = SOURCE_FOLDERS.map(folder =>
    posix.normalize(posix.join(project, folder, code.bundle ?? exportName)),
  );

  return stems
    .flatMap(stem => SCRIPT_EXTENSIONS.map(extension => stem + extension))
    .filter(file => !file.startsWith('../'));
}
