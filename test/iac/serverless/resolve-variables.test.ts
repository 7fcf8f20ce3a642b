import { describe, expect, it } from 'vitest';
import { templateValueOf } from '../../../src/iac/intrinsics.js';
import { parseTemplate } from '../../../src/iac/parse-template.js';
import { VariableResolver } from '../../../src/iac/serverless/resolve-variables.js';
import { resourcesTemplateOf } from '../../../src/iac/serverless/resources-template.js';
import type { TemplateNode } from '../../../src/iac/template-node.js';
import { childAt } from '../../../src/iac/template-node.js';

function parsed(source: string, file: string): TemplateNode {
  const result = parseTemplate(source, file, file.endsWith('.json'));
  if (!result.ok || !result.root) {
    throw new Error(`${file} does not parse`);
  }

  return result.root;
}

/** Resolves a service and returns the template value at a dotted path of it. */
function valueAt(source: string, path: string, files: Record<string, string> = {}) {
  const root = parsed(source, 'serverless.yml');
  const resolver = new VariableResolver({
    root,
    file: 'serverless.yml',
    readIncluded: file => (files[file] === undefined ? undefined : parsed(files[file], file)),
  });
  const resolved = resolver.resolve(root);

  return templateValueOf(
    childAt(resolved, ...path.split('.')),
    resourcesTemplateOf('serverless.yml', resolved),
  );
}

describe('VariableResolver', () => {
  it('resolves self, sls:stage and opt defaults embedded in a string', () => {
    const service = `service: shortlinks
provider:
  stage: \${opt:stage, 'dev'}
custom:
  linksTable: \${self:service}-\${sls:stage}-links
  copy: \${self:custom.linksTable}
`;

    expect(valueAt(service, 'custom.copy')).toEqual({
      kind: 'literal',
      value: 'shortlinks-dev-links',
    });
  });

  it('takes dev as the stage when the provider sets none, and the provider stage when it does', () => {
    expect(valueAt('custom:\n  stage: ${opt:stage}\n', 'custom.stage')).toEqual({
      kind: 'literal',
      value: 'dev',
    });
    expect(
      valueAt(
        'provider:\n  stage: prod\ncustom:\n  name: t-${self:provider.stage}\n',
        'custom.name',
      ),
    ).toEqual({ kind: 'literal', value: 't-prod' });
  });

  it('resolves nested variables and env defaults', () => {
    const service = `custom:
  dev: { table: orders-dev }
  table: \${self:custom.\${opt:stage, 'dev'}.table}
  secret: \${env:SECRET_NAME, 'fallback'}
`;

    expect(valueAt(service, 'custom.table')).toEqual({ kind: 'literal', value: 'orders-dev' });
    expect(valueAt(service, 'custom.secret')).toEqual({ kind: 'literal', value: 'fallback' });
  });

  it('reads values from local YAML and JSON files', () => {
    const service = `custom:
  table: \${file(./config/tables.yml):orders}
  settings: \${file(./config/settings.json)}
  queue: \${self:custom.settings.queue}
`;
    const files = {
      'config/tables.yml': 'orders: orders-table\n',
      'config/settings.json': '{ "queue": "jobs" }',
    };

    expect(valueAt(service, 'custom.table', files)).toEqual({
      kind: 'literal',
      value: 'orders-table',
    });
    expect(valueAt(service, 'custom.queue', files)).toEqual({ kind: 'literal', value: 'jobs' });
  });

  it('keeps a variable of an unknown source unresolved with its text, even with a default', () => {
    const service = "custom:\n  table: ${ssm:/orders/table, 'orders'}\n  env: ${env:TABLE}\n";

    expect(valueAt(service, 'custom.table')).toEqual({
      kind: 'unresolved',
      text: "${ssm:/orders/table, 'orders'}",
    });
    expect(valueAt(service, 'custom.env')).toEqual({ kind: 'unresolved', text: '${env:TABLE}' });
  });

  it('keeps the resolved parts of a string around an unresolved variable', () => {
    const service = 'custom:\n  arn: arn:aws:dynamodb:${aws:region}:${aws:accountId}:table/t*\n';

    expect(valueAt(service, 'custom.arn')).toEqual({
      kind: 'join',
      parts: [
        { kind: 'literal', value: 'arn:aws:dynamodb:us-east-1:' },
        { kind: 'unresolved', text: '${aws:accountId}' },
        { kind: 'literal', value: ':table/t*' },
      ],
    });
  });

  it('leaves a variable that refers to itself unresolved', () => {
    expect(valueAt('custom:\n  a: ${self:custom.b}\n  b: ${self:custom.a}\n', 'custom.a')).toEqual({
      kind: 'unresolved',
      text: '${self:custom.b}',
    });
  });

  it('maps intrinsics, through a variable too, to resources of the resources block', () => {
    const service = `custom:
  tableArn: !GetAtt OrdersTable.Arn
  copy: \${self:custom.tableArn}
  ref: { Ref: OrdersTable }
resources:
  Resources:
    OrdersTable: { Type: AWS::DynamoDB::Table }
`;

    expect(valueAt(service, 'custom.copy')).toEqual({
      kind: 'resource',
      logicalId: 'OrdersTable',
      attribute: 'Arn',
    });
    expect(valueAt(service, 'custom.ref')).toEqual({ kind: 'resource', logicalId: 'OrdersTable' });
  });
});
