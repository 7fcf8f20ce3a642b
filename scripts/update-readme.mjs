// Rewrites the generated parts of README.md (run after `npm run build`): the rules table from the
// rules' own metadata, and the quick-start output from a real run on the bundled example.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { formatRulesTable } from '../dist/report/rules-report.js';
import { RULES } from '../dist/rules/registry.js';

function demoOutput() {
  const output = execFileSync(
    process.execPath,
    ['dist/cli/main.js', 'analyze', 'examples/orders-app'],
    {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    },
  );

  return `\`\`\`\n$ npx infrawise analyze examples/orders-app\n${output}\`\`\``;
}

function fill(readme, name, content) {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  if (!readme.includes(start) || !readme.includes(end)) {
    console.error(`README.md has no ${start} ... ${end} section to fill.`);
    process.exit(2);
  }

  return `${readme.slice(0, readme.indexOf(start) + start.length)}\n${content}\n${readme.slice(readme.indexOf(end))}`;
}

const readme = readFileSync('README.md', 'utf8');
const withRules = fill(readme, 'rules', formatRulesTable(RULES));
writeFileSync('README.md', fill(withRules, 'demo', demoOutput()));
