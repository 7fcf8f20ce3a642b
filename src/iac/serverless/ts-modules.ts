import { existsSync, readFileSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import { parseSync } from 'oxc-parser';
import type { Node } from 'oxc-parser';
import { ResolverFactory } from 'oxc-resolver';
import { LineTable, tooDeepLineOf } from '../../code/parse-file.js';
import { CODE_EXTENSIONS } from '../../code/module-resolution.js';

export type AnyNode = Node & Record<string, unknown>;

interface ImportedName {
  specifier: string;
  /** `default`, `*` or the exported name. */
  imported: string;
}

/** One module a `serverless.ts` reads from, with its top-level names. */
export interface TsModule {
  /** Relative to the scanned root, with `/`. */
  file: string;
  source: string;
  lines: LineTable;
  /** Top-level `const` initialisers and function declarations, by local name. */
  locals: Map<string, AnyNode>;
  imports: Map<string, ImportedName>;
  /** Exported name to local name. */
  exports: Map<string, string>;
  /** `export { a as b } from './x'`, by exported name. */
  forwarded: Map<string, ImportedName>;
  /** `export * from './x'` specifiers. */
  starSpecifiers: string[];
  defaultExport?: AnyNode;
  program: AnyNode;
}

// A module larger than this is no configuration helper, and is left unread.
const MAX_MODULE_BYTES = 512 * 1024;

/**
 * Loads the modules a `serverless.ts` imports, resolved the way bundlers do (relative paths,
 * `tsconfig` path aliases), each parsed once. A module that does not resolve, read or parse is
 * absent, and what it would have given stays unresolved.
 */
export class TsModules {
  private readonly cache = new Map<string, TsModule | undefined>();
  private readonly resolver: ResolverFactory | undefined;

  /** Without a root, no import is followed. */
  constructor(private readonly root: string | undefined) {
    if (root === undefined) {
      return;
    }

    const tsconfig = join(root, 'tsconfig.json');
    this.resolver = new ResolverFactory({
      extensions: CODE_EXTENSIONS,
      extensionAlias: { '.js': ['.ts', '.js'] },
      conditionNames: ['import', 'require', 'node', 'default'],
      mainFiles: ['index'],
      ...(existsSync(tsconfig)
        ? { tsconfig: { configFile: tsconfig, references: 'auto' as const } }
        : {}),
    });
  }

  /** The module `specifier` names from `fromFile`, when it is a file of the repository. */
  resolve(fromFile: string, specifier: string): TsModule | undefined {
    if (this.root === undefined || !this.resolver) {
      return undefined;
    }

    const result = this.resolver.sync(posix.dirname(join(this.root, fromFile)), specifier);
    const file = result.path ? relative(this.root, result.path).split(sep).join('/') : undefined;
    if (file === undefined || file.startsWith('..') || file.includes('node_modules/')) {
      return undefined;
    }

    return this.load(file);
  }

  /** Registers a module whose text the caller already holds. */
  add(file: string, source: string): TsModule | undefined {
    const read = moduleOf(file, source);
    this.cache.set(file, read);

    return read;
  }

  private load(file: string): TsModule | undefined {
    if (!this.cache.has(file)) {
      this.cache.set(file, this.read(file));
    }

    return this.cache.get(file);
  }

  private read(file: string): TsModule | undefined {
    try {
      const source = readFileSync(join(this.root ?? '', file), 'utf8');
      return source.length > MAX_MODULE_BYTES ? undefined : moduleOf(file, source);
    } catch {
      return undefined;
    }
  }
}

function moduleOf(file: string, source: string): TsModule | undefined {
  if (tooDeepLineOf(source) !== undefined) {
    return undefined;
  }

  const parsed = parseSync(file, source, { sourceType: 'module', lang: 'ts' });
  if (parsed.errors.some(error => String(error.severity) === 'Error')) {
    return undefined;
  }

  const module: TsModule = {
    file,
    source,
    lines: new LineTable(source),
    locals: new Map(),
    imports: new Map(),
    exports: new Map(),
    forwarded: new Map(),
    starSpecifiers: [],
    program: parsed.program as unknown as AnyNode,
  };
  for (const statement of parsed.program.body as AnyNode[]) {
    declare(module, statement);
  }

  return module;
}

function declare(module: TsModule, statement: AnyNode): void {
  switch (statement.type) {
    case 'ImportDeclaration':
      declareImport(module, statement);
      return;
    case 'ExportAllDeclaration':
      if (statement.exported === null) {
        module.starSpecifiers.push(String((statement.source as AnyNode).value));
      }
      return;
    case 'ExportDefaultDeclaration':
      module.defaultExport = statement.declaration as AnyNode;
      return;
    case 'ExportNamedDeclaration':
      declareExport(module, statement);
      return;
    default:
      declareLocal(module, statement, false);
  }
}

function declareImport(module: TsModule, statement: AnyNode): void {
  if (statement.importKind === 'type') {
    return;
  }

  const specifier = String((statement.source as AnyNode).value);
  for (const item of statement.specifiers as AnyNode[]) {
    const local = (item.local as AnyNode).name as string;
    const imported =
      item.type === 'ImportDefaultSpecifier'
        ? 'default'
        : item.type === 'ImportNamespaceSpecifier'
          ? '*'
          : nameOf(item.imported as AnyNode);
    module.imports.set(local, { specifier, imported });
  }
}

function declareExport(module: TsModule, statement: AnyNode): void {
  const declaration = statement.declaration as AnyNode | null;
  if (declaration) {
    declareLocal(module, declaration, true);
    return;
  }

  const from = statement.source as AnyNode | null;
  for (const item of statement.specifiers as AnyNode[]) {
    const local = nameOf(item.local as AnyNode);
    const exported = nameOf(item.exported as AnyNode);
    if (from) {
      module.forwarded.set(exported, { specifier: String(from.value), imported: local });
    } else {
      module.exports.set(exported, local);
    }
  }
}

function declareLocal(module: TsModule, statement: AnyNode, exported: boolean): void {
  const id = statement.id as AnyNode | null | undefined;
  if (statement.type === 'FunctionDeclaration' && id) {
    module.locals.set(id.name as string, statement);
    if (exported) {
      module.exports.set(id.name as string, id.name as string);
    }
    return;
  }

  if (statement.type !== 'VariableDeclaration' || statement.kind !== 'const') {
    return;
  }

  for (const declarator of statement.declarations as AnyNode[]) {
    const name =
      (declarator.id as AnyNode).type === 'Identifier'
        ? nameOf(declarator.id as AnyNode)
        : undefined;
    if (name !== undefined && declarator.init) {
      module.locals.set(name, declarator.init as AnyNode);
      if (exported) {
        module.exports.set(name, name);
      }
    }
  }
}

function nameOf(node: AnyNode): string {
  return node.type === 'Identifier' ? node.name : String(node.value);
}
