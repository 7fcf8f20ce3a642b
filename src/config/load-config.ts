import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { core } from 'zod';
import { UserError, messageOf } from '../errors.js';
import type { RuleOverride } from '../rules/run-rules.js';
import type { RuleSettings } from '../rules/rule.js';
import { EXAMPLES, KNOWN_KEYS, configSchema } from './schema.js';
import { substituteVariables } from './substitute-variables.js';

export interface Config {
  /** The file the settings came from, relative to the working directory; absent for defaults. */
  path?: string;
  exclude: string[];
  settings: RuleSettings;
  overrides: Record<string, RuleOverride>;
}

const CONFIG_NAMES = ['infrawise.yaml', 'infrawise.yml'];

export const DEFAULT_SETTINGS: RuleSettings = {
  hotPartitionThreshold: 5,
  hotPartitionThresholds: {},
};

/**
 * Loads `--config FILE`, else `infrawise.yaml` in the scanned root, else defaults. Every problem
 * in the file is listed at once, each with its key, in one UserError.
 */
export function loadConfig(
  root: string,
  explicitPath: string | undefined,
  ruleIds: string[],
): Config {
  const path = explicitPath ?? CONFIG_NAMES.map(name => join(root, name)).find(existsSync);
  if (!path) {
    return { exclude: [], settings: DEFAULT_SETTINGS, overrides: {} };
  }

  const shown = relative(process.cwd(), path) || path;
  const raw = readConfigText(path, shown);
  const parsed = parseYaml(raw, shown);
  const substituted = substituteVariables(parsed, process.env);
  const problems = [...substituted.problems, ...validate(substituted.value, ruleIds)];
  if (problems.length > 0) {
    throw new UserError(
      'config-invalid',
      problems.map(problem => `${shown}: ${problem}`).join('\n'),
    );
  }

  return toConfig(shown, substituted.value);
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
    const reason = error.message.split('\n')[0] ?? error.message;
    throw new UserError('config-syntax', `${shown}:${line}: ${reason}. Fix the YAML syntax.`);
  }

  return document.toJS() ?? {};
}

function validate(value: unknown, ruleIds: string[]): string[] {
  const result = configSchema.safeParse(value);
  const schemaProblems = result.success ? [] : result.error.issues.map(describeIssue);
  const rules = isRecord(value) && isRecord(value.rules) ? Object.keys(value.rules) : [];
  const unknownRules = rules
    .filter(id => !ruleIds.includes(id))
    .map(id => `"rules.${id}" is not a rule. Run "infrawise rules" for the list of rule ids.`);

  return [...schemaProblems, ...unknownRules];
}

function describeIssue(issue: core.$ZodIssue): string {
  const key = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    const known = KNOWN_KEYS[key] ?? [];
    return issue.keys
      .map(
        name =>
          `"${key ? `${key}.` : ''}${name}" is not a setting. Known settings here: ${known.join(', ')}.`,
      )
      .join('\n');
  }

  const example = EXAMPLES[key] ?? EXAMPLES[issue.path.slice(0, -1).map(String).join('.')];
  const hint = example ? ` Write it as: ${example}` : '';

  return `"${key}" is invalid: ${issue.message.replace(/^Invalid input: /, '')}.${hint}`;
}

function toConfig(path: string, value: unknown): Config {
  const config = configSchema.parse(value);

  return {
    path,
    exclude: config.exclude ?? [],
    settings: {
      hotPartitionThreshold:
        config.analysis?.hotPartitionThreshold ?? DEFAULT_SETTINGS.hotPartitionThreshold,
      hotPartitionThresholds: config.analysis?.hotPartitionThresholds ?? {},
    },
    overrides: config.rules ?? {},
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
