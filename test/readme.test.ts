import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatRulesTable } from '../src/report/rules-report.js';
import { RULES } from '../src/rules/registry.js';

// Both generated sections are refreshed with "npm run docs".
describe('README', () => {
  const readme = readFileSync('README.md', 'utf8');

  it('carries the rules table generated from the rules metadata', () => {
    expect(readme).toContain(
      `<!-- rules:start -->\n${formatRulesTable(RULES)}\n<!-- rules:end -->`,
    );
  });

  it('shows the output the demo command really prints', () => {
    const output = execFileSync(
      process.execPath,
      ['dist/cli/main.js', 'analyze', 'examples/orders-app'],
      {
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1' },
      },
    );

    expect(readme).toContain(`$ npx infrawise analyze examples/orders-app\n${output}\`\`\``);
  });

  it('starts with the demo and test commands', () => {
    const firstBlock = readme.slice(
      readme.indexOf('```sh'),
      readme.indexOf('```', readme.indexOf('```sh') + 5),
    );

    expect(firstBlock).toContain('npm ci && npm run demo');
    expect(firstBlock).toContain('npm ci && npm test');
  });
});
