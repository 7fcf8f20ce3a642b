import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { InfraReader } from '../../src/iac/scan-infra.js';
import { scanInfra } from '../../src/iac/scan-infra.js';
import { scanCloudFormation } from '../../src/iac/scan-cloudformation.js';
import { captureLogger, scanFiles, writeFiles } from './scan-files.js';

const queueTemplate = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Jobs:
    Type: AWS::SQS::Queue
`;

describe('scanInfra', () => {
  it('reads a template found anywhere in the repository and reports it as read', async () => {
    const { scan } = await scanFiles({ 'infra/stacks/queues.yml': queueTemplate });

    expect(scan.templatesRead).toBe(1);
    expect(scan.sources).toEqual([
      { kind: 'cloudformation', path: 'infra/stacks/queues.yml', status: 'ok' },
    ]);
    expect(scan.resources[0]).toMatchObject({
      id: 'infra/stacks/queues.yml#Jobs',
      template: 'infra/stacks/queues.yml',
      location: { file: 'infra/stacks/queues.yml', line: 3, column: 3 },
    });
  });

  it('recognises a template by content, whatever its name', async () => {
    const { scan } = await scanFiles({
      'stack.yaml': 'Resources:\n  Jobs:\n    Type: AWS::SQS::Queue\n',
      'app.yaml': 'Transform: AWS::Serverless-2016-10-31\nResources: {}\n',
    });

    expect(scan.sources.map(source => source.path)).toEqual(['app.yaml', 'stack.yaml']);
  });

  it('stays silent on YAML and JSON that only mention AWS', async () => {
    const { scan, logger } = await scanFiles({
      'docker-compose.yml':
        'services:\n  db:\n    image: amazon/dynamodb-local\n    environment: { NOTE: "AWS::DynamoDB::Table" }\n',
      '.github/workflows/deploy.yml':
        'on: push\njobs:\n  deploy:\n    steps:\n      - run: echo AWS::StackName\n',
      'openapi.json': '{ "openapi": "3.0.0", "info": { "title": "AWS::Lambda proxy" } }',
      'broken-notes.yaml': 'text: [AWS::\n',
    });

    expect(scan.sources).toEqual([]);
    expect(scan.templatesRead).toBe(0);
    expect(logger.warnings).toEqual([]);
  });

  it("skips build output, dependencies, other readers' files and what .gitignore ignores", async () => {
    const { scan } = await scanFiles({
      '.gitignore': 'generated/\n*.local.yaml\n',
      'template.yaml': queueTemplate,
      'generated/template.yaml': queueTemplate,
      'dev.local.yaml': queueTemplate,
      'node_modules/pkg/template.yaml': queueTemplate,
      '.aws-sam/build/template.yaml': queueTemplate,
      'cdk.out/Stack.template.json': '{ "Resources": { "Q": { "Type": "AWS::SQS::Queue" } } }',
      'dist/template.yaml': queueTemplate,
      'serverless.yml': queueTemplate,
    });
    const templates = scan.sources.filter(source => source.kind === 'cloudformation');

    expect(templates.map(source => source.path)).toEqual(['template.yaml']);
  });

  it('respects a .gitignore in a subfolder and the exclude option', async () => {
    const { scan } = await scanFiles(
      {
        'services/a/.gitignore': 'old.yaml\n',
        'services/a/old.yaml': queueTemplate,
        'services/a/template.yaml': queueTemplate,
        'sandbox/template.yaml': queueTemplate,
      },
      { exclude: ['sandbox/**'] },
    );

    expect(scan.sources.map(source => source.path)).toEqual(['services/a/template.yaml']);
  });

  it('reports a broken template as failed with its line and reads the others', async () => {
    const { scan, logger } = await scanFiles({
      'infra/tables.yaml':
        'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Orders:\n\tType: AWS::DynamoDB::Table\n',
      'template.yaml': queueTemplate,
    });

    expect(scan.sources).toEqual([
      {
        kind: 'cloudformation',
        path: 'infra/tables.yaml',
        status: 'failed',
        error: 'line 4 indents with a tab, which YAML forbids. Indent with spaces.',
        line: 4,
      },
      { kind: 'cloudformation', path: 'template.yaml', status: 'ok' },
    ]);
    expect(logger.warnings).toEqual([
      'Skipped "infra/tables.yaml": line 4 indents with a tab, which YAML forbids. Indent with spaces.',
    ]);
    expect(scan.templatesRead).toBe(1);
    expect(scan.resources.map(resource => resource.logicalId)).toEqual(['Jobs']);
  });

  it('reports a JSON template with a syntax error', async () => {
    const { scan, logger } = await scanFiles({
      'template.json':
        '{\n  "AWSTemplateFormatVersion": "2010-09-09",\n  "Resources": {\n    "Jobs": { "Type": "AWS::SQS::Queue" \n  }\n',
    });

    expect(scan.sources[0]).toMatchObject({ path: 'template.json', status: 'failed' });
    expect(logger.warnings[0]).toMatch(/^Skipped "template.json": line \d+ is not valid JSON/);
  });

  it('reads a JSON template with long-form intrinsics and lines', async () => {
    const { lambda } = await scanFiles({
      'template.json': `{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "Orders": { "Type": "AWS::DynamoDB::Table", "Properties": { "TableName": "orders" } },
    "Writer": {
      "Type": "AWS::Lambda::Function",
      "Properties": {
        "Handler": "src/writer.handler",
        "Code": { "S3Bucket": "bucket", "S3Key": "writer.zip" },
        "Environment": { "Variables": {
          "TABLE": { "Ref": "Orders" },
          "ARN": { "Fn::GetAtt": ["Orders", "Arn"] },
          "STREAM": { "Fn::GetAtt": "Orders.StreamArn" }
        } }
      }
    }
  }
}`,
    });

    expect(lambda('Writer').location).toEqual({ file: 'template.json', line: 5, column: 5 });
    expect(lambda('Writer').environment).toEqual({
      TABLE: { kind: 'resource', logicalId: 'Orders' },
      ARN: { kind: 'resource', logicalId: 'Orders', attribute: 'Arn' },
      STREAM: { kind: 'resource', logicalId: 'Orders', attribute: 'StreamArn' },
    });
    expect(lambda('Writer').environmentLocations?.['TABLE']?.line).toBe(11);
  });

  it('orders resources by template and line', async () => {
    const { scan } = await scanFiles({
      'b/template.yaml': queueTemplate,
      'a/template.yaml': `Parameters:
  Stage: { Type: String, Default: dev }
Resources:
  Zeta:
    Type: AWS::SNS::Topic
  Alpha:
    Type: AWS::SQS::Queue
`,
    });

    expect(scan.resources.map(resource => resource.id)).toEqual([
      'a/template.yaml#Stage',
      'a/template.yaml#Zeta',
      'a/template.yaml#Alpha',
      'b/template.yaml#Jobs',
    ]);
  });

  it('keeps parameters so a reference can name an external table by its default', async () => {
    const { scan } = await scanFiles({
      'template.yaml': `Parameters:
  LegacyTableName:
    Type: String
    Default: legacy-items
Resources:
  Jobs:
    Type: AWS::SQS::Queue
`,
    });

    expect(scan.resources[0]).toMatchObject({
      kind: 'parameter',
      logicalId: 'LegacyTableName',
      default: 'legacy-items',
      location: { line: 2 },
    });
  });
});

const cloudFormation: InfraReader = {
  kind: 'cloudformation',
  label: 'CloudFormation',
  read: scanCloudFormation,
};

const terraformTimeout =
  'the Terraform reader did not finish within 0.05 s, so no Terraform resources are in this run. Exclude the folders that hold large or generated Terraform files with "exclude" in infrawise.yaml, or allow more time with analysis.readerTimeoutSeconds.';

describe('scanInfra with a reader that does not finish', () => {
  it("marks the reader's files failed after the bound and keeps the other readers' resources", async () => {
    const logger = captureLogger();
    const root = await writeFiles({ 'template.yaml': queueTemplate });
    const never: InfraReader = {
      kind: 'terraform',
      label: 'Terraform',
      read: () => new Promise(() => {}),
    };

    const scan = await scanInfra(root, { logger, readerTimeoutMs: 50 }, [never, cloudFormation]);

    expect(scan.sources).toEqual([
      { kind: 'terraform', path: '.', status: 'failed', error: terraformTimeout },
      { kind: 'cloudformation', path: 'template.yaml', status: 'ok' },
    ]);
    expect(logger.warnings).toEqual([`Skipped the Terraform files under ".": ${terraformTimeout}`]);
    expect(scan.resources.map(resource => resource.id)).toEqual(['template.yaml#Jobs']);
    expect(scan.templatesRead).toBe(1);
  });

  it('tells a reader it stopped waiting for, and drops what that reader logs afterwards', async () => {
    const logger = captureLogger();
    const root = await writeFiles({ 'template.yaml': queueTemplate });
    const seen: boolean[] = [];
    const slow: InfraReader = {
      kind: 'terraform',
      label: 'Terraform',
      read: async (readRoot, options) => {
        await sleep(150);
        seen.push(options.signal?.aborted ?? false);
        options.logger.warn('Skipped "late.tf": line 1 is late.');
        return cloudFormation.read(readRoot, options);
      },
    };

    const scan = await scanInfra(root, { logger, readerTimeoutMs: 50 }, [slow]);
    await sleep(250);

    expect(scan.sources).toEqual([
      { kind: 'terraform', path: '.', status: 'failed', error: terraformTimeout },
    ]);
    expect(seen).toEqual([true]);
    expect(logger.warnings).toEqual([`Skipped the Terraform files under ".": ${terraformTimeout}`]);
  });

  it('waits for a reader that finishes within the bound', async () => {
    const logger = captureLogger();
    const root = await writeFiles({ 'template.yaml': queueTemplate });
    const slowButInTime: InfraReader = {
      ...cloudFormation,
      read: async (readRoot, options) => {
        await sleep(30);
        return cloudFormation.read(readRoot, options);
      },
    };

    const scan = await scanInfra(root, { logger, readerTimeoutMs: 2000 }, [slowButInTime]);

    expect(scan.sources).toEqual([{ kind: 'cloudformation', path: 'template.yaml', status: 'ok' }]);
    expect(logger.warnings).toEqual([]);
  });
});
