import { setImmediate } from 'node:timers/promises';
import type { Logger } from '../../logger.js';
import { messageOf } from '../../errors.js';
import { plural } from '../../plural.js';
import type { SourceStatus } from '../../source-status.js';
import type { InfraScan, Resource } from '../resources.js';
import type { Configuration } from './configuration.js';
import { configurationOf } from './configuration.js';
import type { HclFile } from './discover-terraform.js';
import { discoverTerraform, isTfvars } from './discover-terraform.js';
import { linkEvents } from './link-events.js';
import { rootInstanceOf } from './module-instance.js';
import type { ModuleCall, ModuleSource, ParsedFile } from './module-source.js';
import { modulesOf, rootModulesOf } from './module-source.js';
import { parseHcl } from './parse-hcl.js';
import { readLambdas } from './read-lambdas.js';
import { readQueues, readTopics } from './read-queues-topics.js';
import { readTables } from './read-tables.js';
import { tfvarsOf } from './tfvars.js';
import { unreadModulesOf, warnCycles } from './unread-modules.js';

/** Reads every Terraform configuration under `root` into resources. */
export async function scanTerraform(
  root: string,
  options: { logger: Logger; exclude?: string[]; signal?: AbortSignal },
): Promise<InfraScan> {
  const started = Date.now();
  const files = await discoverTerraform(root, options);
  if (files.length === 0) {
    return { sources: [], resources: [], templatesRead: 0 };
  }

  const reads = await parseFiles(files, options.logger, options.signal);
  const parsed = reads.flatMap(read => (read.file ? [read.file] : []));
  const modules = modulesOf(parsed.filter(file => !isTfvars(file.path)));
  const unread = unreadModulesOf(root, modules, options.logger);
  const resources: Resource[] = [];
  const cycles = new Map<ModuleCall, string[]>();
  for (const module of rootModulesOf(modules)) {
    const read = await readConfiguration(root, module, modules, parsed, options.logger);
    resources.push(...read.resources);
    read.cycles.forEach((chain, call) => cycles.set(call, cycles.get(call) ?? chain));
  }

  warnCycles(cycles, options.logger);

  const templatesRead = parsed.filter(file => !isTfvars(file.path)).length;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  options.logger.step(
    `terraform: ${plural(templatesRead, 'file')}, ${plural(resources.length, 'resource')} in ${seconds}s, ${files.length - parsed.length} skipped`,
  );

  return { sources: [...reads.map(read => read.source), ...unread], resources, templatesRead };
}

interface FileRead {
  source: SourceStatus;
  file?: ParsedFile;
}

async function parseFiles(
  files: HclFile[],
  logger: Logger,
  signal: AbortSignal | undefined,
): Promise<FileRead[]> {
  const reads: FileRead[] = [];
  for (const file of files) {
    // Parsing never waits on anything, so without this the caller's time bound could not fire
    // until every file was parsed.
    await setImmediate();
    if (signal?.aborted) {
      break;
    }

    reads.push(await parseFile(file, logger));
  }

  return reads;
}

async function parseFile(file: HclFile, logger: Logger): Promise<FileRead> {
  const parsed =
    file.unreadable === undefined
      ? await parseHcl(file.path, file.source)
      : { ok: false as const, reason: file.unreadable };
  if (parsed.ok) {
    return {
      source: { kind: 'terraform', path: file.path, status: 'ok' },
      file: { ...file, body: parsed.body },
    };
  }

  logger.warn(`Skipped "${file.path}": ${parsed.reason}`);
  const source: SourceStatus = {
    kind: 'terraform',
    path: file.path,
    status: 'failed',
    error: parsed.reason,
  };
  if (parsed.line !== undefined) {
    source.line = parsed.line;
  }

  return { source };
}

async function readConfiguration(
  root: string,
  module: ModuleSource,
  modules: Map<string, ModuleSource>,
  files: ParsedFile[],
  logger: Logger,
): Promise<{ resources: Resource[]; cycles: ReadonlyMap<ModuleCall, string[]> }> {
  try {
    const tfvars = await tfvarsOf(module.dir, files, modules, logger);
    const instance = rootInstanceOf(module, modules, tfvars, root);
    const configuration = configurationOf(module.dir, await instance.blocks());

    return { resources: resourcesOf(configuration, logger), cycles: instance.cycles };
  } catch (error) {
    logger.warn(
      `Skipped the Terraform configuration in "${module.dir || '.'}": it could not be read (${messageOf(error)}). Run with --verbose and report the files that cause it.`,
    );
    return { resources: [], cycles: new Map() };
  }
}

function resourcesOf(configuration: Configuration, logger: Logger): Resource[] {
  const lambdas = readLambdas(configuration);
  linkEvents(configuration, lambdas, logger);

  return [
    ...readTables(configuration),
    ...lambdas,
    ...readQueues(configuration),
    ...readTopics(configuration),
  ].sort(
    (a, b) =>
      a.location.file.localeCompare(b.location.file, 'en') || a.location.line - b.location.line,
  );
}
