import { describe, expect, it } from 'vitest';
import { analyzeApp, configWith } from '../helpers/app.js';
import { scanningApp } from '../suppressions/fixture.js';

describe('runRules', () => {
  it('keeps a finding fingerprint when unrelated lines move', async () => {
    const before = await analyzeApp(scanningApp(''));
    const files = scanningApp('');
    const moved = await analyzeApp({
      ...files,
      'src/list.ts': `// header\n\n\n${files['src/list.ts'] ?? ''}`,
    });
    const scanOf = (findings: typeof before.findings) =>
      findings.find(finding => finding.ruleId === 'dynamodb/full-scan');

    expect(scanOf(moved.findings)?.location.line).toBe(
      (scanOf(before.findings)?.location.line ?? 0) + 3,
    );
    expect(scanOf(moved.findings)?.fingerprint).toBe(scanOf(before.findings)?.fingerprint);
  });

  it('turns a rule off and changes the severity of another from infrawise.yaml', async () => {
    const config = configWith();
    config.overrides = { 'dynamodb/full-scan': 'low', 'dynamodb/no-point-in-time-recovery': 'off' };
    const analysis = await analyzeApp(scanningApp(''), config);

    expect(analysis.findings.map(finding => [finding.ruleId, finding.severity])).toContainEqual([
      'dynamodb/full-scan',
      'low',
    ]);
    expect(analysis.findings.map(finding => finding.ruleId)).not.toContain(
      'dynamodb/no-point-in-time-recovery',
    );
  });
});
