import { describe, expect, it } from 'vitest';
import { scanTerraformFiles } from './terraform-files.js';

const tablesTf = `variable "stage" {}
variable "orders_table" {
  default = "orders"
}

resource "aws_dynamodb_table" "orders" {
  name     = "\${var.orders_table}-\${var.stage}"
  hash_key = "Id"
}
`;

describe('terraform tfvarsOf', () => {
  it('takes values from a -var-file in a folder of .tfvars files below the module', async () => {
    const { table } = await scanTerraformFiles({
      'infra/tables.tf': tablesTf,
      'infra/environments/sandbox.tfvars': 'stage = "sandbox"\norders_table = "shop-orders"\n',
    });

    expect(table('aws_dynamodb_table.orders').name).toBe('shop-orders-sandbox');
  });

  it('keeps the default when var files of the folder below disagree', async () => {
    const { table } = await scanTerraformFiles({
      'infra/tables.tf': tablesTf,
      'infra/environments/dev.tfvars': 'stage = "dev"\norders_table = "a"\n',
      'infra/environments/prod.tfvars': 'stage = "prod"\norders_table = "b"\n',
    });

    expect(table('aws_dynamodb_table.orders').nameValue).toEqual({
      kind: 'join',
      parts: [
        { kind: 'literal', value: 'orders-' },
        { kind: 'unresolved', text: 'var.stage' },
      ],
    });
  });

  it('leaves the .tfvars of a folder that is a module of its own to that module', async () => {
    const { scan } = await scanTerraformFiles({
      'infra/tables.tf': tablesTf,
      'infra/envs/dev/main.tf': tablesTf.replace('"orders"', '"dev-orders"'),
      'infra/envs/dev/terraform.tfvars': 'stage = "dev"\n',
    });

    const names = scan.resources.map(resource => [
      resource.template,
      resource.kind === 'table' ? resource.name : undefined,
    ]);

    expect(names).toEqual([
      ['infra', 'aws_dynamodb_table.orders'],
      ['infra/envs/dev', 'dev-orders-dev'],
    ]);
  });
});
