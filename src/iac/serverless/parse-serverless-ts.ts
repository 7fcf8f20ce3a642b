import { posix } from 'node:path';
import { parseSync } from 'oxc-parser';
import { LineTable, tooDeepLineOf } from '../../code/parse-file.js';
import type { Location } from '../../location.js';
import type { MapEntry, TemplateNode } from '../template-node.js';
import type { ParseResult } from '../parse-template.js';
import { unresolvedNode } from './serverless-node.js';
import type { AnyNode, TsModule } from './ts-modules.js';
import { TsModules } from './ts-modules.js';

// Wrappers that change a value's type, never the value itself.
const TRANSPARENT = new Set([
  'TSAsExpression',
  'TSSatisfiesExpression',
  'TSNonNullExpression',
  'TSTypeAssertion',
  'ParenthesizedExpression',
]);

/**
 * Reads `serverless.ts` as the object literal it exports (`export default {...}`, or
 * `module.exports =` that object or a `const` holding it). Strings, numbers, booleans, arrays,
 * objects, spreads and template literals are evaluated, and so are `const`s this file or a
 * module it imports declares (`import hello from '@functions/hello'`, with `root` given);
 * anything else is an unresolved value with its source text, so it never stands in for a name
 * it might not be.
 */
export function parseServerlessTs(source: string, file: string, root?: string): ParseResult {
  const tooDeep = tooDeepLineOf(source);
  if (tooDeep !== undefined) {
    const reason = `line ${tooDeep} nests brackets too deeply to read. Flatten the expression at that line.`;
    return { ok: false, line: tooDeep, reason };
  }

  const result = parseSync(file, source, { sourceType: 'module', lang: 'ts' });
  const lines = new LineTable(source);
  const error = result.errors.find(candidate => String(candidate.severity) === 'Error');
  if (error) {
    const line = lines.locate(file, error.labels[0]?.start ?? 0).line;
    return {
      ok: false,
      line,
      reason: `line ${line} is not valid TypeScript (${error.message}). Fix the syntax at that line.`,
    };
  }

  const modules = new TsModules(root);
  const module = modules.add(file, source);
  const exported = module ? exportedExpression(module.program) : undefined;
  if (!module || !exported) {
    return {
      ok: false,
      line: 1,
      reason:
        'it exports no object literal (`export default {...}` or `module.exports = {...}`). Export the service configuration as an object literal.',
    };
  }

  const evaluator = new LiteralEvaluator(modules, posix.dirname(file));

  return { ok: true, root: evaluator.evaluate(module, exported, 0) };
}

function exportedExpression(program: AnyNode): AnyNode | undefined {
  for (const statement of program.body as AnyNode[]) {
    if (statement.type === 'ExportDefaultDeclaration') {
      return statement.declaration as AnyNode;
    }

    const expression = statement.expression as AnyNode | undefined;
    if (statement.type === 'ExpressionStatement' && isModuleExports(expression)) {
      return expression?.right as AnyNode;
    }
  }

  return undefined;
}

function isModuleExports(expression: AnyNode | undefined): boolean {
  const left = expression?.left as AnyNode | undefined;
  const object = left?.object as AnyNode | undefined;
  const property = left?.property as AnyNode | undefined;

  return (
    expression?.type === 'AssignmentExpression' &&
    left?.type === 'MemberExpression' &&
    object?.name === 'module' &&
    property?.name === 'exports'
  );
}

// Object literals nest; past this depth the file is treated as hostile rather than followed.
const MAX_DEPTH = 200;

interface Declared {
  module: TsModule;
  node: AnyNode;
}

class LiteralEvaluator {
  constructor(
    private readonly modules: TsModules,
    /** Folder of the service file, relative to the root: where `serverless` runs. */
    private readonly serviceDir: string,
  ) {}

  evaluate(module: TsModule, node: AnyNode, depth: number): TemplateNode {
    if (depth > MAX_DEPTH) {
      return this.unresolved(module, node);
    }

    if (TRANSPARENT.has(node.type)) {
      return this.evaluate(module, node.expression as AnyNode, depth + 1);
    }

    switch (node.type) {
      case 'ObjectExpression':
        return this.objectOf(module, node, depth);
      case 'ArrayExpression':
        return this.arrayOf(module, node, depth);
      case 'Literal':
        return this.literalOf(module, node);
      case 'TemplateLiteral':
        return this.templateOf(module, node, depth);
      case 'Identifier':
        return this.identifierOf(module, node, depth);
      case 'CallExpression':
        return this.callOf(module, node, depth) ?? this.unresolved(module, node);
      default:
        return this.unresolved(module, node);
    }
  }

  // Limitation: a spread whose value does not evaluate to an object is left out. Breaks on
  // `provider: { ...loadBase(), runtime }`: the settings `loadBase` returns are missing.
  private objectOf(module: TsModule, node: AnyNode, depth: number): TemplateNode {
    const entries: MapEntry[] = [];
    for (const property of node.properties as AnyNode[]) {
      if (property.type === 'SpreadElement') {
        const spread = this.evaluate(module, property.argument as AnyNode, depth + 1);
        const spreadEntries = spread.kind === 'map' ? spread.entries : [];
        spreadEntries.forEach(entry => setEntry(entries, entry));
        continue;
      }

      const key =
        property.type === 'Property' && !property.computed
          ? keyOf(property.key as AnyNode)
          : undefined;
      if (key !== undefined) {
        const keyLocation = this.locationOf(module, property.key as AnyNode);
        const value = this.evaluate(module, property.value as AnyNode, depth + 1);
        setEntry(entries, { key, keyLocation, value });
      }
    }

    return {
      kind: 'map',
      entries,
      location: this.locationOf(module, node),
      text: this.textOf(module, node),
    };
  }

  private arrayOf(module: TsModule, node: AnyNode, depth: number): TemplateNode {
    const items = (node.elements as (AnyNode | null)[]).flatMap(element => {
      if (element === null) {
        return [];
      }

      if (element.type !== 'SpreadElement') {
        return [this.evaluate(module, element, depth + 1)];
      }

      const spread = this.evaluate(module, element.argument as AnyNode, depth + 1);
      return spread.kind === 'list' ? spread.items : [];
    });

    return {
      kind: 'list',
      items,
      location: this.locationOf(module, node),
      text: this.textOf(module, node),
    };
  }

  private literalOf(module: TsModule, node: AnyNode): TemplateNode {
    const value = node.value;
    if (
      typeof value === 'string' ||
      typeof value === 'number' ||
      typeof value === 'boolean' ||
      value === null
    ) {
      const location = this.locationOf(module, node);
      return { kind: 'scalar', value, location, text: this.textOf(module, node) };
    }

    return this.unresolved(module, node);
  }

  private templateOf(module: TsModule, node: AnyNode, depth: number): TemplateNode {
    const quasis = node.quasis as AnyNode[];
    const expressions = node.expressions as AnyNode[];
    let text = '';
    for (const [index, quasi] of quasis.entries()) {
      text += (quasi.value as { cooked?: string }).cooked ?? '';
      const expression = expressions[index];
      const value = expression ? this.evaluate(module, expression, depth + 1) : undefined;
      if (value && (value.kind !== 'scalar' || value.value === null)) {
        return this.unresolved(module, node);
      }

      text += value ? String(value.value) : '';
    }

    return {
      kind: 'scalar',
      value: text,
      location: this.locationOf(module, node),
      text: this.textOf(module, node),
    };
  }

  private identifierOf(module: TsModule, node: AnyNode, depth: number): TemplateNode {
    const declared = this.declarationOf(module, node.name as string, depth);

    return declared
      ? this.evaluate(declared.module, declared.node, depth + 1)
      : this.unresolved(module, node);
  }

  // The folder helper of the aws-nodejs-typescript template, `handlerPath(__dirname)`, turns
  // the folder of the calling module into a path relative to where `serverless` runs; a helper
  // is taken for one when it is called with `__dirname` alone and reads `process.cwd()`.
  private callOf(module: TsModule, node: AnyNode, depth: number): TemplateNode | undefined {
    const [argument, ...rest] = node.arguments as AnyNode[];
    const callee = node.callee as AnyNode;
    const isFolderCall =
      rest.length === 0 && argument?.type === 'Identifier' && argument.name === '__dirname';
    if (!isFolderCall || callee.type !== 'Identifier') {
      return undefined;
    }

    const helper = this.declarationOf(module, callee.name, depth);
    if (!helper || !this.textOf(helper.module, helper.node).includes('process.cwd()')) {
      return undefined;
    }

    const folder = posix.relative(this.serviceDir, posix.dirname(module.file));
    const location = this.locationOf(module, node);

    return { kind: 'scalar', value: folder, location, text: this.textOf(module, node) };
  }

  /** Where a name used in `module` is declared: a `const` or function there, or an import. */
  private declarationOf(module: TsModule, name: string, depth: number): Declared | undefined {
    const local = module.locals.get(name);
    if (local) {
      return { module, node: local };
    }

    const imported = module.imports.get(name);
    const target = imported ? this.modules.resolve(module.file, imported.specifier) : undefined;

    return target && imported ? this.exportOf(target, imported.imported, depth + 1) : undefined;
  }

  private exportOf(module: TsModule, name: string, depth: number): Declared | undefined {
    if (depth > MAX_DEPTH) {
      return undefined;
    }

    if (name === 'default') {
      return module.defaultExport ? { module, node: module.defaultExport } : undefined;
    }

    const local = module.exports.get(name);
    if (local !== undefined) {
      return this.declarationOf(module, local, depth + 1);
    }

    const forwarded = module.forwarded.get(name);
    if (forwarded) {
      const target = this.modules.resolve(module.file, forwarded.specifier);
      return target ? this.exportOf(target, forwarded.imported, depth + 1) : undefined;
    }

    for (const specifier of module.starSpecifiers) {
      const target = this.modules.resolve(module.file, specifier);
      const found = target ? this.exportOf(target, name, depth + 1) : undefined;
      if (found) {
        return found;
      }
    }

    return undefined;
  }

  private unresolved(module: TsModule, node: AnyNode): TemplateNode {
    return unresolvedNode(this.textOf(module, node), this.locationOf(module, node));
  }

  private locationOf(module: TsModule, node: AnyNode): Location {
    return module.lines.locate(module.file, node.start);
  }

  private textOf(module: TsModule, node: AnyNode): string {
    return module.source.slice(node.start, node.end);
  }
}

// A later key wins over the same key set earlier or brought in by a spread.
function setEntry(entries: MapEntry[], entry: MapEntry): void {
  const earlier = entries.findIndex(candidate => candidate.key === entry.key);
  if (earlier >= 0) {
    entries.splice(earlier, 1);
  }

  entries.push(entry);
}

function keyOf(key: AnyNode): string | undefined {
  if (key.type === 'Identifier') {
    return key.name;
  }

  return key.type === 'Literal' && (typeof key.value === 'string' || typeof key.value === 'number')
    ? String(key.value)
    : undefined;
}
