import type { TableResource } from '../../iac/resources.js';
import type { EntryPoint, TableAccess } from '../../graph/graph.js';
import { entryLabels, labelOf } from '../../graph/code-paths.js';
import type { RawFinding } from '../finding.js';
import { z } from 'zod';
import { defineRule } from '../rule.js';

const recommendation =
  'Check that these code paths spread their keys across partitions (a high-cardinality partition key, write sharding), or move some of them behind a queue or a cache.';

const options = z.strictObject({
  threshold: z.number().int().positive().default(5),
  thresholds: z.record(z.string(), z.number().int().positive()).default({}),
});

type Options = z.output<typeof options>;

export const hotPartition = defineRule({
  id: 'dynamodb/hot-partition',
  severity: 'medium',
  description:
    'Reports a table that many distinct code paths read or write, where their traffic converges on the same partitions.',
  docs: {
    rationale:
      'Each partition serves a bounded number of reads and writes per second. When many entry points hit one table, their traffic adds up on the same keys, and one more writer can push latency from milliseconds to tens of milliseconds for all of them.',
    example:
      'Six Lambdas whose handlers all call `putOrder()` in a shared module that writes to the "orders" table.',
    fix: 'Spread keys across partitions (a high-cardinality partition key or write sharding), batch or queue the writes, or split the traffic across tables.',
    options: [
      {
        name: 'threshold',
        default: 5,
        description: 'Distinct code paths on one table at which the rule reports.',
      },
      {
        name: 'thresholds',
        default: {},
        description: 'Per-table thresholds keyed by table name, overriding threshold.',
      },
    ],
    limitations: [
      'Code paths are counted, not requests: five rarely-called handlers count as much as five busy ones.',
      'The keys are not compared: code paths that each write their own high-cardinality keys (a fresh id per order) count as converging. `dynamodb/constant-partition-key` reports keys that are the same by construction.',
      'Operations whose table did not resolve are not counted toward any table.',
    ],
  },

  options,

  check(graph, settings) {
    return graph.tables.flatMap(table =>
      findingsFor(table, graph.accessesOfTable(table), settings),
    );
  },
});

function findingsFor(
  table: TableResource,
  accesses: TableAccess[],
  settings: Options,
): RawFinding[] {
  const threshold = settings.thresholds[table.name] ?? settings.threshold;
  const entryPoints = distinctEntryPoints(accesses);
  if (entryPoints.length < threshold) {
    return [];
  }

  const related = entryPoints.map(({ entryPoint, access }) => ({
    ...access.operation.location,
    label: `code path ${labelOf(entryPoint)} (${access.operation.action})`,
  }));
  const labels = entryLabels(entryPoints.map(({ entryPoint }) => entryPoint));

  return [
    {
      message: `Table "${table.name}" is reached by ${entryPoints.length} code paths (${labels}), at or above the threshold of ${threshold}.`,
      location: table.location,
      related,
      recommendation,
      subject: `table:${table.id}`,
    },
  ];
}

interface ReachingPath {
  entryPoint: EntryPoint;
  access: TableAccess;
}

// An entry point is one code path however many operations on the table it reaches; the first
// operation stands for it as evidence.
function distinctEntryPoints(accesses: TableAccess[]): ReachingPath[] {
  const byKey = new Map<string, ReachingPath>();
  for (const access of accesses) {
    const entryPoint = access.entryPoint;
    const key = entryPoint ? `${entryPoint.label}|${entryPoint.codeFunction.id}` : '';
    if (entryPoint && !byKey.has(key)) {
      byKey.set(key, { entryPoint, access });
    }
  }

  return [...byKey.values()];
}
