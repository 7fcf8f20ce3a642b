import type { Graph } from '../graph/graph.js';
import type { RawFinding, Severity } from './finding.js';

/** Settings a rule may read; the config loader fills them from infrawise.yaml. */
export interface RuleSettings {
  hotPartitionThreshold: number;
  /** Per-table thresholds, keyed by table name. */
  hotPartitionThresholds: Record<string, number>;
}

export interface RuleDocs {
  rationale: string;
  /** A short piece of code or template that the rule reports. */
  example: string;
  fix: string;
  limitations: string[];
}

export interface Rule {
  id: string;
  severity: Severity;
  /** One sentence in the present tense saying what gets reported. */
  description: string;
  docs: RuleDocs;
  check(graph: Graph, settings: RuleSettings): RawFinding[];
}
