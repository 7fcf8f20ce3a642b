import type { CalleeRef, FileFacts, ImportRef, Symbolic } from './file-facts.js';
import { mapSymbolic, readPath, unresolved, withHops } from './symbolic.js';

/** Resolves a module specifier from one repository file to another; undefined for packages. */
export type ResolveModule = (fromFile: string, specifier: string) => string | undefined;

/** A module-level binding of one file, read through `path`. */
export interface BindingRef {
  file: string;
  local: string;
  path: string[];
}

const MAX_HOPS = 16;

/** Cross-module lookups over every file's facts, each answered through maps built once. */
export class ProjectIndex {
  readonly files = new Map<string, FileFacts>();
  private readonly functionIds = new Set<string>();

  constructor(
    facts: FileFacts[],
    private readonly resolveModule: ResolveModule,
  ) {
    for (const file of facts) {
      this.files.set(file.file, file);
      for (const fn of file.functions) {
        this.functionIds.add(`${file.file}#${fn.name}`);
      }
    }
  }

  hasFunction(id: string): boolean {
    return this.functionIds.has(id);
  }

  resolve(fromFile: string, specifier: string): string | undefined {
    return this.resolveModule(fromFile, specifier);
  }

  /** Where `name` exported by `file` is bound, following re-exports and `export *`. */
  exportBinding(file: string, name: string, depth = 0): BindingRef | undefined {
    const facts = this.files.get(file);
    if (!facts || depth > MAX_HOPS) {
      return undefined;
    }

    for (const entry of facts.exports) {
      if (entry.name !== name) {
        continue;
      }
      if (entry.local !== undefined) {
        return this.throughImport({ file, local: entry.local, path: [] }, depth);
      }
      const target = entry.source ? this.resolve(file, entry.source) : undefined;
      if (target && entry.imported === '*') {
        return { file: target, local: '*', path: [] };
      }
      return target && entry.imported
        ? this.exportBinding(target, entry.imported, depth + 1)
        : undefined;
    }

    return name === 'default' ? undefined : this.starExportBinding(facts, name, depth);
  }

  private starExportBinding(facts: FileFacts, name: string, depth: number): BindingRef | undefined {
    for (const source of facts.starExports) {
      const target = this.resolve(facts.file, source);
      const found = target ? this.exportBinding(target, name, depth + 1) : undefined;
      if (found) {
        return found;
      }
    }

    return undefined;
  }

  /** A binding that is itself an import (`import { X } from './a'; export { X }`) is followed. */
  private throughImport(binding: BindingRef, depth: number): BindingRef {
    const value = this.files.get(binding.file)?.constants[binding.local]?.value;
    if (value?.kind !== 'import' || depth > MAX_HOPS) {
      return binding;
    }

    const next = this.importBinding(value, depth + 1);

    return next ? { ...next, path: [...next.path, ...binding.path] } : binding;
  }

  /** The binding an import refers to; `require()` and namespace imports read one level deeper. */
  importBinding(
    ref: Pick<ImportRef, 'file' | 'source' | 'name' | 'path'>,
    depth = 0,
  ): BindingRef | undefined {
    const target = this.resolve(ref.file, ref.source);
    if (!target) {
      return undefined;
    }
    if (ref.name !== '*') {
      const binding = this.exportBinding(target, ref.name, depth);
      return binding ? { ...binding, path: [...binding.path, ...ref.path] } : undefined;
    }

    const [first, ...rest] = ref.path;
    const named = first !== undefined ? this.exportBinding(target, first, depth) : undefined;
    if (named) {
      return { ...named, path: [...named.path, ...rest] };
    }

    const fallback = this.exportBinding(target, 'default', depth);

    return fallback ? { ...fallback, path: [...fallback.path, ...ref.path] } : undefined;
  }

  /** Replaces imported constants with their values in the exporting module, recording each hop. */
  linkValue(value: Symbolic, depth = 0): Symbolic {
    return (
      mapSymbolic(value, leaf => {
        if (leaf.kind !== 'import' || depth > MAX_HOPS) {
          return leaf;
        }
        const binding = this.importBinding(leaf);
        const constant = binding
          ? this.files.get(binding.file)?.constants[binding.local]
          : undefined;
        const read = constant ? readPath(constant.value, binding!.path) : undefined;
        if (!binding || !constant || !read) {
          return withHops(unresolved(leaf.text), leaf.hops ?? []);
        }
        const hop = {
          description: `${leaf.text} imported from ${binding.file}`,
          location: constant.location,
        };
        return this.linkValue(withHops(read, [...(leaf.hops ?? []), hop]), depth + 1);
      }) ?? value
    );
  }

  /** The file and class name a class reference points at. */
  classOf(file: string, ref: CalleeRef, depth = 0): { file: string; name: string } | undefined {
    if (ref.kind === 'local') {
      const value = this.files.get(file)?.constants[ref.name]?.value;
      return value?.kind === 'import'
        ? this.classOf(file, value, depth + 1)
        : { file, name: ref.name };
    }
    if (ref.kind !== 'import' || depth > MAX_HOPS) {
      return undefined;
    }

    const binding = this.importBinding({ file, ...ref }, depth);

    return binding && binding.path.length === 0 && binding.local !== '*'
      ? { file: binding.file, name: binding.local }
      : undefined;
  }

  /** The id of the code function a call reaches, when it is one in the repository. */
  functionOf(file: string, ref: CalleeRef, depth = 0): string | undefined {
    if (depth > MAX_HOPS) {
      return undefined;
    }

    switch (ref.kind) {
      case 'local':
        return this.localFunction(file, ref.name.split('.'), depth);
      case 'import': {
        const binding = this.importBinding({ file, ...ref }, depth);
        return binding && binding.local !== '*'
          ? this.localFunction(binding.file, [binding.local, ...binding.path], depth + 1)
          : undefined;
      }
      case 'instance': {
        const owner = this.classOf(file, ref.classRef, depth);
        const id = owner ? `${owner.file}#${owner.name}.${ref.method}` : undefined;
        return id && this.hasFunction(id) ? id : undefined;
      }
      case 'construct': {
        const owner = this.classOf(file, ref.classRef, depth);
        return owner ? `${owner.file}#${owner.name}.constructor` : undefined;
      }
    }
  }

  /** `db.query` in a file: a code function of that name, a method of an instance, or an import. */
  private localFunction(file: string, parts: string[], depth: number): string | undefined {
    const id = `${file}#${parts.join('.')}`;
    if (this.hasFunction(id)) {
      return id;
    }

    const facts = this.files.get(file);
    const [base, ...rest] = parts;
    const classRef = base !== undefined ? facts?.instances[base] : undefined;
    if (classRef && rest.length === 1) {
      return this.functionOf(file, { kind: 'instance', classRef, method: rest[0]! }, depth + 1);
    }

    const value = base !== undefined ? facts?.constants[base]?.value : undefined;
    if (value?.kind === 'import') {
      return this.functionOf(
        file,
        { kind: 'import', source: value.source, name: value.name, path: [...value.path, ...rest] },
        depth + 1,
      );
    }

    return undefined;
  }
}
