import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/rules/registry.js';

describe('rule registry', () => {
  it.each(RULES.map(rule => [rule.id, rule] as const))(
    '%s has a module, a test and one-sentence docs',
    (id, rule) => {
      expect(existsSync(`src/rules/${id}.ts`)).toBe(true);
      expect(existsSync(`test/rules/${id}.test.ts`)).toBe(true);
      expect(rule.description).toMatch(/^Reports [^.]*(\.[^ ][^.]*)*\.$/);
      expect(rule.docs.rationale.length).toBeGreaterThan(20);
      expect(rule.docs.limitations.length).toBeGreaterThan(0);
      expect(['high', 'medium', 'low']).toContain(rule.severity);
    },
  );

  it('has no two rules with the same id', () => {
    const ids = RULES.map(rule => rule.id);

    expect(new Set(ids).size).toBe(ids.length);
  });
});
