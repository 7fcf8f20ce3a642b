import { z } from 'zod';
import type { Graph } from '../graph/graph.js';
import type { RawFinding, Severity } from './finding.js';

export interface RuleOptionDoc {
  name: string;
  default: unknown;
  description: string;
}

export interface RuleDocs {
  rationale: string;
  /** A short piece of code or template that the rule reports. */
  example: string;
  fix: string;
  limitations: string[];
  /** What each option in `infrawise.yaml` `rules.<id>` does. */
  options?: RuleOptionDoc[];
}

interface RuleIdentity {
  id: string;
  severity: Severity;
  /** One sentence in the present tense saying what gets reported. */
  description: string;
  docs: RuleDocs;
}

/** A rule as the registry and runner see it: options arrive unchecked and are parsed inside. */
export interface Rule extends RuleIdentity {
  /** Validates and completes the options from `infrawise.yaml`; every field has a default. */
  options: z.ZodType;
  check(graph: Graph, options?: unknown): RawFinding[];
}

/** A rule as its module writes it, with typed options. */
export interface RuleDefinition<Options> extends RuleIdentity {
  options: z.ZodType<Options>;
  check(graph: Graph, options: Options): RawFinding[];
}

export const NO_OPTIONS = z.strictObject({});

export function defineRule<Options>(definition: RuleDefinition<Options>): Rule {
  return {
    ...definition,
    check: (graph, options) => definition.check(graph, definition.options.parse(options ?? {})),
  };
}
