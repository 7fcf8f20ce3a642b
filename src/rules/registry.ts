import { fullScan } from './dynamodb/full-scan.js';
import { hotPartition } from './dynamodb/hot-partition.js';
import { unknownTable } from './dynamodb/unknown-table.js';
import type { Rule } from './rule.js';

/** Every rule infrawise runs, in the order `infrawise rules` lists them. */
export const RULES: readonly Rule[] = [fullScan, hotPartition, unknownTable];

export function findRule(id: string): Rule | undefined {
  return RULES.find(rule => rule.id === id);
}
