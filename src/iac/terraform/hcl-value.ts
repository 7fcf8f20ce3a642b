/**
 * A Terraform value after references were followed as far as the configuration allows.
 * `reference` names a resource or data source by its full address within the root module,
 * `module.tables.aws_dynamodb_table.orders` for one declared inside a module.
 */
export type HclValue =
  | { kind: 'literal'; value: string | number | boolean }
  | { kind: 'reference'; address: string; type: string; attribute?: string }
  | { kind: 'object'; entries: Record<string, HclValue> }
  | { kind: 'tuple'; items: HclValue[] }
  | { kind: 'join'; parts: HclValue[] }
  | { kind: 'unresolved'; text: string };

export type HclObject = Record<string, HclValue>;

export function unresolved(text: string): HclValue {
  return { kind: 'unresolved', text };
}

export function stringOf(value: HclValue | undefined): string | undefined {
  if (value?.kind === 'literal') {
    return String(value.value);
  }

  if (value?.kind !== 'join') {
    return undefined;
  }

  const parts = value.parts.map(stringOf);

  return parts.every(part => part !== undefined) ? parts.join('') : undefined;
}

export function numberOf(value: HclValue | undefined): number | undefined {
  const text = stringOf(value);
  const number = text === undefined || text.trim() === '' ? NaN : Number(text);

  return Number.isFinite(number) ? number : undefined;
}

export function booleanOf(value: HclValue | undefined): boolean | undefined {
  const text = stringOf(value);

  return text === 'true' ? true : text === 'false' ? false : undefined;
}

export function itemsOf(value: HclValue | undefined): HclValue[] {
  if (value === undefined) {
    return [];
  }

  return value.kind === 'tuple' ? value.items : [value];
}

/** The entries of an object, or of the first block when the attribute is a nested block. */
export function objectOf(value: HclValue | undefined): HclObject | undefined {
  const first = value?.kind === 'tuple' ? value.items[0] : value;

  return first?.kind === 'object' ? first.entries : undefined;
}

/** Every block of a repeatable nested block such as `attribute` or `statement`. */
export function blocksOf(body: HclObject | undefined, name: string): HclObject[] {
  return itemsOf(body?.[name]).flatMap(item => (item.kind === 'object' ? [item.entries] : []));
}

/** Follows a path of nested blocks and object keys: `childOf(body, 'environment', 'variables')`. */
export function childOf(body: HclObject | undefined, ...path: string[]): HclValue | undefined {
  let current: HclValue | undefined = body ? { kind: 'object', entries: body } : undefined;
  for (const key of path) {
    current = objectOf(current)?.[key];
  }

  return current;
}

/** Source-like text of a value, for messages about values that did not resolve. */
export function hclText(value: HclValue): string {
  switch (value.kind) {
    case 'literal':
      return String(value.value);
    case 'reference':
      return value.attribute ? `${value.address}.${value.attribute}` : value.address;
    case 'object':
      return `{ ${Object.entries(value.entries)
        .map(([key, entry]) => `${key} = ${hclText(entry)}`)
        .join(', ')} }`;
    case 'tuple':
      return `[${value.items.map(hclText).join(', ')}]`;
    case 'join':
      return value.parts
        .map(part => (part.kind === 'literal' ? String(part.value) : `\${${hclText(part)}}`))
        .join('');
    case 'unresolved':
      return value.text;
  }
}
