import type { Rule } from '../rules/rule.js';

/** `infrawise rules`: one line per rule with id, default severity and description. */
export function formatRulesList(rules: readonly Rule[]): string {
  const width = Math.max(...rules.map(rule => rule.id.length));
  const lines = rules.map(
    rule => `${rule.id.padEnd(width)}  ${rule.severity.padEnd(6)}  ${rule.description}`,
  );

  return `${lines.join('\n')}\n`;
}

/** `infrawise explain <rule-id>`: rationale, an example, the fix, options and limitations. */
export function formatRuleExplanation(rule: Rule): string {
  const options = (rule.docs.options ?? []).map(
    option => `  ${option.name} (default ${JSON.stringify(option.default)}): ${option.description}`,
  );
  const sections = [
    `${rule.id}  (default severity: ${rule.severity})`,
    rule.description,
    `Why it matters\n  ${rule.docs.rationale}`,
    `Example\n${indent(rule.docs.example)}`,
    `Fix\n  ${rule.docs.fix}`,
    ...(options.length > 0
      ? [`Options (infrawise.yaml: rules: { ${rule.id}: { ... } })\n${options.join('\n')}`]
      : []),
    `Limitations\n${rule.docs.limitations.map(limitation => `  - ${limitation}`).join('\n')}`,
  ];

  return `${sections.join('\n\n')}\n`;
}

/** The README's rules table, generated from the same metadata as `infrawise rules`. */
export function formatRulesTable(rules: readonly Rule[]): string {
  const rows = rules.map(rule => `| \`${rule.id}\` | ${rule.severity} | ${rule.description} |`);

  return ['| id | default severity | reports |', '|---|---|---|', ...rows].join('\n');
}

function indent(text: string): string {
  return text
    .split('\n')
    .map(line => `  ${line}`)
    .join('\n');
}
