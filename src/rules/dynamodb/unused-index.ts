import { z } from 'zod';
import type { TableIndex, TableResource } from '../../iac/resources.js';
import type { Graph } from '../../graph/graph.js';
import type { RawFinding } from '../finding.js';
import { defineRule } from '../rule.js';

const options = z.strictObject({
  ignoreIndexes: z.array(z.string()).default([]),
});

export const unusedIndex = defineRule({
  id: 'dynamodb/unused-index',
  severity: 'low',
  description:
    'Reports a global secondary index that no scanned operation queries, when every code path that could reach its table was scanned.',
  docs: {
    rationale:
      'Every write to the table is written again to each GSI that projects it, so an index nobody reads doubles write cost and storage for nothing.',
    example:
      'GlobalSecondaryIndexes: [{ IndexName: ByStatus, ... }] on a table whose code only calls GetItem and Query without IndexName.',
    fix: 'Remove the index from the template, or add it to ignoreIndexes when another service reads it.',
    options: [
      {
        name: 'ignoreIndexes',
        default: [],
        description: 'Index names (or "table/index") that are read outside this repository.',
      },
    ],
    limitations: [
      'Silent for every table when any operation has an unresolved target, a Lambda has no handler code that was found, or a code file failed to parse.',
      'Silent for a table that no scanned operation reaches: its readers are taken to live elsewhere.',
      'Readers outside this repository (analytics jobs, other stacks) are not seen; list their indexes in ignoreIndexes.',
    ],
  },

  options,

  check(graph, settings) {
    if (!isCompletelyScanned(graph)) {
      return [];
    }

    return graph.tables.flatMap(table =>
      unusedIndexesOf(graph, table)
        .filter(index => !isIgnored(table, index, settings.ignoreIndexes))
        .map(index => findingFor(table, index)),
    );
  },
});

function isCompletelyScanned(graph: Graph): boolean {
  const unresolved = graph.accesses.some(access => access.target.kind === 'unresolved');
  const missingCode = graph.lambdaLinks.some(link => !link.entryPoint);
  const failed = graph.sources.some(source => source.kind === 'code' && source.status !== 'ok');

  return !unresolved && !missingCode && !failed;
}

function unusedIndexesOf(graph: Graph, table: TableResource): TableIndex[] {
  const accesses = graph.accessesOfTable(table);
  const global = table.indexes.filter(index => index.kind === 'global');
  if (accesses.length === 0 || global.length === 0) {
    return [];
  }

  const used = new Set<string>();
  for (const { operation } of accesses) {
    const name = operation.indexName;
    // A PartiQL statement or an index name that did not resolve could read any index.
    if (operation.action.includes('statement') || (name && name.kind !== 'literal')) {
      return [];
    }
    if (name?.kind === 'literal') {
      used.add(name.value);
    }
  }

  return global.filter(index => !used.has(index.name));
}

function isIgnored(table: TableResource, index: TableIndex, ignored: string[]): boolean {
  return ignored.includes(index.name) || ignored.includes(`${table.name}/${index.name}`);
}

function findingFor(table: TableResource, index: TableIndex): RawFinding {
  return {
    message: `Index "${index.name}" of table "${table.name}" is not queried by any scanned operation, yet every write to the table also writes to it.`,
    location: index.location,
    related: [{ ...table.location, label: `table ${table.name}` }],
    recommendation: `Remove "${index.name}" from the template, or list it in rules.dynamodb/unused-index.ignoreIndexes if code outside this repository reads it.`,
    subject: `index:${table.id}|${index.name}`,
  };
}
