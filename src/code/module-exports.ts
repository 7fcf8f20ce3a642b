import type { Expression, Node, Program } from 'oxc-parser';
import { staticKeyName, unwrapExpression } from './ast.js';
import { patternBindings } from './bindings.js';
import { commonJsExportName } from './code-functions.js';
import type { FileContext } from './file-context.js';
import { locationOf } from './file-context.js';
import type { ExportEntry } from './file-facts.js';

/** An exported expression with no name of its own, bound under a synthetic local name. */
export interface AnonymousExport {
  local: string;
  expression: Expression;
}

export interface ModuleExports {
  exports: ExportEntry[];
  starExports: string[];
  anonymous: AnonymousExport[];
}

function exportedName(node: Node): string {
  return node.type === 'Identifier'
    ? node.name
    : node.type === 'Literal'
      ? String(node.value)
      : 'default';
}

function namedExports(
  statement: Extract<Node, { type: 'ExportNamedDeclaration' }>,
  context: FileContext,
  found: ModuleExports,
): void {
  const location = locationOf(context, statement);
  const declaration = statement.declaration;
  if (declaration?.type === 'VariableDeclaration') {
    for (const declarator of declaration.declarations) {
      // `export const main = getOrder` exports the code function `getOrder` under another name.
      const init = declarator.init ? unwrapExpression(declarator.init) : undefined;
      const alias = init?.type === 'Identifier' ? init.name : undefined;
      for (const binding of patternBindings(declarator.id)) {
        found.exports.push({
          name: binding.name,
          local: binding.path.length === 0 && alias !== undefined ? alias : binding.name,
          location: locationOf(context, declarator),
        });
      }
    }
  } else if (
    (declaration?.type === 'FunctionDeclaration' || declaration?.type === 'ClassDeclaration') &&
    declaration.id
  ) {
    found.exports.push({ name: declaration.id.name, local: declaration.id.name, location });
  }

  for (const specifier of statement.specifiers) {
    const name = exportedName(specifier.exported);
    const local = exportedName(specifier.local);
    found.exports.push(
      statement.source
        ? { name, source: statement.source.value, imported: local, location }
        : { name, local, location },
    );
  }
}

function defaultExport(
  statement: Extract<Node, { type: 'ExportDefaultDeclaration' }>,
  context: FileContext,
  found: ModuleExports,
): void {
  const location = locationOf(context, statement);
  const declaration = statement.declaration;
  // A default-exported function is the code function `default`, whatever its own name.
  if (declaration.type === 'ClassDeclaration' && declaration.id) {
    found.exports.push({ name: 'default', local: declaration.id.name, location });
  } else if (declaration.type === 'Identifier') {
    found.exports.push({ name: 'default', local: declaration.name, location });
  } else if (declaration.type !== 'TSInterfaceDeclaration') {
    found.exports.push({ name: 'default', local: 'default', location });
    if (declaration.type !== 'FunctionDeclaration' && declaration.type !== 'ClassDeclaration') {
      found.anonymous.push({ local: 'default', expression: declaration });
    }
  }
}

function commonJsExport(statement: Node, context: FileContext, found: ModuleExports): void {
  if (
    statement.type !== 'ExpressionStatement' ||
    statement.expression.type !== 'AssignmentExpression'
  ) {
    return;
  }

  const name = commonJsExportName(statement.expression.left);
  const value = unwrapExpression(statement.expression.right);
  const location = locationOf(context, statement);
  if (name === undefined) {
    return;
  }
  if (name === 'default' && value.type === 'ObjectExpression') {
    for (const property of value.properties) {
      const key =
        property.type === 'Property' ? staticKeyName(property.key, property.computed) : undefined;
      if (property.type !== 'Property' || key === undefined) {
        continue;
      }
      const local = property.value.type === 'Identifier' ? property.value.name : key;
      found.exports.push({ name: key, local, location });
      if (property.value.type !== 'Identifier') {
        found.anonymous.push({ local, expression: property.value });
      }
    }
  }

  const local = value.type === 'Identifier' ? value.name : name;
  found.exports.push({ name, local, location });
  if (value.type !== 'Identifier') {
    found.anonymous.push({ local, expression: value });
  }
}

/** Every name a module exports, ESM and CommonJS alike. */
export function collectExports(program: Program, context: FileContext): ModuleExports {
  const found: ModuleExports = { exports: [], starExports: [], anonymous: [] };
  for (const statement of program.body) {
    if (statement.type === 'ExportNamedDeclaration' && statement.exportKind !== 'type') {
      namedExports(statement, context, found);
    } else if (statement.type === 'ExportDefaultDeclaration') {
      defaultExport(statement, context, found);
    } else if (statement.type === 'ExportAllDeclaration') {
      if (statement.exported) {
        const name = exportedName(statement.exported);
        found.exports.push({
          name,
          source: statement.source.value,
          imported: '*',
          location: locationOf(context, statement),
        });
      } else {
        found.starExports.push(statement.source.value);
      }
    } else {
      commonJsExport(statement, context, found);
    }
  }

  return found;
}
