import { posix } from 'node:path';
import type { HandlerRef } from '../resources.js';
import { handlerRefOf } from '../handler-files.js';
import type { Configuration } from './configuration.js';
import { stringOf } from './hcl-value.js';
import type { HclValue } from './hcl-value.js';
import type { TerraformBlock } from './module-instance.js';

const SCRIPT_EXTENSIONS = ['.ts', '.mts', '.js', '.mjs', '.cjs'];
const BUILD_FOLDERS = new Set(['dist', 'build', 'out', '.build', '.esbuild']);

const S3_OBJECTS = new Set(['aws_s3_object', 'aws_s3_bucket_object']);

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
  /** The folder a zip was most likely packed from: `app/get` for `app/get.zip`. */
  packed?: string;
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
  const runtime = stringOf(block.body.runtime);
  const refIn = (codeUri: string) =>
    handlerRefOf({ templateDir: '', codeUri, handler, runtime, entryPoints: [], isInline: false });
  const ref = refIn(code.folder);
  if (!ref) {
    return undefined;
  }

  const packed = code.packed === undefined ? [] : (refIn(code.packed)?.files ?? []);
  const bundled = code.bundle ? bundleSources(code, ref.exportName) : [];

  return { ...ref, files: [...new Set([...ref.files, ...packed, ...bundled])] };
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

  const filename = zipOf(block, configuration);
  if (filename === undefined || archive) {
    return { folder: rootDir };
  }

  // A zip next to the configuration holds the code as laid out from the root module's folder,
  // or as in the folder of the same name it was packed from; one in a build folder is a bundle
  // named after its source.
  const zip = posix.join(rootDir, filename);
  const folder = posix.dirname(zip);
  const bundle = posix.basename(zip).replace(/\.zip$/, '');
  const packed = posix.join(folder, bundle);

  return BUILD_FOLDERS.has(posix.basename(folder))
    ? { folder, bundle }
    : { folder: rootDir, packed };
}

// `filename = "api.zip"`, or `s3_key = aws_s3_object.api.key` whose object uploads `source`.
function zipOf(block: TerraformBlock, configuration: Configuration): string | undefined {
  const filename = stringOf(block.body.filename);
  const key = block.body.s3_key;
  if (filename !== undefined || key?.kind !== 'reference' || !S3_OBJECTS.has(key.type)) {
    return filename;
  }

  const source = stringOf(configuration.byAddress.get(key.address)?.body.source);

  return source?.endsWith('.zip') ? source : undefined;
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
