import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeApp } from '../helpers/app.js';

const BIN = resolve('dist/cli/main.js');

// Root reads every file whatever its mode, so unreadable files are tested as nobody when the
// tests run as root; the temporary folder is opened to nobody for that.
const NOBODY = 65534;
const isRoot = process.getuid?.() === 0;

// Nobody must be able to run this Node and read the built CLI; a Node or a clone under a
// private folder (a version manager in /root) rules that out, and these tests say so.
function nobodyCannotRun(): string | false {
  if (!isRoot) {
    return false;
  }

  const probe = spawnSync(process.execPath, [BIN, '--version'], { uid: NOBODY, gid: NOBODY });

  return probe.status === 0 ? false : `user nobody cannot run ${process.execPath} ${BIN}`;
}

const unprivilegedBlocker = nobodyCannotRun();

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function infrawise(args: string[], options: { unprivileged?: boolean } = {}): Run {
  const user = options.unprivileged && isRoot ? { uid: NOBODY, gid: NOBODY } : {};
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    ...user,
  });

  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function json(run: Run): {
  sources: Array<Record<string, unknown>>;
  summary: Record<string, unknown>;
} {
  return JSON.parse(run.stdout) as ReturnType<typeof json>;
}

const table = `
Resources:
  Orders:
    Type: AWS::DynamoDB::Table
    Properties:
      TableName: orders
      KeySchema: [{ AttributeName: id, KeyType: HASH }]
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true }
`;

const handler = `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
export const handler = async () => new DynamoDBClient({});
`;

const unreadable = 'it could not be read (EACCES: permission denied). Check its permissions';

function writeOpenApp(files: Record<string, string>): string {
  const root = writeApp(files);
  chmodSync(root, 0o755);

  return root;
}

describe.skipIf(unprivilegedBlocker !== false)(
  `infrawise on unreadable files${unprivilegedBlocker ? ` (skipped: ${unprivilegedBlocker})` : ''}`,
  () => {
    it('lists an unreadable template and code file as failed in every format and warns', () => {
      const root = writeOpenApp({
        'template.yaml': table,
        'tables.yaml': table.replace('orders', 'customers'),
        'src/handler.ts': handler,
        'src/other.ts': handler,
      });
      chmodSync(join(root, 'src'), 0o755);
      chmodSync(join(root, 'template.yaml'), 0o000);
      chmodSync(join(root, 'src/other.ts'), 0o000);

      const text = infrawise(['check', root], { unprivileged: true });
      const document = json(infrawise(['check', root, '--format', 'json'], { unprivileged: true }));
      const sarif = infrawise(['check', root, '--format', 'sarif'], { unprivileged: true }).stdout;

      expect(text.status).toBe(0);
      expect(text.stderr).toContain(`Skipped "template.yaml": ${unreadable}`);
      expect(text.stderr).toContain(`Skipped "src/other.ts": ${unreadable}`);
      expect(text.stdout).toContain('not read (2)\n  template.yaml  it could not be read (EACCES');
      expect(text.stdout).toMatch(
        /in 1 code file and 1 template; 2 sources could not be read\.\n$/,
      );
      expect(document.sources).toContainEqual({
        kind: 'cloudformation',
        path: 'template.yaml',
        status: 'failed',
        error: expect.stringContaining(unreadable) as string,
      });
      expect(document.sources).toContainEqual(
        expect.objectContaining({ kind: 'code', path: 'src/other.ts', status: 'failed' }),
      );
      expect(document.summary).toMatchObject({ sourcesFailed: 2, templatesRead: 1 });
      expect(sarif).toContain('"text": "Not read: template.yaml: it could not be read (EACCES');
      expect(sarif).toContain('"text": "Not read: src/other.ts: it could not be read (EACCES');
    });

    it('counts an unreadable template as skipped in the verbose stage line', () => {
      const root = writeOpenApp({ 'template.yaml': table, 'tables.yaml': table });
      chmodSync(join(root, 'template.yaml'), 0o000);

      const run = infrawise(['analyze', root, '--verbose'], { unprivileged: true });

      expect(run.stderr).toMatch(/cloudformation: 1 template, 1 resource in [\d.]+s, 1 skipped\n/);
    });

    it('lists unreadable serverless.yml and .tf files as failed', () => {
      const root = writeOpenApp({
        'serverless.yml': 'service: orders\nprovider: { name: aws }\n',
        'main.tf': 'resource "aws_sqs_queue" "jobs" {}\n',
      });
      chmodSync(join(root, 'serverless.yml'), 0o000);
      chmodSync(join(root, 'main.tf'), 0o000);

      const run = infrawise(['analyze', root, '--format', 'json'], { unprivileged: true });
      const failed = json(run).sources.filter(source => source.status === 'failed');

      expect(failed.map(source => [source.kind, source.path])).toEqual([
        ['serverless', 'serverless.yml'],
        ['terraform', 'main.tf'],
      ]);
      expect(run.stderr).toContain(`Skipped "main.tf": ${unreadable}`);
    });

    it('lists an unreadable template of a cloud assembly as failed, not as missing', () => {
      const manifest = {
        artifacts: {
          Stack: { type: 'aws:cloudformation:stack', properties: { templateFile: 'Stack.json' } },
        },
      };
      const root = writeOpenApp({
        'cdk.out/manifest.json': JSON.stringify(manifest),
        'cdk.out/Stack.json': JSON.stringify({ Resources: {} }),
      });
      chmodSync(join(root, 'cdk.out'), 0o755);
      chmodSync(join(root, 'cdk.out/Stack.json'), 0o000);

      const run = infrawise(['analyze', root, '--format', 'json'], { unprivileged: true });

      expect(json(run).sources).toContainEqual({
        kind: 'cdk',
        path: 'cdk.out/Stack.json',
        status: 'failed',
        error: expect.stringContaining(unreadable) as string,
      });
    });

    it('warns about an unreadable folder, marks it failed and keeps the rest', () => {
      const root = writeOpenApp({
        'template.yaml': table,
        'src/handlers/list.ts': handler,
        'src/report.ts': handler,
      });
      chmodSync(join(root, 'src'), 0o755);
      chmodSync(join(root, 'src/handlers'), 0o000);

      const run = infrawise(['check', root, '--format', 'json'], { unprivileged: true });
      chmodSync(join(root, 'src/handlers'), 0o755);

      expect(run.status).toBe(0);
      expect(run.stderr).toContain(
        'Skipped "src/handlers": the folder could not be read (EACCES: permission denied), so no code or infrastructure in it was scanned. Check its permissions, or leave it out with "exclude" in infrawise.yaml.',
      );
      expect(json(run).sources).toEqual([
        { kind: 'cloudformation', path: 'template.yaml', status: 'ok' },
        expect.objectContaining({ kind: 'code', path: 'src/handlers', status: 'failed' }),
        { kind: 'code', path: 'src/report.ts', status: 'ok' },
      ]);
    });

    it('exits 2 when the root itself cannot be read', () => {
      const root = writeOpenApp({ 'template.yaml': table });
      chmodSync(root, 0o000);

      const run = infrawise(['check', root], { unprivileged: true });
      chmodSync(root, 0o755);

      expect(run.status).toBe(2);
      expect(run.stderr).toBe(
        `"${root}" cannot be read (EACCES: permission denied). Check its permissions, or give the path of another repository.\n`,
      );
    });
  },
);

describe('infrawise on odd input', () => {
  it('reports the first error of a binary .tf file with a count of the rest, capped', () => {
    const bytes = Buffer.from(Array.from({ length: 4000 }, (_, index) => (index * 7919) % 256));
    const root = writeApp({});
    writeFileSync(join(root, 'bin.tf'), bytes);

    const run = infrawise(['analyze', root, '--format', 'json']);
    const [source] = json(run).sources;

    expect(source).toMatchObject({ kind: 'terraform', path: 'bin.tf', status: 'failed', line: 1 });
    expect(source?.error).toMatch(
      /^line 1: Invalid character; This character is not used within the language\. \d+ more errors follow\. Fix the HCL syntax there; /,
    );
    expect(String(source?.error).length).toBeLessThanOrEqual(500);
    expect(run.stderr.split('\n').every(line => line.length <= 1000)).toBe(true);
  });

  it('warns when a folder holds nothing infrawise reads, and still exits 0', () => {
    const empty = infrawise(['check', writeApp({})]);
    const unrelated = infrawise(['check', writeApp({ 'a.ts': 'export const a = 1;\n' })]);

    expect(empty.status).toBe(0);
    expect(empty.stderr).toMatch(
      /^No JavaScript or TypeScript files and no infrastructure found under ".+"; check the path\.\n/,
    );
    expect(unrelated.stderr).toMatch(
      /^No AWS SDK use and no infrastructure found under ".+" \(1 code file read\); check the path\.\n/,
    );
  });

  it('says in the verbose code line that the other files use no SDK', () => {
    const run = infrawise(['analyze', writeApp({ 'a.ts': 'export const a = 1;\n' }), '--verbose']);

    expect(run.stderr).toMatch(
      /code: 1 file found, 0 not read, 0 of them use an AWS SDK or the environment; 0 parsed in /,
    );
  });

  it('escapes control characters of a file name in the report and on stderr', () => {
    const root = writeApp({
      'a\u001b[31mRED\nfake.yaml': table.replace('PointInTimeRecoverySpecification', 'X'),
      'b\u001b[31m.yaml': 'Resources:\n  Bad:\n    Type: AWS::SQS::Queue\n    Properties: [x\n',
    });

    const run = infrawise(['analyze', root]);

    expect(run.stdout).toContain('a\\x1b[31mRED\\nfake.yaml:');
    expect(run.stdout).toContain('  b\\x1b[31m.yaml:5  ');
    expect(run.stderr).toContain('Skipped "b\\x1b[31m.yaml": line 5');
    expect(run.stdout + run.stderr).not.toContain('\u001b');
  });

  it('warns once about a file that is not valid UTF-8, with its line', () => {
    const root = writeApp({ 'src/handler.ts': handler });
    const text = Buffer.concat([
      Buffer.from(`${table}    # caf`),
      Buffer.from([0xe9]),
      Buffer.from('\n'),
    ]);
    writeFileSync(join(root, 'template.yaml'), text);
    writeFileSync(
      join(root, 'src/handler.ts'),
      Buffer.concat([Buffer.from(`${handler}// `), Buffer.from([0xff, 0xfe]), Buffer.from('\n')]),
    );

    const run = infrawise(['analyze', root]);

    expect(run.stderr).toContain(
      '"template.yaml" is not valid UTF-8 at line 9; names read from it may be wrong. Save it as UTF-8.',
    );
    expect(run.stderr).toContain('"src/handler.ts" is not valid UTF-8 at line 3;');
    expect(run.stderr.match(/src\/handler\.ts" is not valid UTF-8/g)).toHaveLength(1);
  });
});

describe('infrawise options', () => {
  it('explains a bad --fail-on in one message and points at the command help', () => {
    const run = infrawise(['check', writeApp({}), '--fail-on', 'banana']);

    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      '--fail-on "banana" is not a severity. Use "high", "medium" or "low".\n(run "infrawise check --help" for usage)\n',
    );
  });

  it('refuses --quiet together with --verbose', () => {
    const run = infrawise(['analyze', writeApp({}), '--quiet', '--verbose']);

    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain("option '--quiet' cannot be used with option '--verbose'");
    expect(run.stderr).toContain('(run "infrawise analyze --help" for usage)');
  });

  it('exits 2 with a user error when --config names a folder', () => {
    const root = writeApp({});
    mkdirSync(join(root, 'src'));

    const run = infrawise(['check', root, '--config', join(root, 'src')]);

    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      `--config "${join(root, 'src')}" is a folder, not a config file. Give the path of an infrawise.yaml file.\n`,
    );
  });
});
