import type {
  BindingPattern,
  Class,
  Expression,
  ImportDeclaration,
  Node,
  ParamPattern,
  Statement,
  VariableDeclarator,
} from 'oxc-parser';
import { isFunctionNode } from './ast.js';
import type { FunctionNode, ParentMap } from './ast.js';

/** What a name in scope was bound to. `path` reads into the bound value for destructuring. */
export type Declaration =
  | {
      kind: 'variable';
      declarator: VariableDeclarator;
      init: Expression | null;
      path: string[];
      fallback?: Expression;
      constant: boolean;
    }
  | { kind: 'param'; fn: FunctionNode; index: number; path: string[]; fallback?: Expression }
  | { kind: 'import'; node: ImportDeclaration; source: string; imported: string }
  | { kind: 'function'; node: FunctionNode }
  | { kind: 'class'; node: Class };

type Scope = Map<string, Declaration>;

type PatternBinding = { name: string; path: string[]; fallback?: Expression };

/** Names a binding pattern introduces, each with the property path it reads from the value. */
export function patternBindings(
  pattern: BindingPattern | ParamPattern,
  path: string[] = [],
): PatternBinding[] {
  switch (pattern.type) {
    case 'Identifier':
      return [{ name: pattern.name, path }];
    case 'AssignmentPattern':
      return patternBindings(pattern.left, path).map(binding => ({
        ...binding,
        fallback: binding.fallback ?? (binding.path === path ? pattern.right : undefined),
      }));
    case 'ObjectPattern':
      return pattern.properties.flatMap(property => {
        if (property.type === 'RestElement') {
          return [];
        }
        const key =
          property.key.type === 'Identifier' && !property.computed ? property.key.name : undefined;
        return key === undefined ? [] : patternBindings(property.value, [...path, key]);
      });
    case 'ArrayPattern':
      return pattern.elements.flatMap((element, index) =>
        element && element.type !== 'RestElement'
          ? patternBindings(element, [...path, String(index)])
          : [],
      );
    case 'TSParameterProperty':
      return patternBindings(pattern.parameter, path);
    default:
      return [];
  }
}

function declareVariables(scope: Scope, statement: Statement | Node): void {
  const declaration =
    statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement;
  if (!declaration) {
    return;
  }

  if (declaration.type === 'VariableDeclaration') {
    for (const declarator of declaration.declarations) {
      for (const binding of patternBindings(declarator.id)) {
        scope.set(binding.name, {
          kind: 'variable',
          declarator,
          init: declarator.init,
          path: binding.path,
          fallback: binding.fallback,
          constant: declaration.kind === 'const',
        });
      }
    }
  } else if (declaration.type === 'FunctionDeclaration' && declaration.id) {
    scope.set(declaration.id.name, { kind: 'function', node: declaration });
  } else if (declaration.type === 'ClassDeclaration' && declaration.id) {
    scope.set(declaration.id.name, { kind: 'class', node: declaration });
  }
}

function declareDefaultExport(scope: Scope, statement: Node): void {
  if (statement.type !== 'ExportDefaultDeclaration') {
    return;
  }

  const declaration = statement.declaration;
  if (declaration.type === 'FunctionDeclaration' && declaration.id) {
    scope.set(declaration.id.name, { kind: 'function', node: declaration });
  } else if (declaration.type === 'ClassDeclaration' && declaration.id) {
    scope.set(declaration.id.name, { kind: 'class', node: declaration });
  }
}

function declareImport(scope: Scope, statement: Node): void {
  if (statement.type !== 'ImportDeclaration' || statement.importKind === 'type') {
    return;
  }

  for (const specifier of statement.specifiers) {
    const imported =
      specifier.type === 'ImportDefaultSpecifier'
        ? 'default'
        : specifier.type === 'ImportNamespaceSpecifier'
          ? '*'
          : specifier.imported.type === 'Identifier'
            ? specifier.imported.name
            : String(specifier.imported.value);
    scope.set(specifier.local.name, {
      kind: 'import',
      node: statement,
      source: statement.source.value,
      imported,
    });
  }
}

function declareStatements(scope: Scope, statements: Array<Statement | Node>): void {
  for (const statement of statements) {
    declareVariables(scope, statement);
    declareDefaultExport(scope, statement);
    declareImport(scope, statement);
  }
}

function declareParams(scope: Scope, fn: FunctionNode): void {
  fn.params.forEach((param, index) => {
    for (const binding of patternBindings(param)) {
      scope.set(binding.name, { kind: 'param', fn, index, ...binding });
    }
  });
}

function buildScope(node: Node): Scope | undefined {
  const scope: Scope = new Map();
  if (node.type === 'Program' || node.type === 'BlockStatement' || node.type === 'StaticBlock') {
    declareStatements(scope, node.body);
  } else if (isFunctionNode(node)) {
    declareParams(scope, node);
    if (node.body?.type === 'BlockStatement') {
      declareStatements(scope, node.body.body);
    }
  } else if (node.type === 'ForOfStatement' || node.type === 'ForInStatement') {
    declareVariables(scope, node.left);
  } else if (node.type === 'ForStatement' && node.init) {
    declareVariables(scope, node.init);
  } else if (node.type === 'SwitchCase') {
    declareStatements(scope, node.consequent);
  } else {
    return undefined;
  }

  return scope;
}

/** Finds declarations by walking up from a reference; scopes are built once per node and cached. */
export class Bindings {
  private readonly scopes = new Map<Node, Scope | undefined>();

  constructor(
    readonly program: Node,
    readonly parents: ParentMap,
  ) {}

  lookup(name: string, from: Node): Declaration | undefined {
    for (let node: Node | undefined = from; node; node = this.parents.get(node)) {
      const declaration = this.scopeOf(node)?.get(name);
      if (declaration) {
        return declaration;
      }
    }

    return undefined;
  }

  /** The declarations made directly at module level. */
  moduleScope(): Scope {
    return this.scopeOf(this.program) ?? new Map<string, Declaration>();
  }

  private scopeOf(node: Node): Scope | undefined {
    if (!this.scopes.has(node)) {
      this.scopes.set(node, buildScope(node));
    }

    return this.scopes.get(node);
  }
}
