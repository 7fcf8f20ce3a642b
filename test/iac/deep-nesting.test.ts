import { describe, expect, it } from 'vitest';
import { scanCdk } from '../../src/iac/cdk/scan-cdk.js';
import { scanCloudFormation } from '../../src/iac/scan-cloudformation.js';
import { scanServerless } from '../../src/iac/serverless/scan-serverless.js';
import { captureLogger, writeFiles } from './scan-files.js';

// Thousands of nested block-sequence items overflow yaml's recursive parser.
const deepList = `${'- '.repeat(5000)}x\n`;

const template = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
${deepList}`;

describe('a template nested too deeply to parse', () => {
  it('is a failed CloudFormation source with its line', async () => {
    const logger = captureLogger();
    const root = await writeFiles({ 'template.yaml': template });

    const scan = await scanCloudFormation(root, { logger });

    expect(scan.sources).toEqual([
      {
        kind: 'cloudformation',
        path: 'template.yaml',
        status: 'failed',
        line: 4,
        error: 'line 4 nests lists or maps too deeply to read. Flatten the structure at that line.',
      },
    ]);
    expect(logger.warnings).toEqual([
      'Skipped "template.yaml": line 4 nests lists or maps too deeply to read. Flatten the structure at that line.',
    ]);
  });

  it('is a failed Serverless source with its line', async () => {
    const logger = captureLogger();
    const root = await writeFiles({
      'serverless.yml': `service: a\nprovider:\n  name: aws\nfunctions:\n${deepList}`,
    });

    const scan = await scanServerless(root, { logger });

    expect(scan.sources).toMatchObject([{ path: 'serverless.yml', status: 'failed', line: 5 }]);
    expect(logger.warnings).toHaveLength(1);
  });

  it('is a failed cloud assembly manifest, and the CDK reader goes on', async () => {
    const logger = captureLogger();
    const root = await writeFiles({ 'cdk.out/manifest.json': `artifacts:\n${deepList}` });

    const scan = await scanCdk(root, { logger });

    expect(scan.sources).toMatchObject([
      { kind: 'cdk', path: 'cdk.out/manifest.json', status: 'failed', line: 2 },
    ]);
  });
});
