import { z } from 'zod';
import { formatLocation } from '../../location.js';
import type { Finding } from '../../rules/finding.js';
import { analyzeChange } from '../analyze-change.js';
import { repositoryPath } from '../repository-path.js';
import { findingSchema } from '../schemas.js';
import { defineTool } from '../tool.js';

export const checkChange = defineTool({
  name: 'check_change',
  title: 'Check a proposed change',
  description:
    'For a file and its proposed new content (not saved): the findings that content would add and remove, compared with the current graph. When the content does not parse, nothing is compared (compared is false) and the parse error is given. Nothing is written to the repository.',
  inputSchema: {
    file: z.string().min(1).describe('file relative to the repository root; it may not exist yet'),
    content: z.string().describe('the whole proposed content of the file'),
  },
  outputSchema: {
    file: z.string(),
    fileStatus: z
      .object({
        status: z.enum(['ok', 'failed']),
        error: z.string().optional(),
        line: z.number().optional(),
      })
      .optional()
      .describe('whether the proposed content could be read'),
    compared: z
      .boolean()
      .describe(
        'false when the proposed content does not parse: added and removed are then empty, since the findings would differ only because the file could not be read',
      ),
    added: z.array(findingSchema),
    removed: z.array(findingSchema),
    unchanged: z.number(),
  },
  async run(input, snapshot, context) {
    const { root, findings: before } = snapshot.analysis;
    const file = repositoryPath(root, input.file);
    const after = await analyzeChange(
      root,
      context.loadConfig(),
      file,
      input.content,
      context.cache,
    );

    const source = after.sources.find(candidate => candidate.path === file);
    const fileStatus = source
      ? {
          status: source.status,
          ...(source.error ? { error: source.error } : {}),
          ...(source.line ? { line: source.line } : {}),
        }
      : undefined;
    // A file that fails to parse loses its operations or resources, so comparing would report
    // their findings as removed (and findings that need them as added) although nothing was fixed.
    if (fileStatus?.status === 'failed') {
      return {
        structured: { file, fileStatus, compared: false, added: [], removed: [], unchanged: 0 },
        text: renderUnparsed(file, fileStatus),
      };
    }

    const added = missingFrom(after.findings, before);
    const removed = missingFrom(before, after.findings);
    const unchanged = after.findings.length - added.length;

    return {
      structured: { file, fileStatus, compared: true, added, removed, unchanged },
      text: renderChange(file, added, removed),
    };
  },
});

// Fingerprints leave line numbers out, so a finding that only moved is neither added nor removed.
function missingFrom(findings: Finding[], others: Finding[]): Finding[] {
  const known = new Set(others.map(finding => finding.fingerprint));

  return findings.filter(finding => !known.has(finding.fingerprint));
}

function renderUnparsed(file: string, fileStatus: { error?: string; line?: number }): string {
  const where = fileStatus.line === undefined ? file : `${file}:${fileStatus.line}`;

  return `${where}: the proposed content does not parse (${fileStatus.error ?? 'no detail given'}), so no findings were compared for it. Fix the syntax and check the change again.`;
}

function renderChange(file: string, added: Finding[], removed: Finding[]): string {
  const line = (sign: string) => (finding: Finding) =>
    `  ${sign} ${formatLocation(finding.location)}  ${finding.severity}  ${finding.message} (${finding.ruleId})`;

  return [
    `${file}: ${added.length} findings added, ${removed.length} removed`,
    ...added.map(line('+')),
    ...removed.map(line('-')),
  ].join('\n');
}
