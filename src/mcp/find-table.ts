import { UserError } from '../errors.js';
import type { Graph } from '../graph/graph.js';
import type { TableResource } from '../iac/resources.js';

/** Tables whose name or logical id is `name`; refuses with the known names when none is. */
export function findTables(graph: Graph, name: string): TableResource[] {
  const tables = graph.tables.filter(table => table.name === name || table.logicalId === name);
  if (tables.length === 0) {
    const known = graph.tables.map(table => `"${table.name}"`).join(', ') || 'none';
    throw new UserError(
      'unknown-table',
      `No table named "${name}" in the templates read. Known tables: ${known}. Check get_infra_overview for sources that failed.`,
    );
  }

  return tables;
}
