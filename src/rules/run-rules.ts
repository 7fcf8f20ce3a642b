import { createHash } from 'node:crypto';
import type { Graph } from '../graph/graph.js';
import { compareLocations } from '../location.js';
import type { Finding, RawFinding, Severity } from './finding.js';
import { compareSeverity } from './finding.js';
import type { Rule } from './rule.js';

/** `off`, or the severity a rule's findings take instead of the rule's default. */
export type RuleOverride = 'off' | Severity;

export interface RunOptions {
  overrides: Record<string, RuleOverride>;
  /** Each rule's options from `infrawise.yaml`, before defaults are applied. */
  ruleOptions: Record<string, Record<string, unknown>>;
}

/** Runs each enabled rule over the graph and returns its findings, sorted and fingerprinted. */
export function runRules(rules: readonly Rule[], graph: Graph, options: RunOptions): Finding[] {
  const findings = rules.flatMap(rule => {
    const override = options.overrides[rule.id];
    if (override === 'off') {
      return [];
    }

    return rule
      .check(graph, options.ruleOptions[rule.id] ?? {})
      .map(raw => complete(rule, raw, override));
  });

  return dropDuplicates(findings).sort(compareFindings);
}

function complete(rule: Rule, raw: RawFinding, override: Severity | undefined): Finding {
  return {
    ruleId: rule.id,
    severity: override ?? raw.severity ?? rule.severity,
    message: raw.message,
    location: raw.location,
    related: raw.related,
    recommendation: raw.recommendation,
    fingerprint: fingerprintOf(rule.id, raw.subject),
  };
}

// The subject names the resource and code path, never a line, so the fingerprint survives
// edits that only move code.
export function fingerprintOf(ruleId: string, subject: string): string {
  return createHash('sha256').update(`${ruleId}\n${subject}`).digest('hex').slice(0, 16);
}

function dropDuplicates(findings: Finding[]): Finding[] {
  const seen = new Set<string>();

  return findings.filter(finding => {
    const key = `${finding.fingerprint}|${finding.location.file}:${finding.location.line}`;
    if (seen.has(key)) {
      return false;
    }
    seen.add(key);
    return true;
  });
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    compareSeverity(a.severity, b.severity) ||
    compareLocations(a.location, b.location) ||
    a.ruleId.localeCompare(b.ruleId)
  );
}
