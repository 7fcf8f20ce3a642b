import { z } from 'zod';
import { UserError } from '../../errors.js';
import type { Graph } from '../../graph/graph.js';
import { formatLocation } from '../../location.js';
import type { Finding } from '../../rules/finding.js';
import { RULES } from '../../rules/registry.js';
import { paginate } from '../paginate.js';
import { repositoryPath } from '../repository-path.js';
import { findingSchema, pageInput } from '../schemas.js';
import { defineTool } from '../tool.js';

export const listFindings = defineTool({
  name: 'list_findings',
  title: 'List findings',
  description:
    'Findings of every rule, filtered by severity, rule id, file (where the finding or its evidence sits) or resource (table, Lambda, queue or topic name), one page at a time.',
  inputSchema: {
    severity: z.enum(['high', 'medium', 'low']).optional(),
    rule: z.string().min(1).optional().describe('rule id, such as dynamodb/full-scan'),
    file: z.string().min(1).optional().describe('file relative to the repository root'),
    resource: z
      .string()
      .min(1)
      .optional()
      .describe('name or logical id of a table, Lambda, queue or topic'),
    ...pageInput,
  },
  outputSchema: {
    findings: z.array(findingSchema),
    total: z.number(),
    nextCursor: z.string().optional(),
  },
  run(input, snapshot) {
    const { graph, findings, root } = snapshot.analysis;
    if (input.rule && !RULES.some(rule => rule.id === input.rule)) {
      throw new UserError(
        'unknown-rule',
        `"${input.rule}" is not a rule. Known rules: ${RULES.map(rule => rule.id).join(', ')}.`,
      );
    }

    const file = input.file === undefined ? undefined : repositoryPath(root, input.file);
    const matchesResource = input.resource ? resourceMatcher(graph, input.resource) : () => true;
    const matching = findings.filter(
      finding =>
        (!input.severity || finding.severity === input.severity) &&
        (!input.rule || finding.ruleId === input.rule) &&
        (!file ||
          [finding.location, ...finding.related].some(location => location.file === file)) &&
        matchesResource(finding),
    );

    const page = paginate(matching, input.limit, input.cursor);
    const text = [
      `${page.items.length} of ${page.total} findings${page.nextCursor ? ' (more: pass nextCursor)' : ''}`,
      ...page.items.map(
        finding =>
          `  ${formatLocation(finding.location)}  ${finding.severity}  ${finding.message} (${finding.ruleId})`,
      ),
    ].join('\n');

    return {
      structured: { findings: page.items, total: page.total, nextCursor: page.nextCursor },
      text,
    };
  },
});

// A finding is about a resource when its message quotes the resource's name, or it is reported
// at the resource itself in the template.
function resourceMatcher(graph: Graph, name: string): (finding: Finding) => boolean {
  const resources = [...graph.tables, ...graph.lambdas, ...graph.queues, ...graph.topics].filter(
    resource => resource.logicalId === name || ('name' in resource && resource.name === name),
  );
  const names = new Set([
    name,
    ...resources.flatMap(resource => ('name' in resource ? [resource.name] : [])),
  ]);
  const places = new Set(
    resources.map(resource => `${resource.location.file}:${resource.location.line}`),
  );

  return finding =>
    [...names].some(quoted => finding.message.includes(`"${quoted}"`)) ||
    places.has(`${finding.location.file}:${finding.location.line}`);
}
