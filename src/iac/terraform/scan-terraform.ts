import { posix } from 'node:path';
import type { Logger } from '../../logger.js';
import { messageOf } from '../../errors.js';
import type { SourceStatus } from '../../source-status.js';
import type { InfraScan, Resource } from '../resources.js';
import type { Configuration } from './configuration.js';
import { configurationOf } from './configuration.js';
import type { HclFile } from './discover-terraform.js';
import { discoverTerraform, isTfvars } from './discover-terraform.js';
import type { Scope } from './evaluate-expression.js';
import { evaluateJson } from './evaluate-expression.js';
import type { HclValue } from './hcl-value.js';
import { unresolved } from './hcl-value.js';
import { linkEvents } from './link-events.js';
import { rootInstanceOf } from './module-instance.js';
import type { ModuleSource, ParsedFile } from './module-source.js';
import { modulesOf, rootModulesOf } from './module-source.js';
import { parseHcl } from './parse-hcl.js';
import { readLambdas } from './read-lambdas.js';
import { readQueues, readTopics } from './read-queues-topics.js';
import { readTables } from './read-tables.js';

/** Reads every Terraform configuration under `root` into resources. */
export async function scanTerraform(
  root: string,
  options: { logger: Logger; exclude?: string[] },
): Promise<InfraScan> {
  const started = Date.now();
  const files = await discoverTerraform(root, options);
  if (files.length === 0) {
    return { sources: [], resources: [], templatesRead: 0 };
  }

  const reads = await parseFiles(files, options.logger);
  const parsed = reads.flatMap(read => (read.file ? [read.file] : []));
  const modules = modulesOf(parsed.filter(file => !isTfvars(file.path)));
  const resources: Resource[] = [];
  for (const module of rootModulesOf(modules)) {
    resources.push(...(await readConfiguration(module, modules, parsed, options.logger)));
  }

  const templatesRead = parsed.filter(file => !isTfvars(file.path)).length;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  options.logger.step(
    `terraform: ${templatesRead} files, ${resources.length} resources in ${seconds}s, ${files.length - parsed.length} skipped`,
  );

  return { sources: reads.map(read => read.source), resources, templatesRead };
}

interface FileRead {
  source: SourceStatus;
  file?: ParsedFile;
}

async function parseFiles(files: HclFile[], logger: Logger): Promise<FileRead[]> {
  const reads: FileRead[] = [];
  for (const file of files) {
    reads.push(await parseFile(file, logger));
  }

  return reads;
}

async function parseFile(file: HclFile, logger: Logger): Promise<FileRead> {
  const parsed = await parseHcl(file.path, file.source);
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
  module: ModuleSource,
  modules: Map<string, ModuleSource>,
  files: ParsedFile[],
  logger: Logger,
): Promise<Resource[]> {
  try {
    const tfvars = await tfvarsOf(module.dir, files, logger);
    const instance = rootInstanceOf(module, modules, tfvars, logger);
    const configuration = configurationOf(module.dir, await instance.blocks());

    return resourcesOf(configuration, logger);
  } catch (error) {
    logger.warn(
      `Skipped the Terraform configuration in "${module.dir || '.'}": it could not be read (${messageOf(error)}). Run with --verbose and report the files that cause it.`,
    );
    return [];
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

// Terraform loads `terraform.tfvars` and `*.auto.tfvars` by itself; other `.tfvars` files are
// passed with `-var-file` and override them.
// Limitation: with several `-var-file` candidates (`dev.tfvars`, `prod.tfvars`) that disagree on
// a variable, which one is deployed is unknown, so the variable keeps its default.
async function tfvarsOf(
  dir: string,
  files: ParsedFile[],
  logger: Logger,
): Promise<Map<string, HclValue>> {
  const inFolder = files.filter(
    file => isTfvars(file.path) && posix.dirname(file.path) === (dir || '.'),
  );
  const isAuto = (file: ParsedFile) =>
    posix.basename(file.path) === 'terraform.tfvars' || file.path.endsWith('.auto.tfvars');
  const values = new Map<string, HclValue>();
  for (const file of inFolder.filter(isAuto)) {
    for (const [name, json] of Object.entries(file.body)) {
      values.set(name, await evaluateJson(json, LITERAL_SCOPE));
    }
  }

  for (const [name, json] of agreedValues(
    inFolder.filter(file => !isAuto(file)),
    dir,
    logger,
  )) {
    values.set(name, await evaluateJson(json, LITERAL_SCOPE));
  }

  return values;
}

function agreedValues(files: ParsedFile[], dir: string, logger: Logger): Map<string, unknown> {
  const seen = new Map<string, { json: unknown; text: string }>();
  const disagreeing = new Set<string>();
  for (const file of files) {
    for (const [name, json] of Object.entries(file.body)) {
      const text = JSON.stringify(json);
      const earlier = seen.get(name);
      if (earlier && earlier.text !== text) {
        disagreeing.add(name);
      }
      seen.set(name, { json, text });
    }
  }

  for (const name of disagreeing) {
    logger.step(
      `terraform: variable "${name}" of "${dir || '.'}" differs between its .tfvars files; its default is used`,
    );
  }

  return new Map(
    [...seen].filter(([name]) => !disagreeing.has(name)).map(([name, { json }]) => [name, json]),
  );
}

// `.tfvars` values are constants; nothing in them refers to anything.
const LITERAL_SCOPE: Scope = {
  moduleDir: '',
  rootDir: '',
  addressPrefix: '',
  variable: name => Promise.resolve(unresolved(`var.${name}`)),
  local: name => Promise.resolve(unresolved(`local.${name}`)),
  moduleOutput: (module, output) => Promise.resolve(unresolved(`module.${module}.${output}`)),
};
