import type { Symbolic } from './file-facts.js';
import { readProperty } from './symbolic.js';

const KEYWORDS = new Set(['and', 'or', 'not', 'between', 'begins_with', 'in']);

const NAME_TOKEN = /#[A-Za-z0-9_]+|:[A-Za-z0-9_]+|[A-Za-z_][A-Za-z0-9_]*/g;

function attributeName(token: string, names: Symbolic | undefined): string | undefined {
  if (token.startsWith(':') || KEYWORDS.has(token.toLowerCase())) {
    return undefined;
  }
  if (!token.startsWith('#')) {
    return token;
  }

  const mapped = names ? readProperty(names, token) : undefined;

  return mapped?.kind === 'literal' ? mapped.value : token;
}

/**
 * Attribute names a key condition reads, in order of first use, with `#name` placeholders mapped
 * through ExpressionAttributeNames: `#pk = :pk AND begins_with(sk, :p)` gives the names of both.
 */
export function keyConditionAttributes(expression: string, names: Symbolic | undefined): string[] {
  const found: string[] = [];
  for (const match of expression.matchAll(NAME_TOKEN)) {
    const name = attributeName(match[0], names);
    if (name !== undefined && !found.includes(name)) {
      found.push(name);
    }
  }

  return found;
}

/** Attribute names of a legacy `KeyConditions` map: its keys. */
export function legacyKeyAttributes(conditions: Symbolic): string[] {
  if (conditions.kind !== 'object') {
    return [];
  }

  return conditions.entries.flatMap(entry =>
    entry.key.kind === 'literal' ? [entry.key.value] : [],
  );
}
