import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Document, Node as YamlNode, ScalarTag, CollectionTag, YAMLError } from 'yaml';
import type { Location } from '../location.js';
import { deepestNestingOf } from '../nesting-depth.js';
import type { MapEntry, TemplateNode } from './template-node.js';

/** A key that a map repeats; the parse keeps the last occurrence. */
export interface RepeatedKey {
  key: string;
  line: number;
}

export type ParseResult =
  | { ok: true; root: TemplateNode | undefined; repeatedKeys?: RepeatedKey[] }
  | { ok: false; line: number; reason: string };

export interface ParseOptions {
  /**
   * CloudFormation deploys a template whose map repeats a key, taking the last value; other
   * formats (the Serverless Framework's YAML loader) refuse it.
   */
  repeatedKeys: 'last-wins' | 'refuse';
}

/** Short-form tags and the long-form keys they stand for. */
const SHORT_FORMS: Record<string, string> = {
  '!Ref': 'Ref',
  '!Condition': 'Condition',
  '!GetAtt': 'Fn::GetAtt',
  '!Sub': 'Fn::Sub',
  '!Join': 'Fn::Join',
  '!If': 'Fn::If',
  '!Select': 'Fn::Select',
  '!Split': 'Fn::Split',
  '!ImportValue': 'Fn::ImportValue',
  '!FindInMap': 'Fn::FindInMap',
  '!GetAZs': 'Fn::GetAZs',
  '!Base64': 'Fn::Base64',
  '!Cidr': 'Fn::Cidr',
  '!Equals': 'Fn::Equals',
  '!And': 'Fn::And',
  '!Or': 'Fn::Or',
  '!Not': 'Fn::Not',
  '!Transform': 'Fn::Transform',
  '!Length': 'Fn::Length',
  '!ToJsonString': 'Fn::ToJsonString',
};

// Each tag may sit on a scalar, a sequence or a map; the tags keep yaml's own nodes so that
// positions survive, and the conversion below turns them into long forms.
const CUSTOM_TAGS: (ScalarTag | CollectionTag)[] = Object.keys(SHORT_FORMS).flatMap(tag => [
  { tag, resolve: (value: string) => value },
  { tag, collection: 'seq' as const },
  { tag, collection: 'map' as const },
]);

// Aliases can nest; past this depth the template is treated as hostile rather than followed.
const MAX_DEPTH = 200;

/** Parses one template file; `file` is the path that every location of the tree carries. */
export function parseTemplate(
  source: string,
  file: string,
  isJson: boolean,
  options: ParseOptions = { repeatedKeys: 'refuse' },
): ParseResult {
  let lineCounter = new LineCounter();
  let document = readDocument(source, lineCounter, true);
  const repeatedKeys = repeatedKeysOf(document, source, lineCounter);
  if (options.repeatedKeys === 'last-wins' && repeatedKeys.length > 0) {
    lineCounter = new LineCounter();
    document = readDocument(source, lineCounter, false);
  }

  const error = document?.errors[0];
  if (!document || error?.message.includes(STACK_OVERFLOW)) {
    return tooDeep(source);
  }

  if (error) {
    return failureOf(error, source, lineCounter, isJson);
  }

  const mayRepeatKeys = options.repeatedKeys === 'last-wins' && repeatedKeys.length > 0;
  const converter = new NodeConverter(source, file, lineCounter, document, mayRepeatKeys);
  const root = document.contents ? converter.convert(document.contents, 0) : undefined;

  return { ok: true, root, repeatedKeys: options.repeatedKeys === 'last-wins' ? repeatedKeys : [] };
}

// Only when every error is a repeated key: any other error fails the parse as it is.
function repeatedKeysOf(
  document: Document | undefined,
  source: string,
  lineCounter: LineCounter,
): RepeatedKey[] {
  const errors = document?.errors ?? [];
  if (errors.length === 0 || errors.some(error => error.code !== 'DUPLICATE_KEY')) {
    return [];
  }

  return errors.map(error => ({
    key: keyTextAt(source, error.pos[0]),
    line: lineCounter.linePos(error.pos[0]).line,
  }));
}

// yaml's parser recurses once per nesting level, so a few thousand nested `- ` or `[` overflow
// the stack: yaml reports that as an error of the document, or it throws.
const STACK_OVERFLOW = 'Maximum call stack size exceeded';

function readDocument(
  source: string,
  lineCounter: LineCounter,
  uniqueKeys: boolean,
): Document | undefined {
  try {
    return parseDocument(source, {
      lineCounter,
      customTags: CUSTOM_TAGS,
      uniqueKeys,
      prettyErrors: false,
    });
  } catch (error) {
    if (error instanceof RangeError) {
      return undefined;
    }

    throw error;
  }
}

function tooDeep(source: string): ParseResult {
  const { line } = deepestNestingOf(source);

  return {
    ok: false,
    line,
    reason: `line ${line} nests lists or maps too deeply to read. Flatten the structure at that line.`,
  };
}

function failureOf(
  error: YAMLError,
  source: string,
  lineCounter: LineCounter,
  isJson: boolean,
): ParseResult {
  const line = lineCounter.linePos(error.pos[0]).line;
  const language = isJson ? 'JSON' : 'YAML';
  if (error.code === 'TAB_AS_INDENT') {
    return {
      ok: false,
      line,
      reason: `line ${line} indents with a tab, which YAML forbids. Indent with spaces.`,
    };
  }

  if (error.code === 'DUPLICATE_KEY') {
    const key = keyTextAt(source, error.pos[0]);
    return {
      ok: false,
      line,
      reason: `line ${line} repeats the key ${key}, which a template forbids. Keep one of them.`,
    };
  }

  if (error.code === 'MULTIPLE_DOCS') {
    return {
      ok: false,
      line,
      reason: `line ${line} starts a second YAML document, and a template is one document. Split it into separate files.`,
    };
  }

  const detail = error.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? '';
  return {
    ok: false,
    line,
    reason: `line ${line} is not valid ${language} (${detail}). Fix the syntax at that line.`,
  };
}

function keyTextAt(source: string, offset: number): string {
  const rest = source.slice(offset);
  const key = /^\s*("[^"]*"|'[^']*'|[^:\n]+)/.exec(rest)?.[1]?.trim() ?? '';

  return `"${key.replace(/^["']|["']$/g, '')}"`;
}

function lastOfEachKey(entries: MapEntry[]): MapEntry[] {
  const keys = entries.map(entry => entry.key);

  return entries.filter((entry, index) => keys.lastIndexOf(entry.key) === index);
}

class NodeConverter {
  constructor(
    private readonly source: string,
    private readonly file: string,
    private readonly lineCounter: LineCounter,
    private readonly document: Document,
    /** Only a document read with repeated keys allowed needs its maps cut to the last of each. */
    private readonly mayRepeatKeys: boolean,
  ) {}

  convert(node: YamlNode, depth: number): TemplateNode {
    if (depth > MAX_DEPTH) {
      return this.scalar(node, null);
    }

    if (isAlias(node)) {
      const target = node.resolve(this.document);
      return target ? this.convert(target, depth + 1) : this.scalar(node, null);
    }

    const plain = this.convertPlain(node, depth);
    const longForm = node.tag ? SHORT_FORMS[node.tag] : undefined;
    if (!longForm) {
      return plain;
    }

    return this.longFormOf(node, longForm, plain);
  }

  private convertPlain(node: YamlNode, depth: number): TemplateNode {
    if (isMap(node)) {
      const all = node.items.flatMap(pair => this.entryOf(pair, depth));
      const entries = this.mayRepeatKeys ? lastOfEachKey(all) : all;
      return { kind: 'map', entries, location: this.locationOf(node), text: this.textOf(node) };
    }

    if (isSeq(node)) {
      const items = node.items.flatMap(item =>
        item && typeof item === 'object' && !isPair(item)
          ? [this.convert(item as YamlNode, depth + 1)]
          : [],
      );
      return { kind: 'list', items, location: this.locationOf(node), text: this.textOf(node) };
    }

    return this.scalar(node, plainValueOf(isScalar(node) ? node.value : null));
  }

  private entryOf(pair: unknown, depth: number): MapEntry[] {
    const keyText = isPair(pair) && isScalar(pair.key) ? plainValueOf(pair.key.value) : null;
    if (!isPair(pair) || keyText === null) {
      return [];
    }

    const key = pair.key as YamlNode;
    const keyLocation = this.locationOf(key);
    const value = pair.value ? this.convert(pair.value as YamlNode, depth + 1) : this.emptyAt(key);

    return [{ key: String(keyText), keyLocation, value }];
  }

  // `!GetAtt Table.Arn` is the string form of `{ 'Fn::GetAtt': [Table, Arn] }`.
  private longFormOf(node: YamlNode, key: string, plain: TemplateNode): TemplateNode {
    const location = this.locationOf(node);
    const text = this.textOf(node);
    let value = plain;
    if (key === 'Fn::GetAtt' && plain.kind === 'scalar' && typeof plain.value === 'string') {
      const dot = plain.value.indexOf('.');
      const parts =
        dot < 0 ? [plain.value] : [plain.value.slice(0, dot), plain.value.slice(dot + 1)];
      const items = parts.map(part => ({ ...plain, value: part }));
      value = { kind: 'list', items, location, text };
    }

    return { kind: 'map', entries: [{ key, keyLocation: location, value }], location, text };
  }

  private scalar(node: YamlNode, value: string | number | boolean | null): TemplateNode {
    return { kind: 'scalar', value, location: this.locationOf(node), text: this.textOf(node) };
  }

  private emptyAt(key: YamlNode): TemplateNode {
    return { kind: 'scalar', value: null, location: this.locationOf(key), text: '' };
  }

  private locationOf(node: YamlNode): Location {
    const position = this.lineCounter.linePos(this.startOf(node));

    return { file: this.file, line: position.line, column: position.col };
  }

  private textOf(node: YamlNode): string {
    const end = node.range?.[1] ?? this.startOf(node);

    return this.source.slice(this.startOf(node), end).trim();
  }

  // A tagged node's range starts after its tag; the tag belongs to what a person sees.
  private startOf(node: YamlNode): number {
    const start = node.range?.[0] ?? 0;
    if (!node.tag || !SHORT_FORMS[node.tag]) {
      return start;
    }

    const tagStart = this.source.lastIndexOf(node.tag, start);
    const between = tagStart < 0 ? '' : this.source.slice(tagStart + node.tag.length, start);

    return tagStart >= 0 && /^\s*$/.test(between) ? tagStart : start;
  }
}

function plainValueOf(value: unknown): string | number | boolean | null {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return value;
  }

  return typeof value === 'bigint' ? String(value) : null;
}
