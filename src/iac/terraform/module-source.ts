import { posix } from 'node:path';
import { compareText } from '../discover-templates.js';
import type { HclFile } from './discover-terraform.js';
import { headerLineOf } from './parse-hcl.js';

/** A parsed `.tf` file. */
export interface ParsedFile extends HclFile {
  body: Record<string, unknown>;
}

/** A `resource` or `data` block as written, before its expressions are evaluated. */
export interface BlockDeclaration {
  keyword: 'resource' | 'data';
  type: string;
  name: string;
  json: Record<string, unknown>;
  file: ParsedFile;
  line: number;
}

export interface ModuleCall {
  name: string;
  /** Folder of the called module relative to the scanned root; absent for a remote source. */
  dir?: string;
  source: string;
  json: Record<string, unknown>;
  /** The `module` block itself, where resources a registry module makes are reported. */
  file: ParsedFile;
  line: number;
}

/** The `.tf` files of one folder read as one Terraform module. */
export interface ModuleSource {
  dir: string;
  blocks: BlockDeclaration[];
  variables: Map<string, Record<string, unknown>>;
  locals: Map<string, unknown>;
  outputs: Map<string, Record<string, unknown>>;
  calls: ModuleCall[];
}

/** Groups parsed files by folder into modules. */
export function modulesOf(files: ParsedFile[]): Map<string, ModuleSource> {
  const modules = new Map<string, ModuleSource>();
  for (const file of files) {
    const dir = posix.dirname(file.path) === '.' ? '' : posix.dirname(file.path);
    let module = modules.get(dir);
    if (!module) {
      module = {
        dir,
        blocks: [],
        variables: new Map(),
        locals: new Map(),
        outputs: new Map(),
        calls: [],
      };
      modules.set(dir, module);
    }

    addFile(module, file);
  }

  return modules;
}

/**
 * Modules that no other module of the tree calls: each is a configuration of its own. Modules
 * that only call each other in a cycle, with no module outside it calling in, are read from the
 * first of them in path order, so their resources are not lost.
 */
export function rootModulesOf(modules: Map<string, ModuleSource>): ModuleSource[] {
  const called = new Set<string>();
  for (const module of modules.values()) {
    for (const call of module.calls) {
      if (call.dir !== undefined && call.dir !== module.dir) {
        called.add(call.dir);
      }
    }
  }

  const sorted = [...modules.values()].sort((a, b) => compareText(a.dir, b.dir));
  const roots = sorted.filter(module => !called.has(module.dir));
  const reached = reachableFrom(roots, modules);
  for (const module of sorted) {
    if (!reached.has(module.dir)) {
      roots.push(module);
      reachableFrom([module], modules, reached);
    }
  }

  return roots.sort((a, b) => compareText(a.dir, b.dir));
}

function reachableFrom(
  starts: ModuleSource[],
  modules: Map<string, ModuleSource>,
  reached = new Set<string>(),
): Set<string> {
  const pending = [...starts];
  for (let module = pending.pop(); module; module = pending.pop()) {
    if (reached.has(module.dir)) {
      continue;
    }

    reached.add(module.dir);
    for (const call of module.calls) {
      const called = call.dir === undefined ? undefined : modules.get(call.dir);
      pending.push(...(called ? [called] : []));
    }
  }

  return reached;
}

function addFile(module: ModuleSource, file: ParsedFile): void {
  for (const keyword of ['resource', 'data'] as const) {
    for (const [type, name, json] of labelledBlocks(file.body[keyword])) {
      const line = headerLineOf(file.source, keyword, [type, name]);
      module.blocks.push({ keyword, type, name, json, file, line });
    }
  }

  for (const [name, json] of namedBlocks(file.body.variable)) {
    module.variables.set(name, json);
  }

  for (const [name, json] of namedBlocks(file.body.output)) {
    module.outputs.set(name, json);
  }

  for (const locals of listOf(file.body.locals)) {
    for (const [name, value] of Object.entries(locals)) {
      module.locals.set(name, value);
    }
  }

  for (const [name, json] of namedBlocks(file.body.module)) {
    module.calls.push(callOf(module.dir, name, json, file));
  }
}

function callOf(
  dir: string,
  name: string,
  json: Record<string, unknown>,
  file: ParsedFile,
): ModuleCall {
  const source = typeof json.source === 'string' ? json.source : '';
  const isLocal = source.startsWith('./') || source.startsWith('../');
  const line = headerLineOf(file.source, 'module', [name]);
  const call: ModuleCall = { name, source, json, file, line };
  if (isLocal) {
    call.dir = posix.normalize(posix.join(dir, source)).replace(/\/$/, '');
    call.dir = call.dir === '.' ? '' : call.dir;
  }

  return call;
}

// hcl2json writes `resource "t" "n" {}` as `{ resource: { t: { n: [ {...} ] } } }`.
function labelledBlocks(json: unknown): [string, string, Record<string, unknown>][] {
  return objectEntries(json).flatMap(([type, byName]) =>
    namedBlocks(byName).map(([name, body]): [string, string, Record<string, unknown>] => [
      type,
      name,
      body,
    ]),
  );
}

function namedBlocks(json: unknown): [string, Record<string, unknown>][] {
  return objectEntries(json).flatMap(([name, bodies]) =>
    listOf(bodies).map((body): [string, Record<string, unknown>] => [name, body]),
  );
}

function objectEntries(json: unknown): [string, unknown][] {
  return json !== null && typeof json === 'object' && !Array.isArray(json)
    ? Object.entries(json)
    : [];
}

function listOf(json: unknown): Record<string, unknown>[] {
  const items = Array.isArray(json) ? (json as unknown[]) : [json];

  return items.filter(
    (item): item is Record<string, unknown> =>
      item !== null && typeof item === 'object' && !Array.isArray(item),
  );
}
