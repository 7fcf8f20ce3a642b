import type { TableResource } from '../../iac/resources.js';
import type { RawFinding } from '../finding.js';
import { NO_OPTIONS, defineRule } from '../rule.js';

// The setting as the table's own format spells it, so the fix can be pasted beside it.
const RECOMMENDATIONS = {
  cloudformation:
    'Set PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled: true on the table, and DeletionProtectionEnabled: true for tables that hold data you cannot rebuild.',
  cdk: 'Set pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true } on the Table construct (pointInTimeRecovery: true in older aws-cdk-lib versions), and deletionProtection: true for tables that hold data you cannot rebuild.',
  terraform:
    'Add point_in_time_recovery { enabled = true } to the aws_dynamodb_table, and deletion_protection_enabled = true for tables that hold data you cannot rebuild.',
};

function recommendationFor(table: TableResource): string {
  if (table.location.file.endsWith('.tf')) {
    return RECOMMENDATIONS.terraform;
  }

  const fromCdk = table.constructLocation !== undefined || table.template.includes('cdk.out/');

  return fromCdk ? RECOMMENDATIONS.cdk : RECOMMENDATIONS.cloudformation;
}

export const noPointInTimeRecovery = defineRule({
  id: 'dynamodb/no-point-in-time-recovery',
  severity: 'low',
  description: 'Reports a table defined in a template without point-in-time recovery.',
  docs: {
    rationale:
      'Without point-in-time recovery a bad deployment, a buggy batch job or a mistaken delete cannot be undone: DynamoDB keeps no history of the items, and without deletion protection the whole table can go with one stack update.',
    example:
      'Orders:\n  Type: AWS::DynamoDB::Table\n  Properties:\n    BillingMode: PAY_PER_REQUEST',
    fix: 'Enable PointInTimeRecoverySpecification on the table; add DeletionProtectionEnabled for tables that hold data you cannot rebuild.',
    limitations: [
      'Only tables a template defines are checked; a table named through a parameter or owned by another stack is never reported.',
      'Backups taken another way (AWS Backup plans, scheduled exports) are not seen, so a table covered by them is still reported.',
    ],
  },

  options: NO_OPTIONS,

  check(graph) {
    return graph.tables.filter(table => !table.pointInTimeRecovery).map(findingFor);
  },
});

function findingFor(table: TableResource): RawFinding {
  const state = table.deletionProtection
    ? 'no point-in-time recovery; deletion protection is on, but items overwritten or deleted by code cannot be restored'
    : 'no point-in-time recovery and no deletion protection, so neither a bad write nor a deleted table can be restored';
  const related = table.constructLocation
    ? [{ ...table.constructLocation, label: `construct of table ${table.name}` }]
    : [];

  return {
    message: `Table "${table.name}" has ${state}.`,
    location: table.location,
    related,
    recommendation: recommendationFor(table),
    subject: `table:${table.id}`,
  };
}
