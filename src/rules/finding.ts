import type { Location, RelatedLocation } from '../location.js';

export type { RelatedLocation };

export type Severity = 'high' | 'medium' | 'low';

export const SEVERITIES: readonly Severity[] = ['high', 'medium', 'low'];

const SEVERITY_RANK: Record<Severity, number> = { high: 3, medium: 2, low: 1 };

export function isAtLeast(severity: Severity, threshold: Severity): boolean {
  return SEVERITY_RANK[severity] >= SEVERITY_RANK[threshold];
}

export function compareSeverity(a: Severity, b: Severity): number {
  return SEVERITY_RANK[b] - SEVERITY_RANK[a];
}

/** What a rule's `check` returns; the runner adds the rule id, severity and fingerprint. */
export interface RawFinding {
  message: string;
  location: Location;
  related: RelatedLocation[];
  recommendation: string;
  /** Overrides the rule's default severity when the rule grades its findings. */
  severity?: Severity;
  /** The resource and code path the finding is about; feeds the fingerprint, never line numbers. */
  subject: string;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  location: Location;
  related: RelatedLocation[];
  recommendation: string;
  fingerprint: string;
}
