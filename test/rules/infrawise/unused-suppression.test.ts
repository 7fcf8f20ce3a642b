import { describe, expect, it } from 'vitest';
import { analyzeApp } from '../../helpers/app.js';
import { scanningApp, suppressionFindings } from '../../suppressions/fixture.js';

describe('infrawise/unused-suppression', () => {
  it('reports a suppression that matches no finding on the next line', async () => {
    const analysis = await analyzeApp(
      scanningApp('// infrawise-ignore-next-line dynamodb/hot-partition -- old'),
    );
    const unused = suppressionFindings(analysis.findings).find(
      finding => finding.ruleId === 'infrawise/unused-suppression',
    );

    expect(unused).toMatchObject({
      location: { file: 'src/list.ts', line: 4 },
      message: 'Suppression of "dynamodb/hot-partition" matches no finding on the next line.',
    });
  });

  it('stays silent when the suppression is used', async () => {
    const analysis = await analyzeApp(
      scanningApp('// infrawise-ignore-next-line dynamodb/full-scan -- tiny table'),
    );

    expect(suppressionFindings(analysis.findings)).toEqual([]);
  });

  it('does not check comments in files the scanner skipped (limitation)', async () => {
    const files = {
      ...scanningApp('// infrawise-ignore-next-line dynamodb/full-scan -- tiny table'),
      'docs/notes.ts':
        '// infrawise-ignore-next-line dynamodb/full-scan -- stale\nexport const x = 1;\n',
    };
    const analysis = await analyzeApp(files);

    expect(suppressionFindings(analysis.findings)).toEqual([]);
  });
});
