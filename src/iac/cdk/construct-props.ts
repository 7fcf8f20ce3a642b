import type { Expression, Node } from 'oxc-parser';
import { memberPath, staticKeyName, unwrapExpression } from '../../code/ast.js';

type Constants = Map<string, Expression>;

/**
 * The value of `key` in an object literal, when the literal states it. With the file's
 * constants, `{ ...functionSettings, entry }` reads the keys of `functionSettings` too.
 */
export function propOf(
  props: Node | undefined,
  key: string,
  constants?: Constants,
): Expression | undefined {
  return entriesOf(props, constants).findLast(entry => entry.key === key)?.value;
}

/** The entries of an object literal whose keys are static, in source order; later ones win. */
export function entriesOf(
  props: Node | undefined,
  constants?: Constants,
  depth = 0,
): Array<{ key: string; value: Expression }> {
  if (props?.type !== 'ObjectExpression' || depth > 4) {
    return [];
  }

  return props.properties.flatMap(property => {
    if (property.type === 'SpreadElement') {
      const spread = unwrapExpression(property.argument);
      const value = spread.type === 'Identifier' ? constants?.get(spread.name) : undefined;
      return value ? entriesOf(unwrapExpression(value), constants, depth + 1) : [];
    }

    const key = staticKeyName(property.key, property.computed);
    return key === undefined ? [] : [{ key, value: unwrapExpression(property.value) }];
  });
}

/** `Runtime.NODEJS_20_X` is `nodejs20.x`, `Runtime.PYTHON_3_12` is `python3.12`. */
export function runtimeOf(node: Expression | undefined): string | undefined {
  const name = node ? memberPath(node)?.at(-1) : undefined;
  const match = name ? /^(NODEJS|PYTHON)_(\d+)_(\w+)$/.exec(name) : null;
  if (!match) {
    return undefined;
  }

  const [, language = '', major = '', minor = ''] = match;

  return language === 'NODEJS'
    ? `nodejs${major}.${minor.toLowerCase()}`
    : `python${major}.${minor}`;
}

/** A number literal, or `Duration.seconds(30)` as 30 and `Duration.minutes(2)` as 120. */
export function secondsOf(node: Expression | undefined): number | undefined {
  if (node?.type === 'Literal' && typeof node.value === 'number') {
    return node.value;
  }

  if (node?.type !== 'CallExpression') {
    return undefined;
  }

  const unit = memberPath(node.callee)?.at(-1);
  const amount = node.arguments[0];
  const value =
    amount?.type === 'Literal' && typeof amount.value === 'number' ? amount.value : undefined;
  const factor = unit === 'seconds' ? 1 : unit === 'minutes' ? 60 : undefined;

  return value !== undefined && factor !== undefined ? value * factor : undefined;
}

export function numberPropOf(
  props: Node | undefined,
  key: string,
  constants?: Constants,
): number | undefined {
  const value = propOf(props, key, constants);

  return value?.type === 'Literal' && typeof value.value === 'number' ? value.value : undefined;
}

export function booleanPropOf(props: Node | undefined, key: string): boolean | undefined {
  const value = propOf(props, key);

  return value?.type === 'Literal' && typeof value.value === 'boolean' ? value.value : undefined;
}

/** The last name of `AttributeType.STRING` and the like: `STRING`. */
export function enumMemberOf(node: Expression | undefined): string | undefined {
  return node ? memberPath(node)?.at(-1) : undefined;
}
