import { NO_OPTIONS, defineRule } from '../rule.js';

/** Reported by the runner while it applies suppressions; the graph has nothing to check. */
export const suppressionWithoutReason = defineRule({
  id: 'infrawise/suppression-without-reason',
  severity: 'low',
  description: 'Reports an infrawise-ignore-next-line comment that gives no reason after " -- ".',
  docs: {
    rationale:
      'A suppression hides a finding from everyone who reads the report later; without a reason nobody can tell whether it still holds, so one without a reason suppresses nothing.',
    example: '// infrawise-ignore-next-line dynamodb/full-scan',
    fix: 'Add the reason after " -- ": // infrawise-ignore-next-line dynamodb/full-scan -- the table holds at most 50 items.',
    limitations: ['A reason of any length counts, even a single word.'],
  },
  options: NO_OPTIONS,

  check: () => [],
});
