import type { ResolutionHop, Value } from './facts.js';
import type { Symbolic } from './file-facts.js';

export function unresolved(text: string): Symbolic {
  return { kind: 'unresolved', text };
}

export function withHops(value: Symbolic, hops: ResolutionHop[]): Symbolic {
  return hops.length === 0 ? value : { ...value, hops: [...hops, ...(value.hops ?? [])] };
}

/** The source text a symbolic value stands for, for messages and unresolved targets. */
export function textOf(value: Symbolic): string {
  switch (value.kind) {
    case 'literal':
      return JSON.stringify(value.value);
    case 'env':
      return `process.env.${value.name}`;
    case 'template':
      return value.parts.map(textOf).join(' + ');
    case 'fallback':
      return value.options.map(textOf).join(' ?? ');
    default:
      return value.text;
  }
}

function entryValue(
  value: Extract<Symbolic, { kind: 'object' }>,
  key: string,
): Symbolic | undefined {
  for (let index = value.entries.length - 1; index >= 0; index--) {
    const entry = value.entries[index]!;
    if (entry.key.kind === 'literal' && entry.key.value === key) {
      return entry.value;
    }
  }
  for (let index = value.spreads.length - 1; index >= 0; index--) {
    const found = readProperty(value.spreads[index]!, key);
    if (found && found.kind !== 'unresolved') {
      return found;
    }
  }

  return undefined;
}

/**
 * Reads `key` from a symbolic value. `undefined` means the property is certainly absent (an
 * object literal without it), which differs from an unresolved read.
 */
export function readProperty(value: Symbolic, key: string): Symbolic | undefined {
  switch (value.kind) {
    case 'object':
      return entryValue(value, key);
    case 'array': {
      const index = Number(key);
      return Number.isInteger(index) ? value.elements[index] : undefined;
    }
    case 'import':
    case 'param':
      return { ...value, path: [...value.path, key], text: `${value.text}.${key}` };
    default:
      return unresolved(`${textOf(value)}.${key}`);
  }
}

export function readPath(value: Symbolic | undefined, path: string[]): Symbolic | undefined {
  let current = value;
  for (const key of path) {
    if (!current) {
      return undefined;
    }
    current = readProperty(current, key);
  }

  return current;
}

/** Rewrites every part of a symbolic value, bottom-up; `undefined` from `map` drops an entry. */
export function mapSymbolic(
  value: Symbolic,
  map: (leaf: Symbolic) => Symbolic | undefined,
): Symbolic | undefined {
  switch (value.kind) {
    case 'template': {
      const parts = value.parts.map(part => mapSymbolic(part, map) ?? unresolved('undefined'));
      return { ...value, parts };
    }
    case 'fallback': {
      const options = value.options.flatMap(option => mapSymbolic(option, map) ?? []);
      return options.length === 1 ? options[0] : { ...value, options };
    }
    case 'object': {
      const entries = value.entries.flatMap(entry => {
        const mapped = mapSymbolic(entry.value, map);
        const key = mapSymbolic(entry.key, map);
        return mapped && key ? [{ ...entry, key, value: mapped }] : [];
      });
      const spreads = value.spreads.flatMap(spread => mapSymbolic(spread, map) ?? []);
      return { ...value, entries, spreads };
    }
    case 'array': {
      const elements = value.elements.map(
        element => mapSymbolic(element, map) ?? unresolved('undefined'),
      );
      return { ...value, elements };
    }
    default:
      return map(value);
  }
}

/** Replaces the parameters of one code function with the arguments of one call. */
export function substituteParams(
  value: Symbolic,
  file: string,
  codeFunction: string,
  args: Array<Symbolic | undefined>,
): Symbolic | undefined {
  return mapSymbolic(value, leaf => {
    if (leaf.kind !== 'param' || leaf.file !== file || leaf.codeFunction !== codeFunction) {
      return leaf;
    }

    const argument = readPath(args[leaf.index], leaf.path);

    return argument === undefined ? leaf.fallback : withHops(argument, leaf.hops ?? []);
  });
}

/** Replaces parameters no call site supplies with their defaults, or unresolved text. */
export function defaultParams(value: Symbolic): Symbolic | undefined {
  return mapSymbolic(value, leaf => {
    if (leaf.kind !== 'param') {
      return leaf;
    }

    return leaf.fallback
      ? defaultParams(leaf.fallback)
      : withHops(unresolved(leaf.text), leaf.hops ?? []);
  });
}

export function hasParams(value: Symbolic, file: string, codeFunction: string): boolean {
  let found = false;
  mapSymbolic(value, leaf => {
    found ||= leaf.kind === 'param' && leaf.file === file && leaf.codeFunction === codeFunction;
    return leaf;
  });

  return found;
}

export function collectHops(value: Symbolic | undefined): ResolutionHop[] {
  if (!value) {
    return [];
  }

  const hops: ResolutionHop[] = [...(value.hops ?? [])];
  const nested =
    value.kind === 'template' ? value.parts : value.kind === 'fallback' ? value.options : [];

  return [...hops, ...nested.flatMap(collectHops)];
}

function templateValue(parts: Value[]): Value {
  const texts = parts.map(part => (part.kind === 'literal' ? part.value : undefined));
  if (texts.every(text => text !== undefined)) {
    return { kind: 'literal', value: texts.join('') };
  }

  return { kind: 'template', parts };
}

/** The final, project-independent form of a value; anything still symbolic becomes source text. */
export function toValue(value: Symbolic | undefined): Value {
  if (!value) {
    return { kind: 'unresolved', text: 'undefined' };
  }

  switch (value.kind) {
    case 'literal':
      return { kind: 'literal', value: value.value };
    case 'env':
      return { kind: 'env', name: value.name };
    case 'template':
      return templateValue(value.parts.map(toValue));
    case 'fallback':
      return { kind: 'fallback', options: value.options.map(toValue) };
    default:
      return { kind: 'unresolved', text: textOf(value) };
  }
}
