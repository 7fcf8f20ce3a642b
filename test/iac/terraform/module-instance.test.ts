import { describe, expect, it } from 'vitest';
import { scanTerraformFiles } from './terraform-files.js';

const table = `resource "aws_dynamodb_table" "t" {
  name     = "t"
  hash_key = "id"
}
`;

const queue = (name: string) => `resource "aws_sqs_queue" "${name}" {
  name = "${name}"
}
`;

const call = (name: string, source: string) => `
module "${name}" {
  source = "${source}"
}
`;

const addressesOf = (resources: { logicalId: string }[]) =>
  resources.map(resource => resource.logicalId).sort();

describe('module cycles', () => {
  it('reads a module that calls itself once and warns at the module block', async () => {
    const { scan, logger } = await scanTerraformFiles({
      'infra/main.tf': table + call('self', './'),
    });

    expect(addressesOf(scan.resources)).toEqual(['aws_dynamodb_table.t']);
    expect(logger.warnings).toEqual([
      'infra/main.tf:6: module "self" has source "./", which closes a module cycle (infra → infra); its resources are read once and not expanded again. Point the source at a module outside the cycle, or remove the module block.',
    ]);
    expect(scan.sources.map(source => source.status)).toEqual(['ok']);
  });

  it('reads a cycle through two modules once, warning where it closes', async () => {
    const { scan, logger } = await scanTerraformFiles({
      'main.tf': call('a', './modules/a'),
      'modules/a/main.tf': queue('qa') + call('b', '../b'),
      'modules/b/main.tf': queue('qb') + call('a', '../a'),
    });

    expect(addressesOf(scan.resources)).toEqual([
      'module.a.aws_sqs_queue.qa',
      'module.a.module.b.aws_sqs_queue.qb',
    ]);
    expect(logger.warnings).toEqual([
      expect.stringMatching(
        /^modules\/b\/main\.tf:5: module "a" has source "\.\.\/a", which closes a module cycle \(modules\/a → modules\/b → modules\/a\)/,
      ),
    ]);
  });

  it('reads two modules that only call each other from the first of them', async () => {
    const { scan, logger } = await scanTerraformFiles({
      'modules/a/main.tf': queue('qa') + call('b', '../b'),
      'modules/b/main.tf': queue('qb') + call('a', '../a'),
    });

    expect(addressesOf(scan.resources)).toEqual(['aws_sqs_queue.qa', 'module.b.aws_sqs_queue.qb']);
    expect(scan.resources.map(resource => resource.template)).toEqual(['modules/a', 'modules/a']);
    expect(logger.warnings).toEqual([
      expect.stringMatching(/^modules\/b\/main\.tf:5: .*\(modules\/a → modules\/b → modules\/a\)/),
    ]);
  });

  it('warns once about a cycle that two configurations and a for_each reach', async () => {
    const eachCall = `
module "loop" {
  source   = "../loop"
  for_each = toset(["x", "y"])
}
`;
    const { scan, logger } = await scanTerraformFiles({
      'envs/dev/main.tf': call('shared', '../../modules/shared'),
      'envs/prod/main.tf': call('shared', '../../modules/shared'),
      'modules/shared/main.tf': table + eachCall,
      'modules/loop/main.tf': call('back', '../shared'),
    });

    expect(addressesOf(scan.resources)).toEqual([
      'module.shared.aws_dynamodb_table.t',
      'module.shared.aws_dynamodb_table.t',
    ]);
    expect(scan.resources.map(resource => resource.id).sort()).toEqual([
      'envs/dev#module.shared.aws_dynamodb_table.t',
      'envs/prod#module.shared.aws_dynamodb_table.t',
    ]);
    expect(logger.warnings).toEqual([
      expect.stringMatching(
        /^modules\/loop\/main\.tf:2: module "back" has source "\.\.\/shared", which closes a module cycle \(modules\/shared → modules\/loop → modules\/shared\)/,
      ),
    ]);
  });

  it('reads the same module called twice on one chain without calling it a cycle', async () => {
    const { scan, logger } = await scanTerraformFiles({
      'main.tf': call('first', './modules/q') + call('second', './modules/q'),
      'modules/q/main.tf': queue('q'),
    });

    expect(addressesOf(scan.resources)).toEqual([
      'module.first.aws_sqs_queue.q',
      'module.second.aws_sqs_queue.q',
    ]);
    expect(logger.warnings).toEqual([]);
  });
});
