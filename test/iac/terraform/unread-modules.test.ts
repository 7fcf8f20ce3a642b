import { describe, expect, it } from 'vitest';
import type { CapturedLogger } from '../scan-files.js';
import { analyzeApp } from '../../helpers/app.js';
import { scanTerraformFiles } from './terraform-files.js';

const table = `resource "aws_dynamodb_table" "t" {
  name     = "t"
  hash_key = "id"
}
`;

const call = (name: string, source: string) => `
module "${name}" {
  source = "${source}"
}
`;

interface VerboseLogger extends CapturedLogger {
  steps: string[];
}

function verboseLogger(): VerboseLogger {
  const warnings: string[] = [];
  const steps: string[] = [];

  return {
    warnings,
    steps,
    error: () => {},
    warn: text => warnings.push(text),
    info: () => {},
    step: text => steps.push(text),
  };
}

describe('module blocks whose module is not read', () => {
  it('warns about a missing local module and lists it as not read', async () => {
    const { scan, logger } = await scanTerraformFiles({
      'infra/main.tf': table + call('x', './modules/does-not-exist'),
    });

    const reason =
      'module "x" has source "./modules/does-not-exist", which does not exist; its resources are not read. Fix the path.';
    expect(logger.warnings).toEqual([`infra/main.tf:6: ${reason}`]);
    expect(scan.sources).toEqual([
      { kind: 'terraform', path: 'infra/main.tf', status: 'ok' },
      { kind: 'terraform', path: 'infra/main.tf', status: 'failed', error: reason, line: 6 },
    ]);
    expect(scan.resources.map(resource => resource.logicalId)).toEqual(['aws_dynamodb_table.t']);
  });

  it('warns about a source outside the scanned folder and says to scan a parent', async () => {
    const { scan, logger } = await scanTerraformFiles({
      'infra/main.tf': call('outside', '../../outside-mod'),
    });

    expect(logger.warnings).toEqual([
      'infra/main.tf:2: module "outside" has source "../../outside-mod", which lies outside the scanned folder; its resources are not read. Scan a parent folder that holds both this configuration and the module.',
    ]);
    expect(scan.sources[1]).toMatchObject({ path: 'infra/main.tf', status: 'failed', line: 2 });
  });

  it('warns about an absolute source and says to make it relative', async () => {
    const { scan, logger } = await scanTerraformFiles({
      'main.tf': call('abs', '/opt/modules/x'),
    });

    expect(logger.warnings).toEqual([
      'main.tf:2: module "abs" has source "/opt/modules/x", an absolute path; its resources are not read. Write the source relative to the folder of this file, starting with "./" or "../".',
    ]);
    expect(scan.sources[1]).toMatchObject({ path: 'main.tf', status: 'failed', line: 2 });
  });

  it('warns about a source that names a file', async () => {
    const { logger } = await scanTerraformFiles({
      'main.tf': call('file', './tables.tf'),
      'tables.tf': table,
    });

    expect(logger.warnings).toEqual([
      expect.stringMatching(
        /^main\.tf:2: module "file" has source "\.\/tables\.tf", which is a file, not a folder;/,
      ),
    ]);
  });

  it('logs a remote module it does not read only with --verbose', async () => {
    const logger = verboseLogger();
    const { scan } = await scanTerraformFiles(
      { 'main.tf': call('vpc', 'terraform-aws-modules/vpc/aws') },
      logger,
    );

    expect(logger.warnings).toEqual([]);
    expect(logger.steps).toContain(
      'terraform: main.tf:2: module "vpc" has source "terraform-aws-modules/vpc/aws", a remote module, so its resources are not read; of remote modules, only the terraform-aws-modules lambda, dynamodb-table, sqs, and sns modules are',
    );
    expect(scan.sources).toEqual([{ kind: 'terraform', path: 'main.tf', status: 'ok' }]);
  });

  it('stays silent about a registry module it reads and a local module it finds', async () => {
    const logger = verboseLogger();
    const { scan } = await scanTerraformFiles(
      {
        'main.tf': call('orders', 'terraform-aws-modules/dynamodb-table/aws') + call('t', './t'),
        't/main.tf': table,
      },
      logger,
    );

    expect(logger.warnings).toEqual([]);
    expect(logger.steps.filter(step => step.includes('module "'))).toEqual([]);
    expect(scan.sources.every(source => source.status === 'ok')).toBe(true);
  });

  it('logs a local module folder without a .tf file that was read only with --verbose', async () => {
    const logger = verboseLogger();
    await scanTerraformFiles(
      { 'main.tf': call('empty', './modules/empty'), 'modules/empty/README.md': '# empty\n' },
      logger,
    );

    expect(logger.warnings).toEqual([]);
    expect(logger.steps).toContain(
      'terraform: main.tf:2: module "empty" has source "./modules/empty", but no .tf file of "modules/empty" was read, so its resources are not read',
    );
  });

  it('shows a missing module among the sources not read of the analysis', async () => {
    const analysis = await analyzeApp({ 'infra/main.tf': call('x', './modules/does-not-exist') });

    expect(analysis.summary.sourcesFailed).toBe(1);
    expect(analysis.sources).toContainEqual(
      expect.objectContaining({ path: 'infra/main.tf', status: 'failed', line: 2 }),
    );
  });
});
