import { join, posix } from 'node:path';
import type { Logger } from '../../logger.js';
import { plural } from '../../plural.js';
import type { SourceStatus } from '../../source-status.js';
import type { InfraScan } from '../resources.js';
import { readTemplates } from '../scan-cloudformation.js';
import { ConstructIndex } from './construct-index.js';
import type { CdkFiles, CdkSourceText } from './find-cdk-files.js';
import { findCdkFiles } from './find-cdk-files.js';
import { linkSynthesized } from './link-synthesized.js';
import type { CdkSource } from './parse-cdk-source.js';
import { parseCdkSource } from './parse-cdk-source.js';
import { readAssembly } from './read-assembly.js';
import { readSourceResources } from './read-source-resources.js';

interface Options {
  logger: Logger;
  exclude?: string[];
}

interface ParsedSources {
  /** By app folder, relative to the root. */
  byApp: Map<string, CdkSource[]>;
  failures: SourceStatus[];
}

const EMPTY: InfraScan = { sources: [], resources: [], templatesRead: 0 };

/**
 * Reads CDK apps: the cloud assemblies `cdk synth` wrote, linked back to the constructs of the
 * app's source, and, for an app with no cloud assembly, what its source states directly.
 */
export async function scanCdk(root: string, options: Options): Promise<InfraScan> {
  const started = Date.now();
  const files = await findCdkFiles(root, options);
  if (files.manifests.length === 0 && files.sources.length === 0) {
    return EMPTY;
  }

  const absoluteRoot = posix.resolve(root);
  const assemblyApps = files.manifests.map(manifest => posix.dirname(posix.dirname(manifest)));
  const appDirs = [...new Set([...files.apps.keys(), ...assemblyApps.map(fromDot)])];
  const parsed = parseSources(absoluteRoot, files.sources, appDirs, options.logger);
  const synthesized = await readSynthesized(absoluteRoot, files, parsed, options.logger);
  const unsynthesized = [...parsed.byApp].filter(
    ([app]) => !assemblyApps.map(fromDot).includes(app),
  );
  const fromSource = unsynthesized.map(([app, sources]) => {
    warnNotSynthesized(app, sources, files, options.logger);
    return readSourceResources(sources, absoluteRoot, options.logger);
  });

  const scans = [synthesized, ...fromSource];
  const resources = scans.flatMap(scan => scan.resources);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  options.logger.step(
    `cdk: ${plural(files.manifests.length, 'cloud assembly', 'cloud assemblies')}, ${plural(files.sources.length, 'source file')}, ${plural(resources.length, 'resource')} in ${seconds}s`,
  );

  return {
    sources: [...parsed.failures, ...scans.flatMap(scan => scan.sources)],
    resources,
    templatesRead: scans.reduce((total, scan) => total + scan.templatesRead, 0),
  };
}

function fromDot(dir: string): string {
  return dir === '.' ? '' : dir;
}

function parseSources(
  root: string,
  texts: CdkSourceText[],
  appDirs: string[],
  logger: Logger,
): ParsedSources {
  const byApp = new Map<string, CdkSource[]>();
  const failures: SourceStatus[] = [];
  for (const text of texts) {
    const app = appDirOf(text.path, appDirs);
    const paths = { absoluteFile: join(root, text.path), appRoot: join(root, app) };
    const read = parseCdkSource(text.path, text.text, paths);
    if (!read.ok) {
      const error = `line ${read.line} does not parse (${read.error}). Fix the syntax at that line.`;
      logger.warn(`Skipped "${text.path}": ${error}`);
      failures.push({ kind: 'cdk', path: text.path, status: 'failed', error, line: read.line });
      continue;
    }

    byApp.set(app, [...(byApp.get(app) ?? []), read.source]);
  }

  return { byApp, failures };
}

// A file belongs to the innermost folder that holds a cdk.json or a cdk.out above it.
function appDirOf(file: string, appDirs: string[]): string {
  const holders = appDirs.filter(dir => dir === '' || file.startsWith(`${dir}/`));

  return holders.sort((a, b) => b.length - a.length)[0] ?? '';
}

async function readSynthesized(
  root: string,
  files: CdkFiles,
  parsed: ParsedSources,
  logger: Logger,
): Promise<InfraScan> {
  const assemblies = await Promise.all(
    files.manifests.map(async manifest => ({
      app: fromDot(posix.dirname(posix.dirname(manifest))),
      read: await readAssembly(root, manifest, logger),
    })),
  );
  const templates = assemblies.flatMap(assembly => assembly.read.templates);
  const scan = readTemplates(
    templates.map(template => template.file),
    { logger, keepPackaged: true },
  );
  for (const { app, read } of assemblies) {
    const constructs = new ConstructIndex(parsed.byApp.get(app) ?? []);
    const context = { root, appRoot: join(root, app), constructs, scripts: files.scripts, logger };
    for (const template of read.templates) {
      await linkSynthesized(scan.resources, template, context);
    }
  }

  return {
    sources: [
      ...assemblies.flatMap(assembly => assembly.read.sources),
      ...scan.sources.map(source => ({ ...source, kind: 'cdk' as const })),
    ],
    resources: scan.resources,
    templatesRead: scan.templatesRead,
  };
}

function warnNotSynthesized(
  app: string,
  sources: CdkSource[],
  files: CdkFiles,
  logger: Logger,
): void {
  const command = files.apps.get(app);
  const entry =
    command === undefined
      ? (sources.find(source => /new\s+(\w+\.)?App\s*\(/.test(source.text)) ?? sources[0])?.file
      : posix.join(app, command);

  logger.warn(
    `No cdk.out found next to "${entry ?? app}": run "cdk synth" so infrawise can read the synthesized templates.`,
  );
}
