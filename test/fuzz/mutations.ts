import fc from 'fast-check';

/** One edit of a file's bytes; positions and lengths are fractions of the length at that point. */
export type Mutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'duplicate'; at: number; length: number; to: number }
  | { kind: 'swap'; at: number; length: number; to: number }
  | { kind: 'insert'; at: number; bytes: number[] }
  | { kind: 'replace'; at: number; length: number; bytes: number[] }
  | { kind: 'nest'; at: number; after: string; opening: string; count: number };

/** What a case writes in place of the seed: the seed with edits, or bytes owing nothing to it. */
export type Variant =
  | { kind: 'mutated'; mutations: Mutation[] }
  | { kind: 'random-bytes'; bytes: Uint8Array }
  | { kind: 'random-text'; text: string };

const encoder = new TextEncoder();

// What breaks YAML, JSON, HCL and JavaScript: indentation, keys, tags, interpolation, quotes,
// and bytes that are not UTF-8 (a lone continuation byte, a cut sequence, a byte-order mark).
const TOKENS = [
  '\t',
  ':',
  ': ',
  '{',
  '}',
  '[',
  ']',
  '!',
  '!Ref ',
  '!GetAtt ',
  '${',
  '${self:',
  '${file(',
  '"',
  "'",
  '`',
  '#',
  '- ',
  '&a ',
  '*a',
  '<<',
  '---\n',
  '\n',
  '\r\n',
  '\\',
  '/*',
  '=',
  '\0',
].map(token => [...encoder.encode(token)]);
const RAW_BYTES = [[0xff], [0xfe, 0xff], [0x80], [0xc3], [0xe2, 0x82], [0xef, 0xbb, 0xbf]];

const fraction = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });
const shortFraction = fc.double({ min: 0, max: 0.2, noNaN: true });
const insertedBytes = fc.oneof(
  fc.constantFrom(...TOKENS, ...RAW_BYTES),
  fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 8 }),
);

// Thousands of nested lists or maps overflow a recursive parser; they go after a key or at the
// start of a line, where a value or an item may begin.
const nest = fc.record({
  kind: fc.constant('nest' as const),
  at: fraction,
  after: fc.constantFrom('\n', ': ', ':', '= '),
  opening: fc.constantFrom('[', '{', '(', '- ', '{"a":', '{a = ', '[[', '- - ', '!Ref '),
  count: fc.integer({ min: 1, max: 6000 }),
});

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fraction }),
  fc.record({ kind: fc.constant('delete' as const), at: fraction, length: shortFraction }),
  fc.record({
    kind: fc.constant('duplicate' as const),
    at: fraction,
    length: shortFraction,
    to: fraction,
  }),
  fc.record({
    kind: fc.constant('swap' as const),
    at: fraction,
    length: shortFraction,
    to: fraction,
  }),
  fc.record({ kind: fc.constant('insert' as const), at: fraction, bytes: insertedBytes }),
  fc.record({
    kind: fc.constant('replace' as const),
    at: fraction,
    length: shortFraction,
    bytes: fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 64 }),
  }),
  nest,
);

export const variant: fc.Arbitrary<Variant> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant('mutated' as const),
      mutations: fc.array(mutation, { minLength: 1, maxLength: 4 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('random-bytes' as const),
      bytes: fc.uint8Array({ maxLength: 2048 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('random-text' as const),
      text: fc.string({ unit: 'binary', maxLength: 512 }),
    }),
  },
);

/** The bytes a case writes for a seed file. */
export function applyVariant(seed: Uint8Array, chosen: Variant): Uint8Array {
  if (chosen.kind === 'random-bytes') {
    return chosen.bytes;
  }

  if (chosen.kind === 'random-text') {
    return encoder.encode(chosen.text);
  }

  return chosen.mutations.reduce(applyMutation, seed);
}

function applyMutation(bytes: Uint8Array, edit: Mutation): Uint8Array {
  const at = Math.floor(edit.at * bytes.length);
  if (edit.kind === 'truncate') {
    return bytes.slice(0, at);
  }

  if (edit.kind === 'insert') {
    return join(bytes.slice(0, at), Uint8Array.from(edit.bytes), bytes.slice(at));
  }

  if (edit.kind === 'nest') {
    return nested(bytes, at, edit);
  }

  const end = Math.min(bytes.length, at + Math.ceil(edit.length * bytes.length));
  const slice = bytes.slice(at, end);
  const rest = join(bytes.slice(0, at), bytes.slice(end));
  if (edit.kind === 'delete') {
    return rest;
  }

  if (edit.kind === 'replace') {
    return join(bytes.slice(0, at), Uint8Array.from(edit.bytes), bytes.slice(end));
  }

  // A duplicate keeps the slice where it was; a swap moves it elsewhere in the rest.
  const base = edit.kind === 'duplicate' ? bytes : rest;
  const to = Math.floor(edit.to * base.length);

  return join(base.slice(0, to), slice, base.slice(to));
}

function nested(bytes: Uint8Array, at: number, edit: Extract<Mutation, { kind: 'nest' }>) {
  const anchor = encoder.encode(edit.after);
  const found = Buffer.from(bytes).indexOf(anchor, at);
  const position = found < 0 ? at : found + anchor.length;
  const opening = encoder.encode(edit.opening.repeat(edit.count));

  return join(bytes.slice(0, position), opening, bytes.slice(position));
}

function join(...parts: Uint8Array[]): Uint8Array {
  const joined = new Uint8Array(parts.reduce((total, part) => total + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.length;
  }

  return joined;
}
