import type { Analysis } from '../analyze.js';
import type { Location, RelatedLocation } from '../location.js';
import type { Finding, Severity } from '../rules/finding.js';
import type { Rule } from '../rules/rule.js';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

// Code scanning shows `error` as high, `warning` as medium and `note` as low.
const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  high: 'error',
  medium: 'warning',
  low: 'note',
};

/** SARIF 2.1.0 for code scanning: one run, every rule described, one result per finding. */
export function formatSarifReport(
  analysis: Analysis,
  rules: readonly Rule[],
  version: string,
): string {
  const document = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'infrawise', version, rules: rules.map(describeRule) } },
        results: analysis.findings.map(toResult),
        invocations: [
          { executionSuccessful: true, toolExecutionNotifications: notificationsFor(analysis) },
        ],
      },
    ],
  };

  return `${JSON.stringify(document, null, 2)}\n`;
}

function describeRule(rule: Rule) {
  return {
    id: rule.id,
    shortDescription: { text: rule.description },
    fullDescription: { text: rule.docs.rationale },
    help: { text: rule.docs.fix },
    defaultConfiguration: { level: LEVEL[rule.severity] },
  };
}

function toResult(finding: Finding) {
  return {
    ruleId: finding.ruleId,
    level: LEVEL[finding.severity],
    message: { text: `${finding.message} ${finding.recommendation}` },
    locations: [physical(finding.location)],
    relatedLocations: finding.related.map((location, index) => related(location, index)),
    partialFingerprints: { 'infrawise/v1': finding.fingerprint },
  };
}

function physical(location: Location) {
  return {
    physicalLocation: {
      artifactLocation: { uri: location.file },
      region: { startLine: location.line, startColumn: location.column },
    },
  };
}

function related(location: RelatedLocation, index: number) {
  return { id: index + 1, ...physical(location), message: { text: location.label } };
}

// A source that could not be read is a notification, so code scanning never shows a clean
// result without saying what was missing.
function notificationsFor(analysis: Analysis) {
  return analysis.sources
    .filter(source => source.status === 'failed')
    .map(source => ({
      level: 'warning',
      message: {
        text: `Not read: ${source.path}${source.line ? `:${source.line}` : ''}: ${source.error ?? 'could not be read'}`,
      },
      locations: [physical({ file: source.path, line: source.line ?? 1, column: 1 })],
    }));
}
