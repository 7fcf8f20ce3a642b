import type { Class, Node } from 'oxc-parser';
import type { Location } from '../location.js';
import type { ParentMap } from './ast.js';
import type { Bindings } from './bindings.js';
import type { LineTable } from './parse-file.js';

/** Everything the per-file passes share about one parsed file. */
export interface FileContext {
  file: string;
  source: string;
  lines: LineTable;
  parents: ParentMap;
  bindings: Bindings;
  /** Function nodes, and call chains bound to an export, that are code functions, by name. */
  codeFunctions: Map<Node, string>;
}

export function locationOf(context: FileContext, node: Node): Location {
  return context.lines.locate(context.file, node.start);
}

export function sourceText(context: FileContext, node: Node): string {
  return context.source.slice(node.start, node.end);
}

/** The name of the code function a node sits in, or `<module>` at top level. */
export function codeFunctionOf(context: FileContext, node: Node): string {
  for (let current: Node | undefined = node; current; current = context.parents.get(current)) {
    const name = context.codeFunctions.get(current);
    if (name !== undefined) {
      return name;
    }
  }

  return '<module>';
}

export function enclosingClass(context: FileContext, node: Node): Class | undefined {
  for (let current = context.parents.get(node); current; current = context.parents.get(current)) {
    if (current.type === 'ClassDeclaration' || current.type === 'ClassExpression') {
      return current;
    }
  }

  return undefined;
}

export function classNameOf(context: FileContext, node: Class): string {
  if (node.id) {
    return node.id.name;
  }

  const parent = context.parents.get(node);
  if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier') {
    return parent.id.name;
  }

  return 'default';
}
