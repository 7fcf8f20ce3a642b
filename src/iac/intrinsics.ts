import type { TemplateValue } from './resources.js';
import type { Template } from './template.js';
import type { TemplateNode } from './template-node.js';
import { entryOf, scalarText } from './template-node.js';

/**
 * Follows `Ref`, `Fn::GetAtt`, `Fn::Sub` and `Fn::Join` as far as the template allows. Anything
 * else stays unresolved with the text the template wrote, so it never turns into a wrong name.
 */
export function templateValueOf(node: TemplateNode | undefined, template: Template): TemplateValue {
  if (!node) {
    return { kind: 'unresolved', text: '' };
  }

  const literal = scalarText(node);
  if (literal !== undefined) {
    return { kind: 'literal', value: literal };
  }

  const intrinsic = node.kind === 'map' && node.entries.length === 1 ? node.entries[0] : undefined;
  const argument = intrinsic?.value;
  switch (intrinsic?.key) {
    case 'Ref':
      return refOf(scalarText(argument), node.text, template);
    case 'Fn::GetAtt':
      return getAttOf(argument, node.text, template);
    case 'Fn::Sub':
      return subOf(argument, node.text, template);
    case 'Fn::Join':
      return joinOf(argument, node.text, template);
    default:
      return { kind: 'unresolved', text: node.text };
  }
}

/** The plain string a value stands for when the template alone decides it. */
export function stringOf(value: TemplateValue): string | undefined {
  switch (value.kind) {
    case 'literal':
      return value.value;
    case 'parameter':
      return value.default;
    case 'join': {
      const parts = value.parts.map(stringOf);
      return parts.every(part => part !== undefined) ? parts.join('') : undefined;
    }
    default:
      return undefined;
  }
}

export function numberOf(node: TemplateNode | undefined, template: Template): number | undefined {
  if (!node) {
    return undefined;
  }

  const text = stringOf(templateValueOf(node, template));
  const value = text === undefined || text.trim() === '' ? Number.NaN : Number(text);

  return Number.isFinite(value) ? value : undefined;
}

export function booleanOf(node: TemplateNode | undefined, template: Template): boolean | undefined {
  if (!node) {
    return undefined;
  }

  const text = stringOf(templateValueOf(node, template))?.toLowerCase();

  return text === 'true' ? true : text === 'false' ? false : undefined;
}

function refOf(name: string | undefined, text: string, template: Template): TemplateValue {
  if (name === undefined) {
    return { kind: 'unresolved', text };
  }

  const parameter = template.parameters.get(name);
  if (parameter) {
    return parameter.default === undefined
      ? { kind: 'parameter', name }
      : { kind: 'parameter', name, default: parameter.default };
  }

  if (template.resourcesById.has(name)) {
    return { kind: 'resource', logicalId: name };
  }

  return { kind: 'unresolved', text };
}

function getAttOf(
  argument: TemplateNode | undefined,
  text: string,
  template: Template,
): TemplateValue {
  const parts =
    argument?.kind === 'list' ? argument.items.map(scalarText) : dottedParts(scalarText(argument));
  const [logicalId, ...attribute] = parts;
  if (!logicalId || attribute.length === 0 || attribute.some(part => part === undefined)) {
    return { kind: 'unresolved', text };
  }

  if (!template.resourcesById.has(logicalId)) {
    return { kind: 'unresolved', text };
  }

  return { kind: 'resource', logicalId, attribute: attribute.join('.') };
}

// CloudFormation also takes the `Table.Arn` string form of `Fn::GetAtt` in long form.
function dottedParts(text: string | undefined): (string | undefined)[] {
  const dot = text?.indexOf('.') ?? -1;

  return text === undefined || dot < 0 ? [] : [text.slice(0, dot), text.slice(dot + 1)];
}

function subOf(
  argument: TemplateNode | undefined,
  text: string,
  template: Template,
): TemplateValue {
  const pattern = argument?.kind === 'list' ? argument.items[0] : argument;
  const variables = argument?.kind === 'list' ? argument.items[1] : undefined;
  const body = scalarText(pattern);
  if (body === undefined || pattern?.kind !== 'scalar' || typeof pattern.value !== 'string') {
    return { kind: 'unresolved', text };
  }

  const parts = splitSub(body).map(part =>
    part.kind === 'text'
      ? ({ kind: 'literal', value: part.text } as const)
      : placeholderOf(part.text, variables, template),
  );

  return joined(parts);
}

type SubPart = { kind: 'text' | 'placeholder'; text: string };

// `${Name}` is a placeholder; `${!Name}` is the literal text `${Name}`.
function splitSub(body: string): SubPart[] {
  const parts: SubPart[] = [];
  const pattern = /\$\{([^}]*)\}/g;
  let last = 0;
  for (const match of body.matchAll(pattern)) {
    const inner = match[1] ?? '';
    parts.push({ kind: 'text', text: body.slice(last, match.index) });
    parts.push(
      inner.startsWith('!')
        ? { kind: 'text', text: `\${${inner.slice(1)}}` }
        : { kind: 'placeholder', text: inner.trim() },
    );
    last = match.index + match[0].length;
  }

  parts.push({ kind: 'text', text: body.slice(last) });

  return parts.filter(part => part.kind === 'placeholder' || part.text !== '');
}

function placeholderOf(
  name: string,
  variables: TemplateNode | undefined,
  template: Template,
): TemplateValue {
  const variable = entryOf(variables, name);
  if (variable) {
    return templateValueOf(variable.value, template);
  }

  if (name.startsWith('AWS::')) {
    return { kind: 'unresolved', text: `\${${name}}` };
  }

  const dot = name.indexOf('.');
  if (dot > 0) {
    const logicalId = name.slice(0, dot);
    return template.resourcesById.has(logicalId)
      ? { kind: 'resource', logicalId, attribute: name.slice(dot + 1) }
      : { kind: 'unresolved', text: `\${${name}}` };
  }

  const value = refOf(name, `\${${name}}`, template);

  return value;
}

function joinOf(
  argument: TemplateNode | undefined,
  text: string,
  template: Template,
): TemplateValue {
  const delimiter = argument?.kind === 'list' ? scalarText(argument.items[0]) : undefined;
  const list = argument?.kind === 'list' ? argument.items[1] : undefined;
  if (delimiter === undefined || list?.kind !== 'list') {
    return { kind: 'unresolved', text };
  }

  const parts = list.items.flatMap((item, index) => {
    const value = templateValueOf(item, template);
    return index === 0 || delimiter === ''
      ? [value]
      : [{ kind: 'literal', value: delimiter } as const, value];
  });

  return joined(parts);
}

// Adjacent literals merge so `!Sub 'orders'` is the literal `orders`, not a join of one part.
function joined(parts: TemplateValue[]): TemplateValue {
  const merged: TemplateValue[] = [];
  for (const part of parts) {
    const previous = merged[merged.length - 1];
    if (part.kind === 'literal' && previous?.kind === 'literal') {
      merged[merged.length - 1] = { kind: 'literal', value: previous.value + part.value };
    } else {
      merged.push(part);
    }
  }

  if (merged.length === 1 && merged[0]) {
    return merged[0];
  }

  return merged.length === 0 ? { kind: 'literal', value: '' } : { kind: 'join', parts: merged };
}
