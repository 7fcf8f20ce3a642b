import { posix } from 'node:path';
import type { Logger } from '../../logger.js';
import { isTfvars } from './discover-terraform.js';
import type { Scope } from './evaluate-expression.js';
import { evaluateJson } from './evaluate-expression.js';
import type { HclValue } from './hcl-value.js';
import { unresolved } from './hcl-value.js';
import type { ModuleSource, ParsedFile } from './module-source.js';

/**
 * Variable values a root module is given by `.tfvars` files. Terraform loads `terraform.tfvars`
 * and `*.auto.tfvars` of its own folder by itself; every other `.tfvars` file is passed with
 * `-var-file` and overrides them. A folder of `.tfvars` files with no `.tf` file of its own
 * (`infra/environments/dev.tfvars`) holds `-var-file` candidates of the closest module above it.
 */
export async function tfvarsOf(
  dir: string,
  files: ParsedFile[],
  modules: Map<string, ModuleSource>,
  logger: Logger,
): Promise<Map<string, HclValue>> {
  const owned = files.filter(file => isTfvars(file.path) && ownerOf(file.path, modules) === dir);
  const isAuto = (file: ParsedFile) =>
    folderOf(file.path) === dir &&
    (posix.basename(file.path) === 'terraform.tfvars' || file.path.endsWith('.auto.tfvars'));
  const values = new Map<string, HclValue>();
  for (const file of owned.filter(isAuto)) {
    for (const [name, json] of Object.entries(file.body)) {
      values.set(name, await evaluateJson(json, LITERAL_SCOPE));
    }
  }

  const varFiles = owned.filter(file => !isAuto(file));
  for (const [name, json] of agreedValues(varFiles, dir, logger)) {
    values.set(name, await evaluateJson(json, LITERAL_SCOPE));
  }

  return values;
}

function folderOf(path: string): string {
  const dir = posix.dirname(path);

  return dir === '.' ? '' : dir;
}

// The folder itself when it is a module, else the closest folder above it that is one.
function ownerOf(path: string, modules: Map<string, ModuleSource>): string | undefined {
  let dir = folderOf(path);
  while (!modules.has(dir)) {
    if (dir === '') {
      return undefined;
    }

    dir = folderOf(dir);
  }

  return dir;
}

// Limitation: with several `-var-file` candidates (`dev.tfvars`, `prod.tfvars`) that disagree on
// a variable, which one is deployed is unknown, so the variable keeps its default.
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
