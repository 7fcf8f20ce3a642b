import { z } from 'zod';
import { UserError } from '../../errors.js';
import { RULES } from '../../rules/registry.js';
import { defineTool } from '../tool.js';

export const explainRule = defineTool({
  name: 'explain_rule',
  title: 'Explain a rule',
  description:
    'What a rule reports and why, an example it reports, how to fix it, and what it knowingly misses.',
  inputSchema: { rule: z.string().min(1).describe('rule id, such as dynamodb/hot-partition') },
  outputSchema: {
    id: z.string(),
    severity: z.enum(['high', 'medium', 'low']),
    description: z.string(),
    rationale: z.string(),
    example: z.string(),
    fix: z.string(),
    limitations: z.array(z.string()),
  },
  run(input) {
    const rule = RULES.find(candidate => candidate.id === input.rule);
    if (!rule) {
      throw new UserError(
        'unknown-rule',
        `"${input.rule}" is not a rule. Known rules: ${RULES.map(known => known.id).join(', ')}.`,
      );
    }

    const structured = {
      id: rule.id,
      severity: rule.severity,
      description: rule.description,
      rationale: rule.docs.rationale,
      example: rule.docs.example,
      fix: rule.docs.fix,
      limitations: rule.docs.limitations,
    };
    const text = [
      `${rule.id} (${rule.severity}): ${rule.description}`,
      `why: ${structured.rationale}`,
      `example:\n${structured.example}`,
      `fix: ${structured.fix}`,
      ...structured.limitations.map(limitation => `limitation: ${limitation}`),
    ].join('\n');

    return { structured, text };
  },
});
