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

  it('suppresses two rules on one line with one comment', async () => {
    const unsuppressed = await analyzeApp(scanningApp(''));
    expect(unsuppressed.findings.map(finding => finding.ruleId)).toEqual(
      expect.arrayContaining(['dynamodb/full-scan', 'dynamodb/unhandled-pagination']),
    );
    const analysis = await analyzeApp(
      scanningApp(
        '// infrawise-ignore-next-line dynamodb/full-scan, dynamodb/unhandled-pagination -- admin export',
      ),
    );
    const onScan = analysis.findings.filter(finding => finding.location.file === 'src/list.ts');

    expect(onScan.map(finding => finding.ruleId)).not.toContain('dynamodb/full-scan');
    expect(onScan.map(finding => finding.ruleId)).not.toContain('dynamodb/unhandled-pagination');
    expect(onScan.map(finding => finding.ruleId)).not.toContain('infrawise/unused-suppression');
  });

  it('suppresses with stacked comments', async () => {
    const analysis = await analyzeApp(
      scanningApp(
        '// infrawise-ignore-next-line dynamodb/full-scan -- admin export\n  // infrawise-ignore-next-line dynamodb/unhandled-pagination -- small table',
      ),
    );
    const ruleIds = analysis.findings
      .filter(finding => finding.location.file === 'src/list.ts')
      .map(finding => finding.ruleId);

    expect(ruleIds).not.toContain('dynamodb/full-scan');
    expect(ruleIds).not.toContain('infrawise/unused-suppression');
  });

  it('says when a suppression names no rule', async () => {
    const analysis = await analyzeApp(
      scanningApp('// infrawise-ignore-next-line dynamodb/full-scna -- typo'),
    );
    const unused = analysis.findings.find(
      finding => finding.ruleId === 'infrawise/unused-suppression',
    );

    expect(unused?.message).toBe(
      'Suppression of "dynamodb/full-scna" names no rule, so it suppresses nothing; run "infrawise rules" for the list of rule ids.',
    );
    expect(unused?.location).toEqual({ file: 'src/list.ts', line: 4, column: 6 });
  });
});
