import pc from 'picocolors';
import type { Analysis } from '../analyze.js';
import { formatLocation } from '../location.js';
import { plural } from '../plural.js';
import { printable } from '../printable.js';
import type { Finding, Severity } from '../rules/finding.js';
import { SEVERITIES } from '../rules/finding.js';
import type { SourceStatus } from '../source-status.js';

export interface TextOptions {
  color: boolean;
}

type Colors = ReturnType<typeof pc.createColors>;

/**
 * The human report: findings grouped by severity, failed sources, and a summary line. File names
 * and messages are printed with their control characters escaped, before any colour is added.
 */
export function formatTextReport(analysis: Analysis, options: TextOptions): string {
  const colors = pc.createColors(options.color);
  const groups = SEVERITIES.map(severity => formatGroup(severity, analysis.findings, colors));
  const failed = formatFailedSources(analysis.sources, colors);
  const sections = [...groups, failed].filter(section => section !== '');

  return [...sections, summaryLine(analysis)].join('\n\n') + '\n';
}

function formatGroup(severity: Severity, findings: Finding[], colors: Colors): string {
  const inGroup = findings.filter(finding => finding.severity === severity);
  if (inGroup.length === 0) {
    return '';
  }

  const heading = colors.bold(`${severity} (${inGroup.length})`);

  return [heading, ...inGroup.map(finding => formatFinding(finding, colors))].join('\n\n');
}

const SEVERITY_COLOR: Record<Severity, keyof Colors> = {
  high: 'red',
  medium: 'yellow',
  low: 'cyan',
};

export function formatFinding(finding: Finding, colors: Colors): string {
  const paint = colors[SEVERITY_COLOR[finding.severity]] as (text: string) => string;
  const head = `${printable(formatLocation(finding.location))}  ${paint(finding.severity)}  ${printable(finding.message)}`;
  const related = finding.related.map(
    location => `  from: ${printable(`${formatLocation(location)} (${location.label})`)}`,
  );

  return [
    head,
    colors.dim(`  rule: ${finding.ruleId}`),
    ...related,
    `  recommendation: ${printable(finding.recommendation)}`,
  ].join('\n');
}

function formatFailedSources(sources: SourceStatus[], colors: Colors): string {
  const failed = sources.filter(source => source.status === 'failed');
  if (failed.length === 0) {
    return '';
  }

  const lines = failed.map(source => {
    const where = source.line === undefined ? source.path : `${source.path}:${source.line}`;
    return `  ${printable(where)}  ${printable(source.error ?? 'could not be read')}`;
  });

  return [colors.bold(`not read (${failed.length})`), ...lines].join('\n');
}

export function summaryLine(analysis: Analysis): string {
  const { summary } = analysis;
  const counts = `${summary.findings.high} high, ${summary.findings.medium} medium, ${summary.findings.low} low`;
  const total = summary.findings.high + summary.findings.medium + summary.findings.low;
  const read = `${plural(summary.filesScanned, 'code file')} and ${plural(summary.templatesRead, 'template')}`;
  const failed =
    summary.sourcesFailed > 0
      ? `; ${plural(summary.sourcesFailed, 'source')} could not be read`
      : '';

  return `${plural(total, 'finding')} (${counts}) in ${read}${failed}.`;
}
