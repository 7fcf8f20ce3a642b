import { describe, expect, it } from 'vitest';
import { parseHcl } from '../../../src/iac/terraform/parse-hcl.js';
import { scanTerraform } from '../../../src/iac/terraform/scan-terraform.js';
import { captureLogger, writeFiles } from '../scan-files.js';

// Past about a thousand levels the WebAssembly parser overflows its stack and stays broken.
const deep = `locals {\n  nested = ${'['.repeat(2000)}\n}\n`;

const table = `resource "aws_dynamodb_table" "orders" {
  name     = "orders"
  hash_key = "id"
  attribute {
    name = "id"
    type = "S"
  }
}
`;

describe('parseHcl', () => {
  it('refuses a file nested too deeply, naming the line, and parses the next file', async () => {
    const refused = await parseHcl('main.tf', deep);
    const next = await parseHcl('next.tf', 'locals {\n  a = 1\n}\n');

    expect(refused).toEqual({
      ok: false,
      line: 2,
      reason:
        'line 2 nests brackets more than 200 levels deep, too deeply to read. Flatten the expression at that line.',
    });
    expect(next).toEqual({ ok: true, body: { locals: [{ a: 1 }] } });
  });

  it('parses brackets nested as deep as real configurations go', async () => {
    const parsed = await parseHcl('main.tf', `a = ${'['.repeat(50)}1${']'.repeat(50)}\n`);

    expect(parsed.ok).toBe(true);
  });
});

describe('a Terraform file nested too deeply', () => {
  it('is a failed source with its line, and other configurations are still read', async () => {
    const logger = captureLogger();
    const root = await writeFiles({ 'broken/main.tf': deep, 'tables/main.tf': table });

    const scan = await scanTerraform(root, { logger });

    expect(scan.sources).toEqual([
      {
        kind: 'terraform',
        path: 'broken/main.tf',
        status: 'failed',
        line: 2,
        error:
          'line 2 nests brackets more than 200 levels deep, too deeply to read. Flatten the expression at that line.',
      },
      { kind: 'terraform', path: 'tables/main.tf', status: 'ok' },
    ]);
    expect(scan.resources.map(resource => resource.logicalId)).toEqual([
      'aws_dynamodb_table.orders',
    ]);
  });
});

// What the fuzz test wrote in place of terraform.tfvars: thousands of unary minuses before a
// string. The parser read the file, but reading the value as an expression crashed it, and
// every later file then failed to parse.
const poison = `orders_table_name = ${'- '.repeat(4894)}"orders"\n`;

// Thousands of nested template directives crash the parser without nesting a single bracket.
const crashing = `locals {\n  a = "${'%{ if x }'.repeat(3000)}${'%{ endif }'.repeat(3000)}"\n}\n`;

const variable = `variable "orders_table_name" {\n  type    = string\n  default = "orders-dev"\n}\n`;
const namedTable = table.replace('"orders"\n', 'var.orders_table_name\n');

describe('parseHcl on operator runs', () => {
  it('refuses a file chaining more than 1000 prefix operators, naming the line', async () => {
    const refused = await parseHcl('terraform.tfvars', `a = 1\n${poison}`);
    const next = await parseHcl('next.tf', 'locals {\n  a = "-"\n}\n');

    expect(refused).toEqual({
      ok: false,
      line: 2,
      reason:
        'line 2 chains more than 1000 `-` or `!` operators, too many to read. Shorten the chain at that line.',
    });
    expect(next).toEqual({ ok: true, body: { locals: [{ a: '-' }] } });
  });

  it('reads a comment rule of dashes', async () => {
    const parsed = await parseHcl('main.tf', `# ${'-'.repeat(120)}\na = 1\n`);

    expect(parsed).toEqual({ ok: true, body: { a: 1 } });
  });

  it('reports a file that crashes the parser at line 1 and parses the next file', async () => {
    const crashed = await parseHcl('main.tf', crashing);
    const next = await parseHcl('next.tf', 'locals {\n  a = 1\n}\n');

    expect(crashed).toEqual({
      ok: false,
      line: 1,
      reason:
        'the HCL parser crashed reading this file (Maximum call stack size exceeded) and was restarted for the next file. Simplify the longest or most deeply nested expression in it.',
    });
    expect(next).toEqual({ ok: true, body: { locals: [{ a: 1 }] } });
  });
});

describe('a Terraform file that crashes or stalls the parser', () => {
  it('is a failed source, and the configuration beside it is read with its resources', async () => {
    const logger = captureLogger();
    const root = await writeFiles({
      'main.tf': namedTable,
      'terraform.tfvars': poison,
      'variables.tf': variable,
    });

    const scan = await scanTerraform(root, { logger });

    expect(scan.sources).toEqual([
      { kind: 'terraform', path: 'main.tf', status: 'ok' },
      {
        kind: 'terraform',
        path: 'terraform.tfvars',
        status: 'failed',
        line: 1,
        error:
          'line 1 chains more than 1000 `-` or `!` operators, too many to read. Shorten the chain at that line.',
      },
      { kind: 'terraform', path: 'variables.tf', status: 'ok' },
    ]);
    expect(scan.resources).toMatchObject([
      { kind: 'table', logicalId: 'aws_dynamodb_table.orders', name: 'orders-dev' },
    ]);
  });

  it('leaves a value chaining hundreds of `-` unresolved and reads the files after it', async () => {
    const logger = captureLogger();
    const shorter = `orders_table_name = ${'- '.repeat(500)}"orders"\n`;
    const root = await writeFiles({
      'a/main.tf': `locals {\n  name = ${'- '.repeat(500)}"orders"\n}\n${namedTable}`,
      'a/variables.tf': variable,
      'a/terraform.tfvars': shorter,
      'b/main.tf': table,
    });

    const scan = await scanTerraform(root, { logger });

    expect(scan.sources.every(source => source.status === 'ok')).toBe(true);
    expect(scan.resources).toMatchObject([
      {
        location: { file: 'a/main.tf', line: 4 },
        name: 'aws_dynamodb_table.orders',
        nameValue: { kind: 'unresolved', text: `\${${'- '.repeat(500)}"orders"}` },
      },
      { location: { file: 'b/main.tf', line: 1 }, name: 'orders', nameIsLogicalId: false },
    ]);
  });

  it('leaves a local chaining two thousand `+` unresolved and reads the files after it', async () => {
    const logger = captureLogger();
    const chained = `locals {\n  name = "orders"${' + "x"'.repeat(2000)}\n}\n`;
    const root = await writeFiles({
      'a/main.tf': `${chained}${table.replace('"orders"\n', 'local.name\n')}`,
      'b/main.tf': table,
    });
    const started = performance.now();

    const scan = await scanTerraform(root, { logger });

    expect(performance.now() - started).toBeLessThan(5000);
    expect(scan.resources).toMatchObject([
      { location: { file: 'a/main.tf' }, nameValue: { kind: 'unresolved' } },
      { location: { file: 'b/main.tf' }, name: 'orders' },
    ]);
  });

  it('is a failed source when it crashes the parser, and the next configuration is read', async () => {
    const logger = captureLogger();
    const root = await writeFiles({ 'broken/main.tf': crashing, 'tables/main.tf': table });

    const scan = await scanTerraform(root, { logger });

    expect(scan.sources.map(source => [source.path, source.status, source.line])).toEqual([
      ['broken/main.tf', 'failed', 1],
      ['tables/main.tf', 'ok', undefined],
    ]);
    expect(logger.warnings).toEqual([
      'Skipped "broken/main.tf": the HCL parser crashed reading this file (Maximum call stack size exceeded) and was restarted for the next file. Simplify the longest or most deeply nested expression in it.',
    ]);
    expect(scan.resources).toMatchObject([
      {
        kind: 'table',
        logicalId: 'aws_dynamodb_table.orders',
        name: 'orders',
        partitionKey: { name: 'id', type: 'S' },
      },
    ]);
  });
});
