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
