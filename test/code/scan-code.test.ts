import { describe, expect, it } from 'vitest';
import { scanApp } from './write-app.js';

const handler = `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));
export const handler = async () => ddb.send(new GetCommand({ TableName: 'T', Key: {} }));
`;

describe('scanCode', () => {
  it('reports a file with a syntax error as failed, with its line, and scans the rest', async () => {
    const { scan, warnings } = await scanApp({
      'src/broken.ts': `import AWS from 'aws-sdk';\nconst x = {\n  a: 1,\n  b: ;\n`,
      'src/ok.ts': handler,
    });

    expect(scan.sources).toEqual([
      expect.objectContaining({ kind: 'code', path: 'src/broken.ts', status: 'failed', line: 4 }),
      { kind: 'code', path: 'src/ok.ts', status: 'ok' },
    ]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /^Skipped "src\/broken\.ts": line 4: .+\. Fix the syntax error or exclude the file\.$/,
    );
    expect(scan.operations.map(operation => operation.location.file)).toEqual(['src/ok.ts']);
  });

  it('skips node_modules, build output, .d.ts files and what .gitignore names', async () => {
    const { scan } = await scanApp({
      '.gitignore': 'generated/\n',
      'lib/.gitignore': 'local.ts\n',
      'generated/client.ts': handler,
      'lib/local.ts': handler,
      'lib/kept.ts': handler,
      'node_modules/pkg/index.js': handler,
      'dist/handler.js': handler,
      '.aws-sam/build/handler.js': handler,
      'src/types.d.ts': 'export type X = string;\n',
    });

    expect(scan.filesFound).toBe(1);
    expect(scan.operations.map(operation => operation.location.file)).toEqual(['lib/kept.ts']);
  });

  it('skips what the exclude option names', async () => {
    const { scan } = await scanApp({ 'src/a.ts': handler, 'scripts/seed.ts': handler }, [
      'scripts/',
    ]);

    expect(scan.operations.map(operation => operation.location.file)).toEqual(['src/a.ts']);
  });

  it('parses only files connected by imports to SDK or environment use', async () => {
    const { scan } = await scanApp({
      'src/db.ts': handler,
      'src/entry.ts': `import { handler } from './db.js';\nimport { format } from './format';\nexport const main = () => format(handler);\n`,
      'src/format.ts': `export const format = (value: unknown) => String(value);\n`,
      'src/unrelated.ts': `export const add = (a: number, b: number) => a + b;\n`,
    });

    expect(scan.filesFound).toBe(4);
    expect(scan.filesScanned).toBe(3);
    expect(scan.sources.map(source => source.path)).toEqual([
      'src/db.ts',
      'src/entry.ts',
      'src/format.ts',
    ]);
    expect(scan.functions.find(fn => fn.id === 'src/entry.ts#main')?.calls).toEqual([
      'src/db.ts#handler',
      'src/format.ts#format',
    ]);
  });

  it('resolves tsconfig path aliases', async () => {
    const { scan } = await scanApp({
      'tsconfig.json': JSON.stringify({
        compilerOptions: { baseUrl: '.', paths: { '@lib/*': ['src/lib/*'] } },
      }),
      'src/lib/tables.ts': `export const TABLE = 'Orders';\n`,
      'src/app.ts': handler
        .replace("'T'", 'TABLE')
        .replace('const ddb', "import { TABLE } from '@lib/tables';\nconst ddb"),
    });

    expect(scan.operations[0]?.target).toEqual({ kind: 'literal', value: 'Orders' });
  });

  it('gives the same output for the same input', async () => {
    const files = { 'src/a.ts': handler, 'src/b.ts': handler.replace("'T'", "'U'") };

    const first = await scanApp(files);
    const second = await scanApp(files);

    expect(JSON.stringify(second.scan)).toBe(JSON.stringify(first.scan));
  });
});
