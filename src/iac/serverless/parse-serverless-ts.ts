import { parseSync } from 'oxc-parser';
import type { Node, Program } from 'oxc-parser';
import { LineTable, tooDeepLineOf } from '../../code/parse-file.js';
import type { Location } from '../../location.js';
import type { MapEntry, TemplateNode } from '../template-node.js';
import type { ParseResult } from '../parse-template.js';
import { unresolvedNode } from './serverless-node.js';

type AnyNode = Node & Record<string, unknown>;

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
 * objects and template literals are evaluated; anything else is an unresolved value with its
 * source text, so it never stands in for a name it might not be.
 */
export function parseServerlessTs(source: string, file: string): ParseResult {
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

  const evaluator = new LiteralEvaluator(source, file, lines, result.program);
  const exported = exportedExpression(result.program);
  if (!exported) {
    return {
      ok: false,
      line: 1,
      reason:
        'it exports no object literal (`export default {...}` or `module.exports = {...}`). Export the service configuration as an object literal.',
    };
  }

  return { ok: true, root: evaluator.evaluate(exported, 0) };
}

function exportedExpression(program: Program): AnyNode | undefined {
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

class LiteralEvaluator {
  private readonly constants = new Map<string, AnyNode>();

  constructor(
    private readonly source: string,
    private readonly file: string,
    private readonly lines: LineTable,
    program: Program,
  ) {
    for (const statement of program.body as AnyNode[]) {
      const declaration =
        statement.type === 'ExportNamedDeclaration'
          ? (statement.declaration as AnyNode)
          : statement;
      if (declaration?.type === 'VariableDeclaration' && declaration.kind === 'const') {
        for (const declarator of declaration.declarations as AnyNode[]) {
          const id = declarator.id as AnyNode;
          if (id.type === 'Identifier' && declarator.init) {
            this.constants.set(id.name, declarator.init as AnyNode);
          }
        }
      }
    }
  }

  evaluate(node: AnyNode, depth: number): TemplateNode {
    if (depth > MAX_DEPTH) {
      return this.unresolved(node);
    }

    if (TRANSPARENT.has(node.type)) {
      return this.evaluate(node.expression as AnyNode, depth + 1);
    }

    switch (node.type) {
      case 'ObjectExpression':
        return this.objectOf(node, depth);
      case 'ArrayExpression':
        return this.arrayOf(node, depth);
      case 'Literal':
        return this.literalOf(node);
      case 'TemplateLiteral':
        return this.templateOf(node, depth);
      case 'Identifier':
        return this.identifierOf(node, depth);
      default:
        return this.unresolved(node);
    }
  }

  // Limitation: a spread (`...common`) is left out. Breaks on `provider: { ...base, runtime }`:
  // the settings of `base` are missing from the provider.
  private objectOf(node: AnyNode, depth: number): TemplateNode {
    const entries: MapEntry[] = [];
    for (const property of node.properties as AnyNode[]) {
      const key =
        property.type === 'Property' && !property.computed
          ? keyOf(property.key as AnyNode)
          : undefined;
      if (key !== undefined) {
        const keyLocation = this.locationOf(property.key as AnyNode);
        entries.push({
          key,
          keyLocation,
          value: this.evaluate(property.value as AnyNode, depth + 1),
        });
      }
    }

    return { kind: 'map', entries, location: this.locationOf(node), text: this.textOf(node) };
  }

  private arrayOf(node: AnyNode, depth: number): TemplateNode {
    const elements = (node.elements as (AnyNode | null)[]).filter(
      (element): element is AnyNode => element !== null && element.type !== 'SpreadElement',
    );
    const items = elements.map(element => this.evaluate(element, depth + 1));

    return { kind: 'list', items, location: this.locationOf(node), text: this.textOf(node) };
  }

  private literalOf(node: AnyNode): TemplateNode {
    const value = node.value;
    if (
      typeof value === 'string' ||
      typeof value === 'number' ||
      typeof value === 'boolean' ||
      value === null
    ) {
      return { kind: 'scalar', value, location: this.locationOf(node), text: this.textOf(node) };
    }

    return this.unresolved(node);
  }

  private templateOf(node: AnyNode, depth: number): TemplateNode {
    const quasis = node.quasis as AnyNode[];
    const expressions = node.expressions as AnyNode[];
    let text = '';
    for (const [index, quasi] of quasis.entries()) {
      text += (quasi.value as { cooked?: string }).cooked ?? '';
      const expression = expressions[index];
      const value = expression ? this.evaluate(expression, depth + 1) : undefined;
      if (value && (value.kind !== 'scalar' || value.value === null)) {
        return this.unresolved(node);
      }

      text += value ? String(value.value) : '';
    }

    return {
      kind: 'scalar',
      value: text,
      location: this.locationOf(node),
      text: this.textOf(node),
    };
  }

  // Only a `const` of this file is followed; an imported value stays unresolved.
  private identifierOf(node: AnyNode, depth: number): TemplateNode {
    const init = this.constants.get(node.name as string);

    return init ? this.evaluate(init, depth + 1) : this.unresolved(node);
  }

  private unresolved(node: AnyNode): TemplateNode {
    return unresolvedNode(this.textOf(node), this.locationOf(node));
  }

  private locationOf(node: AnyNode): Location {
    return this.lines.locate(this.file, node.start);
  }

  private textOf(node: AnyNode): string {
    return this.source.slice(node.start, node.end);
  }
}

function keyOf(key: AnyNode): string | undefined {
  if (key.type === 'Identifier') {
    return key.name;
  }

  return key.type === 'Literal' && (typeof key.value === 'string' || typeof key.value === 'number')
    ? String(key.value)
    : undefined;
}
