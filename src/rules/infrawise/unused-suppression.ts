import { NO_OPTIONS, defineRule } from '../rule.js';

/** Reported by the runner while it applies suppressions; the graph has nothing to check. */
export const unusedSuppression = defineRule({
  id: 'infrawise/unused-suppression',
  severity: 'low',
  description:
    'Reports an infrawise-ignore-next-line comment that matches no finding on the line after it.',
  docs: {
    rationale:
      'A suppression left behind after the code changed hides nothing today but will silently hide the next finding of that rule on that line.',
    example:
      '// infrawise-ignore-next-line dynamodb/full-scan -- admin export\nawait ddb.send(new QueryCommand(input));',
    fix: 'Delete the comment, or move it to the line above the finding it was meant for.',
    limitations: [
      'Only comments in files that infrawise read are checked; a file that the pre-filter skipped is not.',
    ],
  },
  options: NO_OPTIONS,

  check: () => [],
});
