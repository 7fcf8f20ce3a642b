import type { Expression, Node, Program } from 'oxc-parser';
import { buildParentMap, unwrapExpression, walk } from './ast.js';
import { batchResponseReturner } from './batch-item-failures.js';
import { Bindings } from './bindings.js';
import { calleeRefOf, constructedRef, requiredSource } from './callees.js';
import { collectCodeFunctions, isInLoop } from './code-functions.js';
import { eachLoopOf } from './each-loop.js';
import type { FileContext } from './file-context.js';
import { codeFunctionOf, locationOf, sourceText } from './file-context.js';
import type { CalleeRef, CallSite, FileFacts, FunctionFacts, ImportRef } from './file-facts.js';
import { appCallsOf } from './http-app-calls.js';
import { collectExports } from './module-exports.js';
import type { AnonymousExport } from './module-exports.js';
import { parseFile } from './parse-file.js';
import { recogniseDynamoDb } from './recognise-dynamodb.js';
import { recogniseOrm } from './recognise-orm.js';
import { responseFieldOf } from './response-fields.js';
import { resultUseOf } from './result-use.js';
import { moduleBindingEntity, sdkEntityOf } from './sdk-entities.js';
import { unresolved } from './symbolic.js';
import { evaluate, moduleBindingValue } from './values.js';

function emptyFacts(file: string): FileFacts {
  return {
    file,
    status: 'ok',
    importSources: [],
    functions: [],
    constants: {},
    clients: {},
    instances: {},
    exports: [],
    starExports: [],
    sdkSites: [],
    importedClientCalls: [],
    callSites: [],
  };
}

function calleeKey(ref: CalleeRef): string {
  return JSON.stringify(ref);
}

function declarationNodeOf(node: Node, context: FileContext): Node {
  const parent = context.parents.get(node);
  const named =
    parent?.type === 'MethodDefinition' ||
    parent?.type === 'Property' ||
    parent?.type === 'PropertyDefinition' ||
    parent?.type === 'VariableDeclarator';

  return named && parent ? parent : node;
}

function functionList(context: FileContext): Map<string, FunctionFacts & { keys: Set<string> }> {
  const functions = new Map<string, FunctionFacts & { keys: Set<string> }>();
  const moduleLocation = { file: context.file, line: 1, column: 1 };
  functions.set('<module>', {
    name: '<module>',
    location: moduleLocation,
    calls: [],
    keys: new Set(),
  });
  for (const [node, name] of context.codeFunctions) {
    if (!functions.has(name)) {
      const location = locationOf(context, declarationNodeOf(node, context));
      functions.set(name, { name, location, calls: [], keys: new Set() });
    }
  }

  return functions;
}

function addCall(
  functions: ReturnType<typeof functionList>,
  context: FileContext,
  name: string,
  ref: CalleeRef,
): void {
  let entry = functions.get(name);
  if (!entry) {
    entry = {
      name,
      location: { file: context.file, line: 1, column: 1 },
      calls: [],
      keys: new Set(),
    };
    functions.set(name, entry);
  }
  const key = calleeKey(ref);
  if (!entry.keys.has(key)) {
    entry.keys.add(key);
    entry.calls.push(ref);
  }
}

function callSiteOf(
  node: Extract<Node, { type: 'CallExpression' | 'NewExpression' }>,
  callee: CalleeRef,
  context: FileContext,
): CallSite {
  const eachLoop = eachLoopOf(node, context);

  return {
    callee,
    args: node.arguments.map(argument =>
      argument.type === 'SpreadElement'
        ? unresolved(sourceText(context, argument))
        : evaluate(argument, context),
    ),
    location: locationOf(context, node),
    codeFunction: codeFunctionOf(context, node),
    inLoop: isInLoop(node, context.parents, context.codeFunctions),
    ...(eachLoop ? { eachLoop } : {}),
    resultUse: resultUseOf(node, context),
  };
}

function collectCalls(
  node: Node,
  context: FileContext,
  facts: FileFacts,
  functions: ReturnType<typeof functionList>,
): void {
  if (node.type !== 'CallExpression' && node.type !== 'NewExpression') {
    return;
  }

  const owner = codeFunctionOf(context, node);
  const callee =
    node.type === 'CallExpression'
      ? calleeRefOf(node.callee, context)
      : constructedRef(node.callee, context);
  if (callee) {
    addCall(functions, context, owner, callee);
    facts.callSites.push(callSiteOf(node, callee, context));
  }

  for (const argument of node.arguments) {
    const passed =
      argument.type === 'Identifier' || argument.type === 'MemberExpression'
        ? calleeRefOf(argument, context)
        : undefined;
    if (passed && passed.kind !== 'instance') {
      addCall(functions, context, owner, passed);
    }
  }
}

function recordResponseField(
  node: Node,
  context: FileContext,
  fields: Map<string, Set<string>>,
): void {
  const field = responseFieldOf(node);
  if (field === undefined) {
    return;
  }

  const owner = codeFunctionOf(context, node);
  fields.set(owner, (fields.get(owner) ?? new Set()).add(field));
}

function recordImportSource(node: Node, facts: FileFacts): void {
  if (node.type === 'ImportDeclaration' || node.type === 'ExportAllDeclaration') {
    facts.importSources.push(node.source.value);
  } else if (node.type === 'ExportNamedDeclaration' && node.source) {
    facts.importSources.push(node.source.value);
  } else if (node.type === 'CallExpression') {
    const source = requiredSource(node);
    if (source !== undefined) {
      facts.importSources.push(source);
    }
  } else if (
    node.type === 'ImportExpression' &&
    node.source.type === 'Literal' &&
    typeof node.source.value === 'string'
  ) {
    facts.importSources.push(node.source.value);
  }
}

function recordModuleBindings(context: FileContext, facts: FileFacts): void {
  for (const [name, declaration] of context.bindings.moduleScope()) {
    if (declaration.kind === 'import') {
      const { source, imported } = declaration;
      const ref: ImportRef = {
        kind: 'import',
        file: context.file,
        source,
        name: imported,
        path: [],
        text: name,
      };
      facts.constants[name] = { value: ref, location: locationOf(context, declaration.node) };
    }
    if (declaration.kind !== 'variable') {
      continue;
    }
    const value = moduleBindingValue(name, context);
    if (value.kind !== 'unresolved') {
      facts.constants[name] = { value, location: locationOf(context, declaration.declarator) };
    }
    const entity = moduleBindingEntity(name, context);
    if (entity?.kind === 'client') {
      facts.clients[name] = entity.client;
    }
    const init =
      declaration.init && declaration.path.length === 0
        ? unwrapExpression(declaration.init)
        : undefined;
    const classRef = init?.type === 'NewExpression' ? calleeRefOf(init.callee, context) : undefined;
    if (classRef) {
      facts.instances[name] = classRef;
    }
  }
}

function recordAnonymousExport(
  exported: AnonymousExport,
  context: FileContext,
  facts: FileFacts,
): void {
  const expression: Expression = unwrapExpression(exported.expression);
  const value = evaluate(expression, context);
  if (value.kind !== 'unresolved' && !facts.constants[exported.local]) {
    facts.constants[exported.local] = { value, location: locationOf(context, expression) };
  }
  const entity = sdkEntityOf(expression, context);
  if (entity?.kind === 'client') {
    facts.clients[exported.local] = entity.client;
  }
  const classRef =
    expression.type === 'NewExpression' ? calleeRefOf(expression.callee, context) : undefined;
  if (classRef) {
    facts.instances[exported.local] = classRef;
  }
}

function contextFor(
  file: string,
  source: string,
  program: Program,
  lines: FileContext['lines'],
): FileContext {
  const parents = buildParentMap(program);
  const bindings = new Bindings(program, parents);
  const codeFunctions = collectCodeFunctions(program, bindings);

  return { file, source, lines, parents, bindings, codeFunctions };
}

/** Per-file facts: a pure function of the path and the text, so it can be cached by content. */
export function extractFileFacts(file: string, source: string): FileFacts {
  const facts = emptyFacts(file);
  const parsed = parseFile(file, source);
  if (!parsed.ok) {
    return { ...facts, status: 'failed', error: parsed.error, line: parsed.line };
  }

  const context = contextFor(file, source, parsed.program, parsed.lines);
  const functions = functionList(context);
  const batchResponders = new Set<string>();
  const responseFields = new Map<string, Set<string>>();
  walk(parsed.program, node => {
    recordImportSource(node, facts);
    recogniseDynamoDb(node, context, facts);
    recogniseOrm(node, context, facts);
    collectCalls(node, context, facts, functions);
    for (const call of appCallsOf(node, context)) {
      addCall(functions, context, call.owner, call.ref);
    }
    const responder = batchResponseReturner(node, context);
    if (responder !== undefined) {
      batchResponders.add(responder);
    }
    recordResponseField(node, context, responseFields);
  });

  const moduleExports = collectExports(parsed.program, context);
  facts.exports = moduleExports.exports;
  facts.starExports = moduleExports.starExports;
  recordModuleBindings(context, facts);
  for (const exported of moduleExports.anonymous) {
    recordAnonymousExport(exported, context, facts);
  }
  facts.functions = [...functions.values()].map(({ name, location, calls }) => ({
    name,
    location,
    calls,
    ...(batchResponders.has(name) ? { returnsBatchItemFailures: true } : {}),
    ...(responseFields.has(name) ? { responseFields: [...responseFields.get(name)!].sort() } : {}),
  }));

  return facts;
}
