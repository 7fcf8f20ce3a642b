import type { HclValue } from './hcl-value.js';

/**
 * A JSON document such as a policy or a redrive policy: `jsonencode({...})` is already an
 * object; a heredoc or string of JSON is parsed, and the references interpolated into it come
 * back as the values they were.
 */
export function jsonDocumentOf(value: HclValue | undefined): HclValue | undefined {
  if (value?.kind === 'object') {
    return value;
  }

  if (value?.kind !== 'literal' && value?.kind !== 'join') {
    return undefined;
  }

  const holes: HclValue[] = [];
  const parts = value.kind === 'join' ? value.parts : [value];
  const text = parts
    .map(part => (part.kind === 'literal' ? String(part.value) : placeholderOf(holes, part)))
    .join('');
  try {
    return fromJson(JSON.parse(text) as unknown, holes);
  } catch {
    return undefined;
  }
}

// A private-use character cannot occur in a policy a person wrote.
const HOLE = '\uE000';

function placeholderOf(holes: HclValue[], part: HclValue): string {
  holes.push(part);
  return `${HOLE}${holes.length - 1}${HOLE}`;
}

function fromJson(json: unknown, holes: HclValue[]): HclValue {
  if (typeof json === 'string') {
    return fromText(json, holes);
  }

  if (typeof json === 'number' || typeof json === 'boolean') {
    return { kind: 'literal', value: json };
  }

  if (Array.isArray(json)) {
    return { kind: 'tuple', items: json.map(item => fromJson(item, holes)) };
  }

  if (json !== null && typeof json === 'object') {
    const entries = Object.entries(json).map(([key, item]) => [key, fromJson(item, holes)]);
    return { kind: 'object', entries: Object.fromEntries(entries) as Record<string, HclValue> };
  }

  return { kind: 'unresolved', text: 'null' };
}

function fromText(text: string, holes: HclValue[]): HclValue {
  const pieces = text.split(HOLE);
  const parts: HclValue[] = pieces.flatMap((piece, index) => {
    if (index % 2 === 0) {
      return piece === '' ? [] : [{ kind: 'literal' as const, value: piece }];
    }
    return [holes[Number(piece)] ?? { kind: 'unresolved' as const, text: piece }];
  });
  if (parts.length === 0) {
    return { kind: 'literal', value: '' };
  }

  return parts.length === 1 && parts[0] ? parts[0] : { kind: 'join', parts };
}
