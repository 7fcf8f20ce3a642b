import { describe, expect, it } from 'vitest';
import { analyzeApp } from '../helpers/app.js';
import { scanningApp, suppressionFindings } from '../suppressions/fixture.js';

describe('applySuppressions', () => {
  it('drops the finding on the next line when the comment names its rule and a reason', async () => {
    const analysis = await analyzeApp(
      scanningApp('// infrawise-ignore-next-line dynamodb/full-scan -- at most 20 items'),
    );

    expect(suppressionFindings(analysis.findings).map(finding => finding.ruleId)).toEqual([]);
  });

  it('keeps findings of other rules on that line', async () => {
    const analysis = await analyzeApp(
      scanningApp('// infrawise-ignore-next-line dynamodb/unknown-table -- external'),
    );

    expect(suppressionFindings(analysis.findings).map(finding => finding.ruleId)).toEqual([
      'dynamodb/full-scan',
      'infrawise/unused-suppression',
    ]);
  });

  it('suppresses a template finding with the YAML # form', async () => {
    const analysis = await analyzeApp(
      scanningApp(
        '',
        '  # infrawise-ignore-next-line dynamodb/unknown-table -- not a finding here',
      ),
    );

    expect(
      suppressionFindings(analysis.findings).find(
        finding => finding.ruleId === 'infrawise/unused-suppression',
      )?.location,
    ).toEqual({
      file: 'template.yaml',
      line: 3,
      column: 5,
    });
  });
});
