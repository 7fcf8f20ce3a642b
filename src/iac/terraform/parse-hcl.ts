import type { TFExpressionSyntaxTree } from '@cdktf/hcl2json';
import { firstOfDiagnostics } from '../../error-text.js';
import { deepestNestingOf } from '../../nesting-depth.js';
import { callHcl } from './hcl-runtime.js';
import { longestOperatorChainOf } from './operator-chain.js';

type Node = TFExpressionSyntaxTree.ExpressionType;

export type HclParse =
  { ok: true; body: Record<string, unknown> } | { ok: false; reason: string; line?: number };

// The parser recurses once per nesting level on the WebAssembly stack; past about a thousand
// levels it overflows and crashes, so deeper files are refused before it sees them. No configuration a person writes nests anywhere near this.
// Limitation: brackets in strings and comments count too. Breaks on a file with 200 more `(`
// than `)` in its comments: it is reported as nesting too deep and its resources are not read.
const MAX_NESTING = 200;

// A run of prefix operators, `- - - 1` or `!!!x`, nests the parser once per operator as well,
// and a few thousand of them crash it. Comment rules of dashes are common, so only a run far
// longer than any of them refuses a file.
const MAX_FILE_PREFIX_RUN = 1000;

/** Parses one `.tf` or `.tfvars` file into hcl2json's JSON form. */
export function parseHcl(path: string, text: string): Promise<HclParse> {
  return Promise.resolve(refusalOf(text) ?? parsedWith(path, text));
}

function refusalOf(text: string): HclParse | undefined {
  const nesting = deepestNestingOf(text);
  if (nesting.depth > MAX_NESTING) {
    const reason = `line ${nesting.line} nests brackets more than ${MAX_NESTING} levels deep, too deeply to read. Flatten the expression at that line.`;
    return { ok: false, reason, line: nesting.line };
  }

  const run = prefixRunOf(text, MAX_FILE_PREFIX_RUN);
  if (run) {
    const reason = `line ${run.line} chains more than ${MAX_FILE_PREFIX_RUN} \`-\` or \`!\` operators, too many to read. Shorten the chain at that line.`;
    return { ok: false, reason, line: run.line };
  }

  return undefined;
}

function parsedWith(path: string, text: string): HclParse {
  const answer = callHcl('parse', path, text);
  if (answer.kind === 'error') {
    return failureOf(path, answer.message);
  }

  if (answer.kind === 'crash') {
    // The parser gives no position when it crashes, so the failure is placed at the top.
    const reason = `the HCL parser crashed reading this file (${answer.message}) and was restarted for the next file. Simplify the longest or most deeply nested expression in it.`;
    return { ok: false, reason, line: 1 };
  }

  return { ok: true, body: JSON.parse(answer.text) as Record<string, unknown> };
}

/** Where `text` first holds more than `limit` `-` or `!` in a row, spaces between allowed. */
function prefixRunOf(text: string, limit: number): { line: number } | undefined {
  const found = new RegExp(`(?:[-!]\\s*){${limit + 1}}`).exec(text);
  if (!found) {
    return undefined;
  }

  return { line: text.slice(0, found.index).split('\n').length };
}

// hcl2json reports `parse config: [main.tf:12,3-4: Invalid expression; ...]`.
function failureOf(path: string, message: string): HclParse {
  const detail = message.replace(/^parse config: \[/, '').replace(/\]\s*$/, '');
  const marker = `${path}:`;
  const at = detail.indexOf(marker);
  const line = at < 0 ? NaN : parseInt(detail.slice(at + marker.length), 10);
  const description =
    at < 0 ? detail : detail.slice(at + marker.length).replace(/^[\d,-]+:\s*/, '');
  const where = Number.isFinite(line) ? `line ${line}: ` : '';
  const first = firstOfDiagnostics(description.split(` ${marker}`)).trim();
  const reason = `${where}${first} Fix the HCL syntax there; \`terraform validate\` reports the same error.`;

  return Number.isFinite(line) ? { ok: false, reason, line } : { ok: false, reason };
}

const astCache = new Map<string, Promise<Node | undefined>>();

/**
 * The expression tree of an HCL expression. With `asTemplate`, `text` is a string as hcl2json
 * returns it (`${aws_sqs_queue.jobs.url}/x`), read as a template; otherwise it is an expression.
 */
export function expressionAstOf(text: string, asTemplate = true): Promise<Node | undefined> {
  const key = `${asTemplate ? 't' : 'e'}:${text}`;
  let ast = astCache.get(key);
  if (!ast) {
    ast = Promise.resolve(readAst(text, asTemplate));
    astCache.set(key, ast);
  }

  return ast;
}

// The expression parser's work grows faster than the length of an operator chain (every node
// keeps its own source text): a chain of a hundred `- ` or `+ 1` takes seconds, a few thousand
// crash it. Real expressions chain a handful; a longer chain stays unresolved.
const MAX_OPERATOR_CHAIN = 32;

function readAst(text: string, asTemplate: boolean): Node | undefined {
  if (longestOperatorChainOf(text, asTemplate) > MAX_OPERATOR_CHAIN) {
    return undefined;
  }

  const delimiter = delimiterFor(text);
  // A heredoc takes the text as it is: quotes and backslashes need no escaping there.
  const source = asTemplate ? `<<${delimiter}\n${text}\n${delimiter}\n` : text;
  const answer = callHcl('getExpressionAst', 'expression.tf', source);
  const ast = answer.kind === 'result' ? (JSON.parse(answer.text) as Node | null) : null;
  if (!ast) {
    return undefined;
  }

  return asTemplate ? withoutHeredocNewline(ast) : ast;
}

function delimiterFor(text: string): string {
  let delimiter = 'INFRAWISE_EOT';
  while (text.includes(delimiter)) {
    delimiter += '_';
  }

  return delimiter;
}

// The heredoc adds a newline after the text; it is not part of the value.
function withoutHeredocNewline(ast: Node): Node {
  const last = ast.children[ast.children.length - 1];
  if (ast.type !== 'template' || last?.type !== 'literalValue' || !last.meta.value.endsWith('\n')) {
    return ast;
  }

  const value = last.meta.value.slice(0, -1);
  const children =
    value === ''
      ? ast.children.slice(0, -1)
      : [...ast.children.slice(0, -1), { ...last, meta: { ...last.meta, value } }];

  return { ...ast, children };
}

/**
 * The line of a block's header, `resource "aws_sqs_queue" "jobs" {`, found in the source text
 * because hcl2json keeps no positions. Only the header is matched; the parser read the block.
 */
export function headerLineOf(source: string, keyword: string, labels: string[]): number {
  const lines = source.split('\n');
  const index = lines.findIndex(line => isHeader(line, keyword, labels));

  return index < 0 ? 1 : index + 1;
}

function isHeader(line: string, keyword: string, labels: string[]): boolean {
  const words = line.trim().split(/\s+/);
  if (words[0] !== keyword) {
    return false;
  }

  const rest = words.slice(1, labels.length + 1).map(word => word.replace(/^"|"$/g, ''));

  return labels.every((label, index) => rest[index] === label || rest[index] === `${label}{`);
}

/** The line of `name =` inside the block that starts at `blockLine`, when it is found there. */
export function attributeLineOf(
  source: string,
  blockLine: number,
  name: string,
): number | undefined {
  const lines = source.split('\n');
  for (let index = blockLine; index < lines.length; index++) {
    const line = lines[index] ?? '';
    if (/^(resource|data|module|variable|output|locals)\b/.test(line)) {
      return undefined;
    }

    const trimmed = line.trim().replace(/^"/, '');
    if (trimmed.startsWith(name) && /^\s*"?\s*[={]/.test(trimmed.slice(name.length))) {
      return index + 1;
    }
  }

  return undefined;
}
