import { z } from 'zod';
import type { Analysis } from '../../analyze.js';
import { formatLocation } from '../../location.js';
import { plural } from '../../plural.js';
import { findingSchema } from '../schemas.js';
import { defineTool } from '../tool.js';

const counts = z.object({
  tables: z.number(),
  indexes: z.number(),
  lambdas: z.number(),
  queues: z.number(),
  topics: z.number(),
  streams: z.number(),
  entryPoints: z.number(),
  operations: z.number(),
});

// The counts' keys are JSON names; the text says them as words, singular for one.
const COUNT_NOUNS: Record<keyof z.infer<typeof counts>, [string, string]> = {
  tables: ['table', 'tables'],
  indexes: ['index', 'indexes'],
  lambdas: ['Lambda', 'Lambdas'],
  queues: ['queue', 'queues'],
  topics: ['topic', 'topics'],
  streams: ['stream', 'streams'],
  entryPoints: ['entry point', 'entry points'],
  operations: ['operation', 'operations'],
};

export const getInfraOverview = defineTool({
  name: 'get_infra_overview',
  title: 'Infrastructure overview',
  description:
    'Counts of tables, indexes, Lambdas, queues, topics and streams, the high-severity findings, and the status of every source. Call this first.',
  inputSchema: {},
  outputSchema: {
    counts,
    findings: z.object({ high: z.number(), medium: z.number(), low: z.number() }),
    highFindings: z.array(findingSchema),
  },
  run(_input, snapshot) {
    const { analysis } = snapshot;
    const structured = {
      counts: countsOf(analysis),
      findings: analysis.summary.findings,
      highFindings: analysis.findings.filter(finding => finding.severity === 'high'),
    };
    const shown = Object.entries(structured.counts).map(([name, count]) =>
      plural(count, ...COUNT_NOUNS[name as keyof typeof COUNT_NOUNS]),
    );
    const high = structured.highFindings.map(
      finding => `  ${formatLocation(finding.location)}  ${finding.message} (${finding.ruleId})`,
    );
    const { high: highCount, medium, low } = structured.findings;
    const text = [
      shown.join(', '),
      `findings: ${highCount} high, ${medium} medium, ${low} low`,
      ...high,
    ].join('\n');

    return { structured, text };
  },
});

function countsOf(analysis: Analysis): z.infer<typeof counts> {
  const { graph } = analysis;

  return {
    tables: graph.tables.length,
    indexes: graph.tables.reduce((total, table) => total + table.indexes.length, 0),
    lambdas: graph.lambdas.length,
    queues: graph.queues.length,
    topics: graph.topics.length,
    streams: graph.tables.filter(table => table.stream).length,
    entryPoints: graph.entryPoints.length,
    operations: graph.operations.length,
  };
}
