import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { RULES } from '../../src/rules/registry.js';
import { writeApp } from '../helpers/app.js';

function problemsOf(config: string, environment: Record<string, string> = {}): string {
  const root = writeApp({ 'infrawise.yaml': config });
  const saved = { ...process.env };
  Object.assign(process.env, environment);
  try {
    loadConfig(root, undefined, RULES);
    return '';
  } catch (error) {
    return (error as Error).message;
  } finally {
    process.env = saved;
  }
}

describe('loadConfig', () => {
  it('returns the defaults when the root has no infrawise.yaml', () => {
    const config = loadConfig(writeApp({}), undefined, RULES);

    expect(config).toEqual({ exclude: [], overrides: {}, ruleOptions: {} });
  });

  it('reads thresholds, excludes and rule overrides', () => {
    const root = writeApp({
      'infrawise.yaml': `
exclude: ["scripts/**"]
analysis:
  hotPartitionThreshold: 3
  hotPartitionThresholds: { orders: 8 }
rules:
  dynamodb/full-scan: low
  dynamodb/hot-partition: off
`,
    });
    const config = loadConfig(root, undefined, RULES);

    expect(config.exclude).toEqual(['scripts/**']);
    expect(config.ruleOptions['dynamodb/hot-partition']).toEqual({
      threshold: 3,
      thresholds: { orders: 8 },
    });
    expect(config.overrides).toEqual({
      'dynamodb/full-scan': 'low',
      'dynamodb/hot-partition': 'off',
    });
  });

  it("reads the readers' time bound in seconds", () => {
    const root = writeApp({ 'infrawise.yaml': 'analysis:\n  readerTimeoutSeconds: 300\n' });

    expect(loadConfig(root, undefined, RULES).readerTimeoutMs).toBe(300_000);
    expect(problemsOf('analysis:\n  readerTimeoutSeconds: -1\n')).toContain(
      'analysis.readerTimeoutSeconds',
    );
  });

  it('names an unknown key and lists the known ones', () => {
    const message = problemsOf('analysis:\n  hotPartitionTreshold: 3\n');

    expect(message).toContain('"analysis.hotPartitionTreshold" is not a setting.');
    expect(message).toContain(
      'Known settings here: hotPartitionThreshold, hotPartitionThresholds, readerTimeoutSeconds.',
    );
  });

  it('lists every problem at once, each with its key', () => {
    const message = problemsOf(
      'exclude: dist/**\nanalysis: { hotPartitionThreshold: -1 }\nrules: { nope/rule: off }\n',
    );

    expect(message).toContain(
      '"exclude" must be a list, got the string "dist/**". Write it as: exclude: ["dist/**"]',
    );
    expect(message).toContain('"analysis.hotPartitionThreshold" is invalid');
    expect(message).toContain('"rules.nope/rule" is not a rule.');
  });

  it('reads rule options and lets them win over the old analysis keys', () => {
    const root = writeApp({
      'infrawise.yaml': `
analysis: { hotPartitionThreshold: 3 }
rules:
  dynamodb/hot-partition: { severity: high, threshold: 9 }
`,
    });
    const config = loadConfig(root, undefined, RULES);

    expect(config.ruleOptions['dynamodb/hot-partition']).toEqual({ threshold: 9 });
    expect(config.overrides).toEqual({ 'dynamodb/hot-partition': 'high' });
  });

  it('names a mistyped rule option with the rule it belongs to', () => {
    const message = problemsOf('rules:\n  dynamodb/hot-partition: { treshold: 9 }\n');

    expect(message).toContain('"rules.dynamodb/hot-partition.treshold" is not a setting.');
  });

  it('substitutes ${VAR} inside values', () => {
    const root = writeApp({
      'infrawise.yaml': 'analysis:\n  hotPartitionThreshold: ${HOT}\nexclude: ["${DIR}/**"]\n',
    });
    process.env.HOT = '7';
    process.env.DIR = 'legacy';
    try {
      const config = loadConfig(root, undefined, RULES);
      expect(config.ruleOptions['dynamodb/hot-partition']).toEqual({ threshold: 7 });
      expect(config.exclude).toEqual(['legacy/**']);
    } finally {
      delete process.env.HOT;
      delete process.env.DIR;
    }
  });

  it('reports an unset variable with the key that uses it', () => {
    const message = problemsOf('exclude: ["${INFRAWISE_UNSET_DIR}/**"]\n');

    expect(message).toContain('"exclude[0]" uses ${INFRAWISE_UNSET_DIR}, which is not set.');
  });

  it('reports a YAML syntax error with its line, once', () => {
    const message = problemsOf('a: 1\nb: [\nc: 2\n');

    expect(message).toMatch(
      /infrawise\.yaml:3: Flow sequence in block collection must be sufficiently indented and end with a \]\. Fix the YAML syntax at that line\.$/,
    );
    expect(message).not.toContain('column');
  });

  it('names a rule setting that is not a severity and lists the severities', () => {
    const message = problemsOf('rules: { dynamodb/full-scan: urgent }\n');

    expect(message).toMatch(
      /infrawise\.yaml: "rules\.dynamodb\/full-scan": "urgent" is not a severity; use high, medium, low or off, or a mapping of its options\.$/,
    );
    expect(message).not.toContain('Invalid input');
  });

  it('names a rule severity key that is not a severity', () => {
    const message = problemsOf('rules: { dynamodb/full-scan: { severity: urgent } }\n');

    expect(message).toMatch(
      /: "rules\.dynamodb\/full-scan\.severity": "urgent" is not a severity; use high, medium, low or off\.$/,
    );
  });

  it('says the top level must be a mapping when the file is a list or a string', () => {
    const list = problemsOf('- exclude\n- rules\n');
    const text = problemsOf('just a string\n');

    expect(list).toMatch(
      /infrawise\.yaml: the top level must be a mapping of settings such as "exclude:" and "rules:", got a list\. Write one "key: value" per line\.$/,
    );
    expect(text).toContain('got the string "just a string".');
    expect(list).not.toContain('""');
  });

  it('reports only the unset variable, not the value it leaves behind', () => {
    const message = problemsOf('rules: { dynamodb/full-scan: "${INFRAWISE_UNSET_LEVEL}" }\n');

    expect(message.split('\n')).toHaveLength(1);
    expect(message).toContain(
      '"rules.dynamodb/full-scan" uses ${INFRAWISE_UNSET_LEVEL}, which is not set.',
    );
  });
});
