import { describe, expect, it } from 'vitest';
import { analyzeApp } from '../../helpers/app.js';
import { scanningApp, suppressionFindings } from '../../suppressions/fixture.js';

describe('infrawise/suppression-without-reason', () => {
  it('reports a suppression with no reason and leaves the finding in place', async () => {
    const analysis = await analyzeApp(
      scanningApp('// infrawise-ignore-next-line dynamodb/full-scan'),
    );
    const ruleIds = suppressionFindings(analysis.findings).map(finding => finding.ruleId);

    expect(ruleIds).toEqual(['dynamodb/full-scan', 'infrawise/suppression-without-reason']);
    expect(suppressionFindings(analysis.findings)[1]).toMatchObject({
      severity: 'low',
      location: { file: 'src/list.ts', line: 4 },
      message: 'Suppression of "dynamodb/full-scan" gives no reason, so it suppresses nothing.',
    });
  });

  it('stays silent when the suppression gives a reason', async () => {
    const analysis = await analyzeApp(
      scanningApp('// infrawise-ignore-next-line dynamodb/full-scan -- tiny table'),
    );

    expect(suppressionFindings(analysis.findings)).toEqual([]);
  });

  it('takes a one-word reason as a reason (limitation)', async () => {
    const analysis = await analyzeApp(
      scanningApp('// infrawise-ignore-next-line dynamodb/full-scan -- ok'),
    );

    expect(suppressionFindings(analysis.findings)).toEqual([]);
  });
});
