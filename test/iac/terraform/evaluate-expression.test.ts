import { describe, expect, it } from 'vitest';
import type { Scope } from '../../../src/iac/terraform/evaluate-expression.js';
import { evaluateJson } from '../../../src/iac/terraform/evaluate-expression.js';
import type { HclValue } from '../../../src/iac/terraform/hcl-value.js';

const values: Record<string, HclValue> = {
  'var.prefix': { kind: 'literal', value: 'shop' },
  'local.settings': { kind: 'object', entries: { table: { kind: 'literal', value: 'orders' } } },
  'module.tables.arn': {
    kind: 'reference',
    address: 'module.tables.aws_dynamodb_table.orders',
    type: 'aws_dynamodb_table',
    attribute: 'arn',
  },
};

const scope: Scope = {
  moduleDir: 'infra/modules/api',
  rootDir: 'infra',
  addressPrefix: 'module.api.',
  variable: name =>
    Promise.resolve(values[`var.${name}`] ?? { kind: 'unresolved', text: `var.${name}` }),
  local: name =>
    Promise.resolve(values[`local.${name}`] ?? { kind: 'unresolved', text: `local.${name}` }),
  moduleOutput: (module, output) =>
    Promise.resolve(
      values[`module.${module}.${output}`] ?? {
        kind: 'unresolved',
        text: `module.${module}.${output}`,
      },
    ),
};

describe('evaluateJson', () => {
  it('keeps a string without interpolation as a literal', async () => {
    expect(await evaluateJson('orders', scope)).toEqual({ kind: 'literal', value: 'orders' });
  });

  it('joins an interpolated variable into one literal', async () => {
    expect(await evaluateJson('${var.prefix}-orders', scope)).toEqual({
      kind: 'literal',
      value: 'shop-orders',
    });
  });

  it('turns a resource attribute into a reference with the module prefix', async () => {
    expect(await evaluateJson('${aws_sqs_queue.jobs.url}', scope)).toEqual({
      kind: 'reference',
      address: 'module.api.aws_sqs_queue.jobs',
      type: 'aws_sqs_queue',
      attribute: 'url',
    });
  });

  it('passes over an index of a counted resource', async () => {
    expect(await evaluateJson('${aws_sqs_queue.jobs[0].arn}', scope)).toMatchObject({
      address: 'module.api.aws_sqs_queue.jobs',
      attribute: 'arn',
    });
  });

  it('reads a key of a local object', async () => {
    expect(await evaluateJson('${local.settings.table}', scope)).toEqual({
      kind: 'literal',
      value: 'orders',
    });
  });

  it('makes path.module relative to the root module', async () => {
    expect(await evaluateJson('${path.module}/../src', scope)).toEqual({
      kind: 'literal',
      value: 'modules/api/../src',
    });
  });

  it('keeps an unknown variable unresolved with its text', async () => {
    expect(await evaluateJson('${var.stage}-orders', scope)).toEqual({
      kind: 'join',
      parts: [
        { kind: 'unresolved', text: 'var.stage' },
        { kind: 'literal', value: '-orders' },
      ],
    });
  });

  it('keeps a conditional unresolved rather than picking a branch', async () => {
    expect(await evaluateJson('${var.prod ? "orders" : "orders-dev"}', scope)).toEqual({
      kind: 'unresolved',
      text: 'var.prod ? "orders" : "orders-dev"',
    });
  });

  it('evaluates jsonencode of an object with quoted keys and references', async () => {
    const value = await evaluateJson(
      '${jsonencode({ "Effect" = "Allow", Action = ["sqs:SendMessage"], Resource = module.tables.arn, N = 5 })}',
      scope,
    );

    expect(value).toEqual({
      kind: 'object',
      entries: {
        Effect: { kind: 'literal', value: 'Allow' },
        Action: { kind: 'tuple', items: [{ kind: 'literal', value: 'sqs:SendMessage' }] },
        Resource: values['module.tables.arn'],
        N: { kind: 'literal', value: 5 },
      },
    });
  });

  it('formats with %s', async () => {
    expect(await evaluateJson('${format("%s-orders", var.prefix)}', scope)).toEqual({
      kind: 'literal',
      value: 'shop-orders',
    });
  });

  it('keeps an unknown function call unresolved with its text', async () => {
    expect(await evaluateJson('${lookup(var.names, "orders")}', scope)).toEqual({
      kind: 'unresolved',
      text: 'lookup(var.names, "orders")',
    });
  });
});
