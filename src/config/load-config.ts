import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { core } from 'zod';
import { UserError, messageOf } from '../errors.js';
import type { Rule } from '../rules/rule.js';
import type { RuleOverride } from '../rules/run-rules.js';
import type { ConfigFile } from './schema.js';
import { EXAMPLES, KNOWN_KEYS, configSchema } from './schema.js';
import { substituteVariables } from './substitute-variables.js';

export interface Config {
  /** The file the settings came from, relative to the working directory; absent for defaults. */
  path?: string;
  exclude: string[];
  overrides: Record<string, RuleOverride>;
  /** Each rule's options as written; the rule fills in its defaults. */
  ruleOptions: Record<string, Record<string, unknown>>;
  /** How long each infrastructure reader may run; absent for the readers' default. */
  readerTimeoutMs?: number;
}

const CONFIG_NAMES = ['infrawise.yaml', 'infrawise.yml'];

const HOT_PARTITION = 'dynamodb/hot-partition';

const RULE_SETTINGS: unknown[] = ['off', 'high', 'medium', 'low'];

export const DEFAULT_CONFIG: Config = { exclude: [], overrides: {}, ruleOptions: {} };

/**
 * Loads `--config FILE`, else `infrawise.yaml` in the scanned root, else defaults. Every problem
 * in the file is listed at once, each with its key, in one UserError.
 */
export function loadConfig(
  root: string,
  explicitPath: string | undefined,
  rules: readonly Rule[],
): Config {
  const path = explicitPath ?? CONFIG_NAMES.map(name => join(root, name)).find(existsSync);
  if (!path) {
    return DEFAULT_CONFIG;
  }

  const shown = relative(process.cwd(), path) || path;
  const parsed = parseYaml(readConfigText(path, shown), shown);
  const substituted = substituteVariables(parsed, process.env);
  const problems = [...substituted.problems, ...validate(substituted.value, rules)];
  if (problems.length > 0) {
    throw new UserError(
      'config-invalid',
      problems.map(problem => `${shown}: ${problem}`).join('\n'),
    );
  }

  return toConfig(shown, configSchema.parse(substituted.value));
}

function readConfigText(path: string, shown: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new UserError(
      'config-unreadable',
      `Cannot read config "${shown}": ${messageOf(error)}. Check the path given to --config.`,
    );
  }
}

function parseYaml(text: string, shown: string): unknown {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: true });
  const [error] = document.errors;
  if (error) {
    const line = lineCounter.linePos(error.pos[0]).line;
    // The parser's message ends with its own `at line 3, column 1:`; the line is given up front.
    const reason = (error.message.split('\n')[0] ?? error.message)
      .replace(/\s*at line \d+, column \d+:?\s*$/, '')
      .replace(/[.:]$/, '');
    throw new UserError(
      'config-syntax',
      `${shown}:${line}: ${reason}. Fix the YAML syntax at that line.`,
    );
  }

  return document.toJS() ?? {};
}

function validate(value: unknown, rules: readonly Rule[]): string[] {
  if (!isRecord(value)) {
    return [
      `the top level must be a mapping of settings such as "exclude:" and "rules:", got ${kindOf(value)}. Write one "key: value" per line.`,
    ];
  }

  const result = configSchema.safeParse(value);
  // A rule's setting is checked against the rule itself below, with a message naming the rule.
  const issues = result.success
    ? []
    : result.error.issues.filter(issue => !(issue.path[0] === 'rules' && issue.path.length === 2));
  const schemaProblems = issues.map(issue => describeIssue(issue, [], value));
  const ruleSettings = isRecord(value) && isRecord(value.rules) ? Object.entries(value.rules) : [];
  const ruleProblems = ruleSettings.flatMap(([id, setting]) => validateRule(id, setting, rules));

  return [...schemaProblems, ...ruleProblems];
}

function validateRule(id: string, setting: unknown, rules: readonly Rule[]): string[] {
  const rule = rules.find(candidate => candidate.id === id);
  if (!rule) {
    return [`"rules.${id}" is not a rule. Run "infrawise rules" for the list of rule ids.`];
  }
  if (!isRecord(setting)) {
    return RULE_SETTINGS.includes(setting)
      ? []
      : [`${severityProblem(`rules.${id}`, setting)}, or a mapping of its options.`];
  }

  const { severity, ...options } = setting;
  const severityProblems =
    severity === undefined || RULE_SETTINGS.includes(severity)
      ? []
      : [`${severityProblem(`rules.${id}.severity`, severity)}.`];
  const result = rule.options.safeParse(options);
  const optionProblems = result.success
    ? []
    : result.error.issues.map(issue => describeIssue(issue, ['rules', id], options));

  return [...severityProblems, ...optionProblems];
}

function severityProblem(key: string, value: unknown): string {
  const what =
    typeof value === 'string'
      ? `"${value}" is not a severity`
      : `${kindOf(value)} is not a severity`;

  return `"${key}": ${what}; use high, medium, low or off`;
}

function kindOf(value: unknown): string {
  if (Array.isArray(value)) {
    return 'a list';
  }
  if (value === null || value === undefined) {
    return 'nothing';
  }

  return typeof value === 'string'
    ? `the string ${JSON.stringify(value)}`
    : `${JSON.stringify(value)}`;
}

// `exclude: "dist/**"` is one glob where a list is wanted: the fix is the user's own value, listed.
function listHint(issue: core.$ZodIssue, value: unknown, name: string): string | undefined {
  if (issue.code !== 'invalid_type' || issue.expected !== 'array' || typeof value !== 'string') {
    return undefined;
  }

  return `must be a list, got the string ${JSON.stringify(value)}. Write it as: ${name}: [${JSON.stringify(value)}]`;
}

function describeIssue(issue: core.$ZodIssue, prefix: string[], input: unknown): string {
  const path = [...prefix, ...issue.path.map(String)];
  const key = path.join('.');
  const list = listHint(issue, valueAt(input, issue.path), path[path.length - 1] ?? key);
  if (list) {
    return `"${key}" ${list}`;
  }
  if (issue.code === 'unrecognized_keys') {
    const known = KNOWN_KEYS[key];
    const knownNote = known
      ? ` Known settings here: ${known.join(', ')}.`
      : ' Run "infrawise explain RULE" for its options.';
    return issue.keys
      .map(name => `"${key ? `${key}.` : ''}${name}" is not a setting.${knownNote}`)
      .join('\n');
  }

  const example = EXAMPLES[key] ?? EXAMPLES[path.slice(0, -1).join('.')];
  const hint = example ? ` Write it as: ${example}` : '';

  return `"${key}" is invalid: ${issue.message.replace(/^Invalid input: /, '')}.${hint}`;
}

function toConfig(path: string, config: ConfigFile): Config {
  const overrides: Record<string, RuleOverride> = {};
  const ruleOptions: Record<string, Record<string, unknown>> = {};
  for (const [id, setting] of Object.entries(config.rules ?? {})) {
    if (typeof setting === 'string') {
      overrides[id] = setting;
      continue;
    }
    const { severity, ...options } = setting;
    if (severity !== undefined) {
      overrides[id] = severity as RuleOverride;
    }
    ruleOptions[id] = options;
  }

  ruleOptions[HOT_PARTITION] = { ...legacyHotPartition(config), ...ruleOptions[HOT_PARTITION] };

  const seconds = config.analysis?.readerTimeoutSeconds;
  const timeout = seconds === undefined ? {} : { readerTimeoutMs: seconds * 1000 };

  return { path, exclude: config.exclude ?? [], overrides, ruleOptions, ...timeout };
}

// `analysis.hotPartitionThreshold(s)` came before rule options; the old keys keep working and a
// value under `rules` wins.
function legacyHotPartition(config: ConfigFile): Record<string, unknown> {
  const legacy: Record<string, unknown> = {};
  if (config.analysis?.hotPartitionThreshold !== undefined) {
    legacy.threshold = config.analysis.hotPartitionThreshold;
  }
  if (config.analysis?.hotPartitionThresholds !== undefined) {
    legacy.thresholds = config.analysis.hotPartitionThresholds;
  }

  return legacy;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>(
    (node, segment) =>
      isRecord(node) || Array.isArray(node)
        ? (node as Record<PropertyKey, unknown>)[segment]
        : undefined,
    input,
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
