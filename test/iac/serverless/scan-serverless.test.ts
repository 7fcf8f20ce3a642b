import { describe, expect, it } from 'vitest';
import { scanFiles } from '../scan-files.js';

const service = `service: notes
custom:
  tableName: \${sls:stage}-notes
provider:
  name: aws
  environment:
    tableName: \${self:custom.tableName}
functions:
  list:
    handler: list.main
resources:
  - \${file(resources/dynamodb-table.yml)}
  - \${file(resources/missing.yml)}
`;

const tableFile = `Resources:
  NotesTable:
    Type: AWS::DynamoDB::Table
    Properties:
      TableName: \${self:custom.tableName}
      KeySchema:
        - { AttributeName: noteId, KeyType: HASH }
`;

describe('scanServerless', () => {
  it('reads included resources once, at their own file and line, named by the service', async () => {
    const { scan, table } = await scanFiles({
      'serverless.yml': service,
      'resources/dynamodb-table.yml': tableFile,
    });
    const tables = scan.resources.filter(resource => resource.kind === 'table');

    expect(tables).toHaveLength(1);
    expect(table('NotesTable')).toMatchObject({
      id: 'serverless.yml#NotesTable',
      template: 'serverless.yml',
      name: 'dev-notes',
      location: { file: 'resources/dynamodb-table.yml', line: 2, column: 3 },
    });
    expect(scan.templatesRead).toBe(1);
    expect(scan.sources).toEqual([
      { kind: 'serverless', path: 'serverless.yml', status: 'ok' },
      { kind: 'serverless', path: 'resources/dynamodb-table.yml', status: 'ok' },
    ]);
  });

  it('finds serverless.yaml and serverless.ts anywhere, skipping build output and ignored paths', async () => {
    const minimal = 'service: a\nfunctions:\n  job: { handler: job.handler }\n';
    const { scan } = await scanFiles({
      '.gitignore': 'legacy/\n',
      'services/a/serverless.yaml': minimal,
      'services/b/serverless.ts':
        "export default { service: 'b', functions: { job: { handler: 'job.handler' } } };",
      'services/a/.serverless/serverless.yml': minimal,
      'node_modules/x/serverless.yml': minimal,
      'dist/serverless.yml': minimal,
      'legacy/serverless.yml': minimal,
    });

    expect(scan.sources.map(source => source.path)).toEqual([
      'services/a/serverless.yaml',
      'services/b/serverless.ts',
    ]);
  });

  it('reports broken YAML as a failed source with its line and reads the other services', async () => {
    const { scan, logger, lambda } = await scanFiles({
      'broken/serverless.yml': 'service: broken\nfunctions:\n  job:\n\thandler: job.handler\n',
      'good/serverless.yml': 'service: good\nfunctions:\n  job: { handler: job.handler }\n',
    });

    expect(scan.sources).toEqual([
      {
        kind: 'serverless',
        path: 'broken/serverless.yml',
        status: 'failed',
        error: 'line 4 indents with a tab, which YAML forbids. Indent with spaces.',
        line: 4,
      },
      { kind: 'serverless', path: 'good/serverless.yml', status: 'ok' },
    ]);
    expect(logger.warnings).toEqual([
      'Skipped "broken/serverless.yml": line 4 indents with a tab, which YAML forbids. Indent with spaces.',
    ]);
    expect(lambda('job').template).toBe('good/serverless.yml');
  });

  it('reports a broken included file as failed and keeps the rest of the service', async () => {
    const { scan, lambda } = await scanFiles({
      'serverless.yml': service,
      'resources/dynamodb-table.yml': 'Resources: [\n',
    });

    expect(scan.sources).toContainEqual(
      expect.objectContaining({ path: 'resources/dynamodb-table.yml', status: 'failed', line: 2 }),
    );
    expect(lambda('list').environment.tableName).toEqual({ kind: 'literal', value: 'dev-notes' });
  });

  it('keeps an environment value of an unknown variable source unresolved', async () => {
    const { lambda } = await scanFiles({
      'serverless.yml': `provider:
  environment:
    TABLE: \${ssm:/notes/table}
    NAME: notes-\${cf:shared.Suffix}
functions:
  list: { handler: list.main }
`,
    });

    expect(lambda('list').environment).toEqual({
      TABLE: { kind: 'unresolved', text: '${ssm:/notes/table}' },
      NAME: {
        kind: 'join',
        parts: [
          { kind: 'literal', value: 'notes-' },
          { kind: 'unresolved', text: '${cf:shared.Suffix}' },
        ],
      },
    });
  });

  it('links a trigger declared in the resources block to a named function', async () => {
    const { lambda } = await scanFiles({
      'serverless.yml': `functions:
  worker:
    handler: worker.handler
    name: jobs-worker
resources:
  Resources:
    Jobs: { Type: AWS::SQS::Queue }
    JobsMapping:
      Type: AWS::Lambda::EventSourceMapping
      Properties:
        FunctionName: jobs-worker
        EventSourceArn: !GetAtt Jobs.Arn
`,
    });

    expect(lambda('worker').events).toEqual([
      expect.objectContaining({ name: 'JobsMapping', type: 'sqs' }),
    ]);
  });
});
