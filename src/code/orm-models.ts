import type { Expression, Node } from 'oxc-parser';
import { staticKeyName, unwrapExpression } from './ast.js';
import { calleeRefOf } from './callees.js';
import type { FileContext } from './file-context.js';
import { sourceText } from './file-context.js';
import type { ObjectEntry, Symbolic } from './file-facts.js';
import { readProperty } from './symbolic.js';
import { evaluate } from './values.js';

/**
 * What an ORM model (an ElectroDB or dynamodb-toolbox entity, a toolbox table, a Dynamoose model)
 * says about the table it reads: `table`, and per access pattern (`indexes.byTeam`) or indexed
 * attribute (`attributes.ownerId`) the input fields a call through it adds (`IndexName`).
 */
export function objectOf(fields: Array<[string, Symbolic]>, text: string): Symbolic {
  const entries: ObjectEntry[] = fields.map(([key, value]) => ({
    key: { kind: 'literal', value: key },
    value,
  }));

  return { kind: 'object', entries, spreads: [], text };
}

type OrmModel = 'electrodb-entity' | 'toolbox-table' | 'toolbox-entity' | 'dynamoose-model';

/** Which ORM constructor a `new X(...)` or `x.model(...)` calls, by the package it is imported from. */
function modelKind(node: Node, context: FileContext): OrmModel | undefined {
  if (node.type !== 'NewExpression' && node.type !== 'CallExpression') {
    return undefined;
  }
  const ref = calleeRefOf(node.callee, context);
  if (ref?.kind !== 'import') {
    return undefined;
  }

  const name = ref.path.at(-1) ?? ref.name;
  const isNew = node.type === 'NewExpression';
  if (ref.source === 'electrodb' && isNew && name === 'Entity') {
    return 'electrodb-entity';
  }
  if (ref.source.startsWith('dynamodb-toolbox') && isNew) {
    return name === 'Table' ? 'toolbox-table' : name === 'Entity' ? 'toolbox-entity' : undefined;
  }

  return ref.source === 'dynamoose' && !isNew && name === 'model' ? 'dynamoose-model' : undefined;
}

function propertyOf(object: Expression | undefined, key: string): Expression | undefined {
  const value = object ? unwrapExpression(object) : undefined;
  if (value?.type !== 'ObjectExpression') {
    return undefined;
  }

  for (const property of value.properties) {
    if (property.type === 'Property' && staticKeyName(property.key, property.computed) === key) {
      return property.value;
    }
  }

  return undefined;
}

function propertiesOf(object: Expression | undefined): Array<[string, Expression]> {
  const value = object ? unwrapExpression(object) : undefined;
  if (value?.type !== 'ObjectExpression') {
    return [];
  }

  return value.properties.flatMap(property => {
    const key =
      property.type === 'Property' ? staticKeyName(property.key, property.computed) : undefined;
    return property.type === 'Property' && key !== undefined
      ? [[key, property.value] as [string, Expression]]
      : [];
  });
}

/** `{ IndexName }` for an index given as `index: 'gsi1'` (ElectroDB) or `{ name }` (Dynamoose). */
function indexInput(index: Expression | undefined, context: FileContext): Symbolic {
  const value = index ? unwrapExpression(index) : undefined;
  const name = value?.type === 'ObjectExpression' ? propertyOf(value, 'name') : value;
  const fields: Array<[string, Symbolic]> = name ? [['IndexName', evaluate(name, context)]] : [];

  return objectOf(fields, index ? sourceText(context, index) : '{}');
}

function electroDbModel(
  node: Extract<Node, { type: 'NewExpression' }>,
  context: FileContext,
): Symbolic {
  const [schema, options] = node.arguments as Expression[];
  const table = propertyOf(options, 'table');
  const indexes = propertiesOf(propertyOf(schema, 'indexes')).map(
    ([name, index]): [string, Symbolic] => [name, indexInput(propertyOf(index, 'index'), context)],
  );

  return objectOf(
    [
      ['table', table ? evaluate(table, context) : { kind: 'unresolved', text: 'table' }],
      ['indexes', objectOf(indexes, 'indexes')],
    ],
    sourceText(context, node),
  );
}

/** The schema object of a Dynamoose model: `new dynamoose.Schema({...})` or the plain object. */
function dynamooseSchema(
  schema: Expression | undefined,
  context: FileContext,
): Expression | undefined {
  let value = schema ? unwrapExpression(schema) : undefined;
  if (value?.type === 'Identifier') {
    const declaration = context.bindings.lookup(value.name, value);
    value = declaration?.kind === 'variable' && declaration.init ? declaration.init : undefined;
  }

  return value?.type === 'NewExpression' ? (value.arguments[0] as Expression | undefined) : value;
}

function dynamooseModel(
  node: Extract<Node, { type: 'CallExpression' }>,
  context: FileContext,
): Symbolic {
  const [name, schema] = node.arguments as Expression[];
  const attributes = propertiesOf(dynamooseSchema(schema, context)).map(
    ([attribute, definition]): [string, Symbolic] => [
      attribute,
      indexInput(propertyOf(definition, 'index'), context),
    ],
  );

  return objectOf(
    [
      ['table', name ? evaluate(name, context) : { kind: 'unresolved', text: 'model name' }],
      ['attributes', objectOf(attributes, 'schema')],
    ],
    sourceText(context, node),
  );
}

function toolboxModel(
  kind: 'toolbox-table' | 'toolbox-entity',
  node: Extract<Node, { type: 'NewExpression' }>,
  context: FileContext,
  depth: number,
): Symbolic {
  const config = node.arguments[0] as Expression | undefined;
  const field = propertyOf(config, kind === 'toolbox-table' ? 'name' : 'table');
  const value = field ? evaluate(field, context) : { kind: 'unresolved' as const, text: 'name' };
  const table =
    kind === 'toolbox-table'
      ? value
      : (readProperty((field && modelOf(field, context, depth + 1)) ?? value, 'table') ?? value);

  return objectOf([['table', table]], sourceText(context, node));
}

/** The model built by an ORM constructor call, or undefined when the node is not one. */
export function modelAt(node: Node, context: FileContext, depth = 0): Symbolic | undefined {
  const kind = modelKind(node, context);
  if (kind === 'electrodb-entity' && node.type === 'NewExpression') {
    return electroDbModel(node, context);
  }
  if (kind === 'dynamoose-model' && node.type === 'CallExpression') {
    return dynamooseModel(node, context);
  }

  return (kind === 'toolbox-table' || kind === 'toolbox-entity') && node.type === 'NewExpression'
    ? toolboxModel(kind, node, context, depth)
    : undefined;
}

/** The model an expression names: a local binding to an ORM constructor, or an import (linked later). */
export function modelOf(
  expression: Expression,
  context: FileContext,
  depth = 0,
): Symbolic | undefined {
  const value = unwrapExpression(expression);
  if (value.type === 'Identifier' && depth < 4) {
    const declaration = context.bindings.lookup(value.name, value);
    const init =
      declaration?.kind === 'variable' && declaration.path.length === 0 ? declaration.init : null;
    const model = init ? modelAt(unwrapExpression(init), context, depth) : undefined;
    if (model) {
      return model;
    }
  }

  // An import is taken on trust here: whether it is a model shows only once the project is linked,
  // so `imported.scan.go()` on something else yields an operation on an unresolved table.
  const imported = evaluate(value, context);

  return imported.kind === 'import' ? imported : undefined;
}
