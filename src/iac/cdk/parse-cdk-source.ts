import { posix } from 'node:path';
import type { Expression, Node, ObjectExpression, Program } from 'oxc-parser';
import { buildParentMap, memberPath, unwrapExpression, walk } from '../../code/ast.js';
import type { ParentMap } from '../../code/ast.js';
import { parseFile } from '../../code/parse-file.js';
import type { LineTable } from '../../code/parse-file.js';
import type { Location } from '../../location.js';
import type { StaticScope } from './static-values.js';
import { staticStringOf } from './static-values.js';

/** `new X(scope, 'Id', props)` in CDK source, with what the call states directly. */
export interface ConstructFact {
  file: string;
  id: string;
  /** The class, as imported: `aws-dynamodb` and `TableV2`; a local class has no module. */
  module?: string;
  className: string;
  /** `orders` for `const orders = new ...`, `this.orders` for `this.orders = new ...`. */
  variable?: string;
  props?: ObjectExpression;
  /** The class whose constructor makes it, so `Stack/Api/Fn` can be told from `Stack/Fn`. */
  enclosingClass?: string;
  location: Location;
}

/** `receiver.method(...)`: grants, `addEnvironment`, `addGlobalSecondaryIndex`. */
export interface MethodCallFact {
  receiver: string;
  method: string;
  arguments: Node[];
  location: Location;
}

export interface CdkSource {
  file: string;
  text: string;
  lines: LineTable;
  constructs: ConstructFact[];
  calls: MethodCallFact[];
  scope: StaticScope;
}

export type CdkSourceRead =
  { ok: true; source: CdkSource } | { ok: false; error: string; line: number };

interface ImportBinding {
  module: string;
  /** Undefined for `import * as x`; the imported name otherwise. */
  imported?: string;
}

interface FileContext {
  file: string;
  lines: LineTable;
  parents: ParentMap;
  imports: Map<string, ImportBinding>;
}

const TRACKED_METHODS =
  /^(grant\w*|addEnvironment|add(Global|Local)SecondaryIndex|addToRolePolicy|addToPrincipalPolicy|addManagedPolicy|attachInlinePolicy)$/;

/** Parses one CDK source file into the constructs and calls the readers need. */
export function parseCdkSource(
  file: string,
  text: string,
  paths: { absoluteFile: string; appRoot: string },
): CdkSourceRead {
  const parsed = parseFile(file, text);
  if (!parsed.ok) {
    return parsed;
  }

  const context: FileContext = {
    file,
    lines: parsed.lines,
    parents: buildParentMap(parsed.program),
    imports: importsOf(parsed.program),
  };
  const scope: StaticScope = {
    dir: posix.dirname(paths.absoluteFile),
    appRoot: paths.appRoot,
    constants: constantsOf(parsed.program),
  };
  const constructs: ConstructFact[] = [];
  const calls: MethodCallFact[] = [];
  walk(parsed.program, node => {
    if (node.type === 'NewExpression') {
      constructs.push(...constructOf(node, context, scope));
    } else if (node.type === 'CallExpression') {
      calls.push(...methodCallOf(node, context));
    }
  });

  return { ok: true, source: { file, text, lines: parsed.lines, constructs, calls, scope } };
}

/**
 * The module and class a callee names: `dynamodb.Table` of `aws-cdk-lib/aws-dynamodb`,
 * `cdk.aws_dynamodb.Table` of `aws-cdk-lib`, or `Table` imported by name.
 */
function classOf(
  callee: Expression,
  imports: Map<string, ImportBinding>,
): { module?: string; className: string } | undefined {
  const path = memberPath(callee);
  const head = path?.[0];
  const className = path?.at(-1);
  if (!path || head === undefined || className === undefined) {
    return undefined;
  }

  const binding = imports.get(head);
  if (!binding) {
    return { className };
  }

  const named =
    binding.imported === undefined ? path.slice(1) : [binding.imported, ...path.slice(1)];
  const submodule = named.length === 2 ? named[0]?.replace(/^aws_/, 'aws-') : undefined;
  const module = normalModule(binding.module);
  const resolved = submodule && module === 'aws-cdk-lib' ? submodule.replace(/_/g, '-') : module;

  return { module: resolved, className };
}

// `aws-cdk-lib/aws-dynamodb` and CDK v1's `@aws-cdk/aws-dynamodb` are the same module to us.
function normalModule(module: string): string {
  return module.replace(/^aws-cdk-lib\//, '').replace(/^@aws-cdk\//, '');
}

function constructOf(node: Node, context: FileContext, scope: StaticScope): ConstructFact[] {
  if (node.type !== 'NewExpression' || node.arguments.length < 2) {
    return [];
  }

  const id = staticStringOf(node.arguments[1], scope);
  const type = classOf(node.callee, context.imports);
  if (id === undefined || !type) {
    return [];
  }

  const props = node.arguments[2] ? unwrapExpression(node.arguments[2] as Expression) : undefined;
  const construct: ConstructFact = {
    file: context.file,
    id,
    className: type.className,
    location: context.lines.locate(context.file, node.start),
  };
  assignOptional(construct, {
    module: type.module,
    props: props?.type === 'ObjectExpression' ? props : undefined,
    variable: variableOf(node, context.parents),
    enclosingClass: enclosingClassOf(node, context.parents),
  });

  return [construct];
}

function assignOptional(construct: ConstructFact, values: Partial<ConstructFact>): void {
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined) {
      Object.assign(construct, { [key]: value });
    }
  }
}

function variableOf(node: Node, parents: ParentMap): string | undefined {
  let parent = parents.get(node);
  while (parent && isTransparent(parent)) {
    parent = parents.get(parent);
  }

  if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier') {
    return parent.id.name;
  }

  return parent?.type === 'AssignmentExpression'
    ? memberPath(parent.left as Expression)?.join('.')
    : undefined;
}

function isTransparent(node: Node): boolean {
  return [
    'TSAsExpression',
    'TSNonNullExpression',
    'ParenthesizedExpression',
    'TSSatisfiesExpression',
  ].includes(node.type);
}

function enclosingClassOf(node: Node, parents: ParentMap): string | undefined {
  for (let current = parents.get(node); current; current = parents.get(current)) {
    if ((current.type === 'ClassDeclaration' || current.type === 'ClassExpression') && current.id) {
      return current.id.name;
    }
  }

  return undefined;
}

function methodCallOf(node: Node, context: FileContext): MethodCallFact[] {
  if (node.type !== 'CallExpression') {
    return [];
  }

  const callee = unwrapExpression(node.callee);
  const path = callee.type === 'MemberExpression' ? memberPath(callee) : undefined;
  const method = path?.at(-1);
  if (!path || method === undefined || path.length < 2 || !TRACKED_METHODS.test(method)) {
    return [];
  }

  return [
    {
      receiver: path.slice(0, -1).join('.'),
      method,
      arguments: node.arguments,
      location: context.lines.locate(context.file, node.start),
    },
  ];
}

function importsOf(program: Program): Map<string, ImportBinding> {
  const imports = new Map<string, ImportBinding>();
  for (const statement of program.body) {
    if (statement.type !== 'ImportDeclaration') {
      continue;
    }

    const module = statement.source.value;
    for (const specifier of statement.specifiers) {
      if (specifier.type === 'ImportSpecifier') {
        const imported = specifier.imported;
        const name = imported.type === 'Identifier' ? imported.name : String(imported.value);
        imports.set(specifier.local.name, { module, imported: name });
      } else {
        imports.set(specifier.local.name, { module });
      }
    }
  }

  return imports;
}

function constantsOf(program: Program): Map<string, Expression> {
  const constants = new Map<string, Expression>();
  const repeated = new Set<string>();
  walk(program, node => {
    if (node.type !== 'VariableDeclarator' || node.id.type !== 'Identifier' || !node.init) {
      return;
    }

    const name = node.id.name;
    if (constants.has(name)) {
      repeated.add(name);
    }
    constants.set(name, node.init);
  });
  for (const name of repeated) {
    constants.delete(name);
  }

  return constants;
}
