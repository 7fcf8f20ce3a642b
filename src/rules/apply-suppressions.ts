import type { Suppression } from '../suppressions/read-suppressions.js';
import type { Finding } from './finding.js';
import { suppressionWithoutReason } from './infrawise/suppression-without-reason.js';
import { unusedSuppression } from './infrawise/unused-suppression.js';
import { findRule } from './registry.js';
import type { Rule } from './rule.js';
import { compareFindings, fingerprintOf } from './run-rules.js';

/**
 * Drops each finding that a comment on the line above suppresses, and reports the suppressions
 * that carry no reason or suppress nothing.
 */
export function applySuppressions(findings: Finding[], suppressions: Suppression[]): Finding[] {
  const used = new Set<Suppression>();
  const byLine = new Map(suppressions.map(suppression => [keyOf(suppression), suppression]));
  const kept = findings.filter(finding => {
    const suppression = byLine.get(
      `${finding.location.file}:${finding.location.line}:${finding.ruleId}`,
    );
    if (suppression?.reason) {
      used.add(suppression);
      return false;
    }
    return true;
  });

  const meta = suppressions.flatMap(suppression => {
    if (!suppression.reason) {
      return [
        metaFinding(
          suppressionWithoutReason,
          suppression,
          `Suppression of "${suppression.ruleId}" gives no reason, so it suppresses nothing.`,
        ),
      ];
    }
    return used.has(suppression)
      ? []
      : [metaFinding(unusedSuppression, suppression, unusedMessageOf(suppression.ruleId))];
  });

  return [...kept, ...meta].sort(compareFindings);
}

function keyOf(suppression: Suppression): string {
  return `${suppression.location.file}:${suppression.appliesToLine}:${suppression.ruleId}`;
}

function unusedMessageOf(ruleId: string): string {
  return findRule(ruleId)
    ? `Suppression of "${ruleId}" matches no finding on the next line.`
    : `Suppression of "${ruleId}" names no rule, so it suppresses nothing; run "infrawise rules" for the list of rule ids.`;
}
function metaFinding(rule: Rule, suppression: Suppression, message: string): Finding {
  const { file } = suppression.location;

  return {
    ruleId: rule.id,
    severity: rule.severity,
    message,
    location: suppression.location,
    related: [],
    recommendation: rule.docs.fix,
    fingerprint: fingerprintOf(
      rule.id,
      `${file}|${suppression.ruleId}|${suppression.reason ?? ''}`,
    ),
  };
}
