import type { Command } from 'commander';
import { UserError } from '../errors.js';
import { formatRuleExplanation, formatRulesList } from '../report/rules-report.js';
import { RULES, findRule } from '../rules/registry.js';

/** `infrawise rules` and `infrawise explain <rule-id>`. */
export function registerRuleCommands(program: Command): void {
  program
    .command('rules')
    .description('list every rule with its id, default severity and description')
    .action(() => {
      process.stdout.write(formatRulesList(RULES));
    });

  program
    .command('explain')
    .description("print a rule's rationale, an example, the fix, its options and its limitations")
    .argument('<rule-id>', 'a rule id, as "infrawise rules" lists them')
    .action((id: string) => {
      const rule = findRule(id);
      if (!rule) {
        throw new UserError(
          'rule-unknown',
          `"${id}" is not a rule. Run "infrawise rules" for the list of rule ids.`,
        );
      }
      process.stdout.write(formatRuleExplanation(rule));
    });
}
