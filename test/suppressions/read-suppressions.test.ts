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
        appliesToLine: 3,
      },
      {
        ruleId: 'dynamodb/hot-partition',
        reason: 'sharded keys',
        location: { file: 'template.yaml', line: 2, column: 5 },
        appliesToLine: 3,
      },
    ]);
  });

  it('keeps a suppression without a reason, with no reason set', async () => {
    const root = writeApp({
      'src/a.ts': '// infrawise-ignore-next-line dynamodb/full-scan\nscan();\n',
    });

    expect(await readSuppressions(root, ['src/a.ts'])).toEqual([
      {
        ruleId: 'dynamodb/full-scan',
        location: { file: 'src/a.ts', line: 1, column: 4 },
        appliesToLine: 2,
      },
    ]);
  });

  it('reads several rule ids, by comma or space, each with the reason', async () => {
    const root = writeApp({
      'src/a.ts':
        '// infrawise-ignore-next-line dynamodb/full-scan, dynamodb/unhandled-pagination iam/x -- ok\nscan();\n',
    });

    const suppressions = await readSuppressions(root, ['src/a.ts']);

    expect(suppressions.map(({ ruleId, reason }) => [ruleId, reason])).toEqual([
      ['dynamodb/full-scan', 'ok'],
      ['dynamodb/unhandled-pagination', 'ok'],
      ['iam/x', 'ok'],
    ]);
  });

  it('applies stacked comments to the first line after them', async () => {
    const root = writeApp({
      'src/a.ts':
        '// infrawise-ignore-next-line dynamodb/full-scan -- a\n// infrawise-ignore-next-line iam/missing-permission -- b\nscan();\n',
    });

    const suppressions = await readSuppressions(root, ['src/a.ts']);

    expect(
      suppressions.map(({ location, appliesToLine }) => [location.line, appliesToLine]),
    ).toEqual([
      [1, 3],
      [2, 3],
    ]);
  });
});
