import type { TableResource } from '../../iac/resources.js';
import type { RawFinding } from '../finding.js';
import { NO_OPTIONS, defineRule } from '../rule.js';

const recommendation =
  'Set PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled: true on the table, and DeletionProtectionEnabled: true for tables that hold data you cannot rebuild.';

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
  const deletion = table.deletionProtection
    ? 'deletion protection is on, but items overwritten or deleted by code cannot be restored'
    : 'neither is deletion protection, so neither a bad write nor a deleted table can be restored';
  const related = table.constructLocation
    ? [{ ...table.constructLocation, label: `construct of table ${table.name}` }]
    : [];

  return {
    message: `Table "${table.name}" has no point-in-time recovery, and ${deletion}.`,
    location: table.location,
    related,
    recommendation,
    subject: `table:${table.id}`,
  };
}
