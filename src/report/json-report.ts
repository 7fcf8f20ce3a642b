import type { Analysis } from '../analyze.js';

/** One JSON document: findings, the status of every source, and the summary. */
export function formatJsonReport(analysis: Analysis): string {
  const document = {
    findings: analysis.findings,
    sources: analysis.sources,
    summary: analysis.summary,
  };

  return `${JSON.stringify(document, null, 2)}\n`;
}
