import { statSync } from 'node:fs';
import { join, posix, win32 } from 'node:path';
import type { Logger } from '../../logger.js';
import type { SourceStatus } from '../../source-status.js';
import { compareText } from '../discover-templates.js';
import type { ModuleCall, ModuleSource } from './module-source.js';
import { REGISTRY_MODULES, registryModuleOf } from './registry-modules.js';

interface Unread {
  reason: string;
  /** A remote module is normal; only a module the repository means to hold is warned about. */
  isExpected: boolean;
}

/**
 * Each `module` block whose resources are not read. A local source that is missing, lies outside
 * the scanned folder or is an absolute path is warned about and returned as a failed source; a
 * remote source the reader does not know is normal and only logged with --verbose.
 */
export function unreadModulesOf(
  root: string,
  modules: Map<string, ModuleSource>,
  logger: Logger,
): SourceStatus[] {
  const failed: SourceStatus[] = [];
  for (const call of callsOf(modules)) {
    const unread = unreadOf(root, call, modules);
    if (unread?.isExpected) {
      logger.step(`terraform: ${whereOf(call)}: ${unread.reason}`);
    } else if (unread) {
      logger.warn(`${whereOf(call)}: ${unread.reason}`);
      failed.push({
        kind: 'terraform',
        path: call.file.path,
        status: 'failed',
        error: unread.reason,
        line: call.line,
      });
    }
  }

  return failed;
}

/** Warns once about each `module` block that closes a cycle, with the chain it closes. */
export function warnCycles(cycles: Map<ModuleCall, string[]>, logger: Logger): void {
  const calls = [...cycles.keys()].sort(byLocation);
  for (const call of calls) {
    const chain = (cycles.get(call) ?? []).map(dir => dir || '.').join(' → ');
    logger.warn(
      `${whereOf(call)}: module "${call.name}" has source "${call.source}", which closes a module cycle (${chain}); its resources are read once and not expanded again. Point the source at a module outside the cycle, or remove the module block.`,
    );
  }
}

function unreadOf(
  root: string,
  call: ModuleCall,
  modules: Map<string, ModuleSource>,
): Unread | undefined {
  const named = `module "${call.name}" has source "${call.source}"`;
  if (call.dir === undefined) {
    return nonLocalOf(call, named);
  }

  if (modules.has(call.dir)) {
    return undefined;
  }

  if (call.dir === '..' || call.dir.startsWith('../')) {
    const reason = `${named}, which lies outside the scanned folder; its resources are not read. Scan a parent folder that holds both this configuration and the module.`;
    return { reason, isExpected: false };
  }

  return localOf(join(root, call.dir), call.dir, named);
}

function localOf(path: string, dir: string, named: string): Unread {
  const kind = kindOf(path);
  if (kind === 'missing') {
    const reason = `${named}, which does not exist; its resources are not read. Fix the path.`;
    return { reason, isExpected: false };
  }

  if (kind === 'file') {
    const reason = `${named}, which is a file, not a folder; its resources are not read. Point the source at the module's folder.`;
    return { reason, isExpected: false };
  }

  // Its files were excluded, or each failed to parse and was warned about already.
  const reason = `${named}, but no .tf file of "${dir}" was read, so its resources are not read`;
  return { reason, isExpected: true };
}

function nonLocalOf(call: ModuleCall, named: string): Unread | undefined {
  if (posix.isAbsolute(call.source) || win32.isAbsolute(call.source)) {
    const reason = `${named}, an absolute path; its resources are not read. Write the source relative to the folder of this file, starting with "./" or "../".`;
    return { reason, isExpected: false };
  }

  if (call.source === '') {
    return { reason: `module "${call.name}" has no source, so nothing is read`, isExpected: true };
  }

  if (registryModuleOf(call.source)) {
    return undefined;
  }

  const known = new Intl.ListFormat('en').format(REGISTRY_MODULES);
  const reason = `${named}, a remote module, so its resources are not read; of remote modules, only the terraform-aws-modules ${known} modules are`;
  return { reason, isExpected: true };
}

function kindOf(path: string): 'missing' | 'file' | 'folder' {
  try {
    return statSync(path).isDirectory() ? 'folder' : 'file';
  } catch {
    return 'missing';
  }
}

function callsOf(modules: Map<string, ModuleSource>): ModuleCall[] {
  return [...modules.values()].flatMap(module => module.calls).sort(byLocation);
}

function byLocation(a: ModuleCall, b: ModuleCall): number {
  return compareText(a.file.path, b.file.path) || a.line - b.line;
}

function whereOf(call: ModuleCall): string {
  return `${call.file.path}:${call.line}`;
}
