import { describe, expect, it } from 'vitest';
import { readSuppressions } from '../../src/suppressions/read-suppressions.js';
import { writeApp } from '../helpers/app.js';

describe('readSuppressions', () => {
  it('reads the rule id, the reason and the location of code and YAML comments', async () => {
    const root = writeApp({
      'src/a.ts':
        'const x = 1;\n  // infrawise-ignore-next-line dynamodb/full-scan -- nightly export\nscan();\n',
      'template.yaml':
        'Resources:\n  # infrawise-ignore-next-line dynamodb/hot-partition -- sharded keys\n  Orders: {}\n',
    });

    const suppressions = await readSuppressions(root, ['src/a.ts', 'template.yaml']);

    expect(suppressions).toEqual([
      {
        ruleId: 'dynamodb/full-scan',
        reason: 'nightly export',
        location: { file: 'src/a.ts', line: 2, column: 6 },
      },
      {
        ruleId: 'dynamodb/hot-partition',
        reason: 'sharded keys',
        location: { file: 'template.yaml', line: 2, column: 5 },
      },
    ]);
  });

  it('keeps a suppression without a reason, with no reason set', async () => {
    const root = writeApp({
      'src/a.ts': '// infrawise-ignore-next-line dynamodb/full-scan\nscan();\n',
    });

    expect(await readSuppressions(root, ['src/a.ts'])).toEqual([
      { ruleId: 'dynamodb/full-scan', location: { file: 'src/a.ts', line: 1, column: 4 } },
    ]);
  });
});
