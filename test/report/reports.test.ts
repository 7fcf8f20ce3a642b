import { describe, expect, it } from 'vitest';
import type { Analysis } from '../../src/analyze.js';
import { formatJsonReport } from '../../src/report/json-report.js';
import { formatSarifReport } from '../../src/report/sarif-report.js';
import { formatTextReport } from '../../src/report/text-report.js';
import { RULES } from '../../src/rules/registry.js';
import { analyzeApp } from '../helpers/app.js';
import { scanningApp } from '../suppressions/fixture.js';

// One finding and one unreadable template, so the printers have both to show.
async function analysisWithOneScan(): Promise<Analysis> {
  const analysis = await analyzeApp({
    ...scanningApp(''),
    'infra/broken.yaml': 'Resources:\n  Bad:\n    Type: AWS::SQS::Queue\n    Properties: [x\n',
  });
  const findings = analysis.findings.filter(finding => finding.ruleId === 'dynamodb/full-scan');

  return {
    ...analysis,
    findings,
    summary: { ...analysis.summary, findings: { high: 0, medium: 1, low: 0 } },
  };
}

describe('formatTextReport', () => {
  it('prints the finding under its severity, the sources not read, and the summary', async () => {
    const text = formatTextReport(await analysisWithOneScan(), { color: false });

    expect(text).toMatchInlineSnapshot(`
      "medium (1)

      src/list.ts:5:22  medium  Scan on table "orders" reads every item of the table from ListOrders.
        rule: dynamodb/full-scan
        from: src/list.ts:3:14 (entry point ListOrders)
        recommendation: Query a table or index keyed on the attribute you select by, or move the scan to a scheduled job that pages through the table.

      not read (1)
        infra/broken.yaml:5  line 5 is not valid YAML (Flow sequence in block collection must be sufficiently indented and end with a ]). Fix the syntax at that line.

      1 finding (0 high, 1 medium, 0 low) in 1 code file and 1 template; 1 source could not be read.
      "
    `);
  });
});

describe('formatJsonReport', () => {
  it('prints findings, sources and summary as one JSON document', async () => {
    const document = JSON.parse(formatJsonReport(await analysisWithOneScan())) as Record<
      string,
      unknown
    >;

    expect(Object.keys(document)).toEqual(['findings', 'sources', 'summary']);
    expect(document.findings).toEqual([
      expect.objectContaining({
        ruleId: 'dynamodb/full-scan',
        severity: 'medium',
        location: { file: 'src/list.ts', line: 5, column: 22 },
      }),
    ]);
  });
});

describe('formatSarifReport', () => {
  it('prints SARIF 2.1.0 with every rule, the result and a notification for the unread template', async () => {
    const sarif = JSON.parse(formatSarifReport(await analysisWithOneScan(), RULES, '0.1.0')) as {
      version: string;
      runs: Array<{
        tool: { driver: { rules: Array<{ id: string }> } };
        results: Array<Record<string, unknown>>;
        invocations: Array<{ toolExecutionNotifications: Array<{ message: { text: string } }> }>;
      }>;
    };
    const [run] = sarif.runs;

    expect(sarif.version).toBe('2.1.0');
    expect(run?.tool.driver.rules.map(rule => rule.id)).toEqual(RULES.map(rule => rule.id));
    expect(run?.results[0]).toMatchObject({
      ruleId: 'dynamodb/full-scan',
      level: 'warning',
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'src/list.ts' },
            region: { startLine: 5, startColumn: 22 },
          },
        },
      ],
    });
    expect(run?.invocations[0]?.toolExecutionNotifications[0]?.message.text).toMatch(
      /^Not read: infra\/broken\.yaml:5: line 5 is not valid YAML/,
    );
  });
});
