import { describe, expect, it } from 'vitest';
import { noPointInTimeRecovery } from '../../../src/rules/dynamodb/no-point-in-time-recovery.js';
import { runRule } from '../../helpers/app.js';

const tableWith = (properties: string) => `
Transform: AWS::Serverless-2016-10-31
Parameters:
  LegacyTableName: { Type: String, Default: legacy-items }
Resources:
  OrdersTable:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      KeySchema: [{ AttributeName: orderId, KeyType: HASH }]
      AttributeDefinitions: [{ AttributeName: orderId, AttributeType: S }]
${properties}
  GetOrder:
    Type: AWS::Serverless::Function
    Properties:
      Handler: src/get.handler
      Environment: { Variables: { ORDERS: !Ref OrdersTable, LEGACY: !Ref LegacyTableName } }
`;

const handler = `
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));
export const handler = async (id: string) => {
  await ddb.send(new GetCommand({ TableName: process.env.LEGACY, Key: { id } }));
  return ddb.send(new GetCommand({ TableName: process.env.ORDERS, Key: { orderId: id } }));
};
`;

describe('dynamodb/no-point-in-time-recovery', () => {
  it('reports a table without point-in-time recovery at its line in the template', async () => {
    const findings = await runRule(noPointInTimeRecovery, {
      'template.yaml': tableWith(''),
      'src/get.ts': handler,
    });

    expect(findings).toHaveLength(1);
    expect(findings[0]?.location).toMatchObject({ file: 'template.yaml', line: 6 });
    expect(findings[0]?.message).toContain('Table "OrdersTable" has no point-in-time recovery');
    expect(findings[0]?.message).toBe(
      'Table "OrdersTable" has no point-in-time recovery and no deletion protection, so neither a bad write nor a deleted table can be restored.',
    );
    expect(findings[0]?.recommendation).toContain('PointInTimeRecoverySpecification');
  });

  it('reports a table whose recovery is turned off, naming its deletion protection', async () => {
    const findings = await runRule(noPointInTimeRecovery, {
      'template.yaml': tableWith(`      DeletionProtectionEnabled: true
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: false }`),
    });

    expect(findings[0]?.location).toMatchObject({ file: 'template.yaml', line: 6 });
    expect(findings[0]?.message).toContain('deletion protection is on');
  });

  it('stays silent when point-in-time recovery is on', async () => {
    const findings = await runRule(noPointInTimeRecovery, {
      'template.yaml': tableWith(
        '      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true }',
      ),
    });

    expect(findings).toEqual([]);
  });

  it('never reports a table named through a template parameter', async () => {
    const findings = await runRule(noPointInTimeRecovery, {
      'template.yaml': tableWith(
        '      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true }',
      ),
      'src/get.ts': handler,
    });

    expect(findings.filter(finding => finding.message.includes('legacy'))).toEqual([]);
  });

  it('still reports a table that an AWS Backup plan covers', async () => {
    const findings = await runRule(noPointInTimeRecovery, {
      'template.yaml': `${tableWith('')}
  Backups:
    Type: AWS::Backup::BackupPlan
    Properties:
      BackupPlan: { BackupPlanName: daily, BackupPlanRule: [{ RuleName: daily, TargetBackupVault: Default }] }
`,
    });

    expect(findings).toHaveLength(1);
  });

  it('gives the fix in Terraform terms for a table a .tf file defines', async () => {
    const findings = await runRule(noPointInTimeRecovery, {
      'infra/main.tf': `resource "aws_dynamodb_table" "orders" {
  name         = "orders"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "orderId"
  attribute {
    name = "orderId"
    type = "S"
  }
}
`,
    });

    expect(findings.map(finding => [finding.location.file, finding.location.line])).toEqual([
      ['infra/main.tf', 1],
    ]);
    expect(findings[0]?.recommendation).toContain('point_in_time_recovery { enabled = true }');
  });
});
