import { posix } from 'node:path';
import type { TFExpressionSyntaxTree } from '@cdktf/hcl2json';
import type { HclObject, HclValue } from './hcl-value.js';
import { decodedValueOf } from './file-functions.js';
import { hclText, stringOf, unresolved } from './hcl-value.js';
import { expressionAstOf } from './parse-hcl.js';

type Node = TFExpressionSyntaxTree.ExpressionType;
type TraversalPart = TFExpressionSyntaxTree.TerraformTraversalPart;

/** What an expression can refer to: the module instance it is evaluated in. */
export interface Scope {
  /** Folder of the module relative to the scanned root, `''` at the root. */
  moduleDir: string;
  /** Folder of the root module relative to the scanned root. */
  rootDir: string;
  /** `module.tables.` inside the module called `tables`, `''` in the root module. */
  addressPrefix: string;
  variable(name: string): Promise<HclValue>;
  local(name: string): Promise<HclValue>;
  /** `key` is the instance of a module called with `for_each`: `module.api["GET"].arn`. */
  moduleOutput(module: string, output: string, key?: string): Promise<HclValue>;
  /** `each.key` and `each.value` of the `for_each` instance being evaluated. */
  each?: { key: HclValue; value: HclValue };
  /** The text of a file of the repository, for `file(...)`; relative to the root module. */
  fileText?(path: string): Promise<string | undefined>;
}

// Values that need an apply or an iteration to be known.
const RUNTIME_ROOTS = new Set(['each', 'count', 'self', 'terraform']);

/**
 * Evaluates what hcl2json made of an attribute: plain JSON, where a string holding `${...}` is
 * an expression that hcl2json kept as source text and the HCL expression parser reads.
 */
export async function evaluateJson(json: unknown, scope: Scope): Promise<HclValue> {
  if (typeof json === 'string') {
    return json.includes('${') || json.includes('%{')
      ? evaluateTemplate(json, scope)
      : { kind: 'literal', value: json };
  }

  if (typeof json === 'number' || typeof json === 'boolean') {
    return { kind: 'literal', value: json };
  }

  if (Array.isArray(json)) {
    return { kind: 'tuple', items: await mapInOrder(json, item => evaluateJson(item, scope)) };
  }

  if (json !== null && typeof json === 'object') {
    return {
      kind: 'object',
      entries: await evaluateObject(json as Record<string, unknown>, scope),
    };
  }

  return unresolved('null');
}

export async function evaluateObject(
  json: Record<string, unknown>,
  scope: Scope,
): Promise<HclObject> {
  const entries: HclObject = {};
  for (const [key, value] of Object.entries(json)) {
    entries[key] = await evaluateJson(value, scope);
  }

  return entries;
}

// One evaluation at a time, so a scope that meets a local it is still evaluating knows that
// the local refers to itself rather than that another evaluation is under way.
export async function mapInOrder<T, R>(items: T[], map: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (const item of items) {
    results.push(await map(item));
  }

  return results;
}

async function evaluateTemplate(text: string, scope: Scope): Promise<HclValue> {
  const ast = await expressionAstOf(text);
  if (!ast) {
    return unresolved(text);
  }

  return evaluateNode(ast, scope);
}

async function evaluateNode(node: Node, scope: Scope): Promise<HclValue> {
  switch (node.type) {
    case 'template':
      return joinValues(await mapInOrder(node.children, child => evaluateNode(child, scope)));
    case 'templateWrap':
      return node.children[0] ? evaluateNode(node.children[0], scope) : unresolved('');
    case 'literalValue':
      return literalOf(node.meta.type, node.meta.value);
    case 'scopeTraversal':
      return evaluateTraversal(node.meta.traversal, scope, node.meta.value);
    case 'relativeTraversal':
      return relativeTraversalOf(node, scope);
    case 'index':
      return indexOf(node, scope);
    case 'function':
      return callFunction(node, scope);
    case 'tuple':
      return {
        kind: 'tuple',
        items: await mapInOrder(node.children, child => evaluateNode(child, scope)),
      };
    case 'object':
      return evaluateObjectNode(node, scope);
    default:
      return unresolved(node.meta.value);
  }
}

function literalOf(type: string, value: string): HclValue {
  if (type === 'number' && Number.isFinite(Number(value))) {
    return { kind: 'literal', value: Number(value) };
  }

  if (type === 'bool') {
    return { kind: 'literal', value: value === 'true' };
  }

  return { kind: 'literal', value };
}

// Adjacent literals merge, so `"${var.prefix}-orders"` with a known prefix is one literal.
function joinValues(parts: HclValue[]): HclValue {
  const merged: HclValue[] = [];
  for (const part of parts) {
    const last = merged[merged.length - 1];
    if (part.kind === 'literal' && last?.kind === 'literal') {
      merged[merged.length - 1] = { kind: 'literal', value: `${last.value}${part.value}` };
    } else if (!(part.kind === 'literal' && part.value === '')) {
      merged.push(part);
    }
  }

  if (merged.length === 0) {
    return { kind: 'literal', value: '' };
  }

  return merged.length === 1 && merged[0] ? merged[0] : { kind: 'join', parts: merged };
}

async function evaluateTraversal(
  parts: TraversalPart[],
  scope: Scope,
  text: string,
): Promise<HclValue> {
  const [root, second, ...rest] = parts;
  if (
    root?.segment === 'each' &&
    scope.each &&
    (second?.segment === 'key' || second?.segment === 'value')
  ) {
    return applyParts(scope.each[second.segment], rest, text);
  }

  if (!root || !second || root.type !== 'nameTraversal' || RUNTIME_ROOTS.has(root.segment)) {
    return unresolved(text);
  }

  switch (root.segment) {
    case 'var':
      return applyParts(await scope.variable(second.segment), rest, text);
    case 'local':
      return applyParts(await scope.local(second.segment), rest, text);
    case 'module':
      return moduleOutputOf(second.segment, rest, scope, text);
    case 'path':
      return pathOf(second.segment, scope, text);
    case 'data':
      return referenceOf(`data.${second.segment}`, rest, scope, text);
    default:
      return referenceOf(root.segment, [second, ...rest], scope, text);
  }
}

async function moduleOutputOf(
  module: string,
  parts: TraversalPart[],
  scope: Scope,
  text: string,
): Promise<HclValue> {
  const [first, ...others] = parts;
  const key = first?.type === 'indexTraversal' ? stringKeyOf(first.segment) : undefined;
  const [output, ...rest] = first?.type === 'indexTraversal' ? others : parts;
  if (output?.type !== 'nameTraversal') {
    return unresolved(text);
  }

  return applyParts(await scope.moduleOutput(module, output.segment, key), rest, text);
}

// `["GET"]` names a `for_each` instance; `[0]` a `count` instance, which is not told apart.
function stringKeyOf(segment: string): string | undefined {
  return segment.startsWith('"') ? keyNameOf(segment) : undefined;
}

// Terraform runs in the root module's folder, so `path.module` is relative to it, as every other
// relative path of the configuration is.
function pathOf(name: string, scope: Scope, text: string): HclValue {
  if (name === 'module') {
    return { kind: 'literal', value: posix.relative(scope.rootDir, scope.moduleDir) || '.' };
  }

  return name === 'root' || name === 'cwd' ? { kind: 'literal', value: '.' } : unresolved(text);
}

// `aws_sqs_queue.jobs["a"].arn` names the `for_each` instance `jobs["a"]`; a configuration that
// could not expand `jobs` takes it for `jobs` itself. `count` instances (`jobs[0]`) are not
// expanded, so their index is passed over.
function referenceOf(type: string, parts: TraversalPart[], scope: Scope, text: string): HclValue {
  const names = parts.filter(part => part.type === 'nameTraversal').map(part => part.segment);
  const [name, attribute] = names;
  if (name === undefined) {
    return unresolved(text);
  }

  const index = parts[1]?.type === 'indexTraversal' ? stringKeyOf(parts[1].segment) : undefined;
  const instance = index === undefined ? '' : instanceKeyOf(index);
  const address = `${scope.addressPrefix}${type}.${name}${instance}`;
  const reference: HclValue = { kind: 'reference', address, type };

  return attribute === undefined ? reference : { ...reference, attribute };
}

// `yamldecode(file("env.yml")).table`: the traversal applies to what the expression gives.
async function relativeTraversalOf(
  node: TFExpressionSyntaxTree.RelativeTraversalExpression,
  scope: Scope,
): Promise<HclValue> {
  const base = node.children[0] ? await evaluateNode(node.children[0], scope) : undefined;

  return base && base.kind !== 'unresolved'
    ? applyParts(base, node.meta.traversal, node.meta.value)
    : unresolved(node.meta.value);
}

// `local.settings[var.stage]`, and `aws_lambda_function.api[each.key]`, the instance of `api`
// for the key.
async function indexOf(
  node: TFExpressionSyntaxTree.IndexExpression,
  scope: Scope,
): Promise<HclValue> {
  const [collectionNode, keyNode] = node.children;
  const collection = collectionNode ? await evaluateNode(collectionNode, scope) : undefined;
  const key = stringOf(keyNode ? await evaluateNode(keyNode, scope) : undefined);
  if (collection === undefined || key === undefined) {
    return unresolved(node.meta.value);
  }

  if (collection.kind === 'reference' && collection.attribute === undefined) {
    return { ...collection, address: `${collection.address}${instanceKeyOf(key)}` };
  }

  if (collection.kind === 'object') {
    return collection.entries[key] ?? unresolved(node.meta.value);
  }

  if (collection.kind === 'tuple') {
    return collection.items[Number(key)] ?? unresolved(node.meta.value);
  }

  return unresolved(node.meta.value);
}

function applyParts(value: HclValue, parts: TraversalPart[], text: string): HclValue {
  let current = value;
  for (const part of parts) {
    current = stepInto(current, part, text);
  }

  return current;
}

function stepInto(value: HclValue, part: TraversalPart, text: string): HclValue {
  if (value.kind === 'object') {
    return value.entries[keyNameOf(part.segment)] ?? unresolved(text);
  }

  if (value.kind === 'tuple' && part.type === 'indexTraversal') {
    return value.items[Number(part.segment)] ?? unresolved(text);
  }

  if (value.kind === 'reference' && value.attribute === undefined) {
    return part.type === 'nameTraversal' ? { ...value, attribute: part.segment } : value;
  }

  return value.kind === 'unresolved' ? value : unresolved(text);
}

async function evaluateObjectNode(
  node: TFExpressionSyntaxTree.ObjectExpression,
  scope: Scope,
): Promise<HclValue> {
  // The object's children alternate key and value; `items` maps each key's source text to its
  // value's source text, which picks out the value node.
  const values = node.children.filter((_, index) => index % 2 === 1);
  const entries: HclObject = {};
  for (const [keyText, valueText] of Object.entries(node.meta.items)) {
    const child = values.find(candidate => candidate.meta.value === valueText);
    const ast = child ?? (await expressionAstOf(valueText, false));
    entries[keyNameOf(keyText)] = ast ? await evaluateNode(ast, scope) : unresolved(valueText);
  }

  return { kind: 'object', entries };
}

function keyNameOf(keyText: string): string {
  const isQuoted = keyText.length >= 2 && keyText.startsWith('"') && keyText.endsWith('"');

  return isQuoted ? keyText.slice(1, -1) : keyText;
}

async function callFunction(
  node: TFExpressionSyntaxTree.FunctionCallExpression,
  scope: Scope,
): Promise<HclValue> {
  const args = await mapInOrder(node.children, child => evaluateNode(child, scope));
  const text = node.meta.value;
  const [first, second] = args;
  switch (node.meta.name) {
    case 'jsonencode':
    case 'tostring':
    case 'tomap':
    case 'tolist':
    case 'toset':
      return first ?? unresolved(text);
    case 'lower':
    case 'upper':
    case 'trimspace':
      return changeText(first, node.meta.name, text);
    case 'format':
      return formatOf(args, text);
    case 'file':
      return fileOf(first, scope, text);
    case 'yamldecode':
    case 'jsondecode':
      return decodeOf(node.meta.name, first, text);
    case 'join':
      return joinListOf(first, second, text);
    default:
      return unresolved(text);
  }
}

async function fileOf(path: HclValue | undefined, scope: Scope, text: string): Promise<HclValue> {
  const name = stringOf(path);
  const contents = name === undefined ? undefined : await scope.fileText?.(name);

  return contents === undefined ? unresolved(text) : { kind: 'literal', value: contents };
}

function decodeOf(
  decoder: 'yamldecode' | 'jsondecode',
  value: HclValue | undefined,
  text: string,
): HclValue {
  const input = stringOf(value);

  return input === undefined ? unresolved(text) : decodedValueOf(decoder, input);
}

function changeText(value: HclValue | undefined, name: string, text: string): HclValue {
  const input = stringOf(value);
  if (input === undefined) {
    return unresolved(text);
  }

  const output =
    name === 'lower' ? input.toLowerCase() : name === 'upper' ? input.toUpperCase() : input.trim();

  return { kind: 'literal', value: output };
}

// Only `%s` and `%d` verbs; any other verb leaves the call unresolved.
function formatOf(args: HclValue[], text: string): HclValue {
  const [pattern, ...values] = args;
  const spec = stringOf(pattern);
  if (spec === undefined) {
    return unresolved(text);
  }

  const pieces = spec.split(/(%[sd%])/);
  const parts: HclValue[] = [];
  let next = 0;
  for (const piece of pieces) {
    if (piece === '%s' || piece === '%d') {
      parts.push(values[next++] ?? unresolved(text));
    } else if (piece.includes('%') && piece !== '%%') {
      return unresolved(text);
    } else {
      parts.push({ kind: 'literal', value: piece === '%%' ? '%' : piece });
    }
  }

  return joinValues(parts);
}

function joinListOf(
  separator: HclValue | undefined,
  list: HclValue | undefined,
  text: string,
): HclValue {
  const glue = stringOf(separator);
  if (glue === undefined || list?.kind !== 'tuple') {
    return unresolved(text);
  }

  const parts = list.items.flatMap((item, index) =>
    index === 0 ? [item] : [{ kind: 'literal' as const, value: glue }, item],
  );

  return parts.some(part => part.kind === 'object' || part.kind === 'tuple')
    ? unresolved(hclText(list))
    : joinValues(parts);
}

/** The address suffix Terraform gives a `for_each` instance: `["GET"]`. */
export function instanceKeyOf(key: string): string {
  return `[${JSON.stringify(key)}]`;
}
