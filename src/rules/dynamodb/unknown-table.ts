import type { Graph, TableAccess } from '../../graph/graph.js';
import { entryLabels, relatedEntryPoints } from '../../graph/code-paths.js';
import type { RawFinding } from '../finding.js';
import { NO_OPTIONS, defineRule } from '../rule.js';

export const unknownTable = defineRule({
  id: 'dynamodb/unknown-table',
  severity: 'high',
  description:
    'Reports an operation whose target resolves to a table name that no template read defines.',
  docs: {
    rationale:
      'A table name that no template defines is usually a typo or a table owned by another stack; either way the call fails at run time with ResourceNotFoundException, or succeeds against a table nobody here controls.',
    example: "await ddb.send(new GetCommand({ TableName: 'Ordres', Key: { id } }));",
    fix: 'Correct the name, read it from an environment variable that the template sets from the table resource, or declare the external table as a template parameter.',
    limitations: [
      'Only runs when at least one template was read; code-only scans cannot tell a known table from an unknown one.',
      'A table named through a template parameter is taken as deliberately external and not reported.',
      'A literal fallback such as `process.env.TABLE ?? "local"` is not reported on code paths that no template deploys.',
    ],
  },

  options: NO_OPTIONS,

  check(graph) {
    if (graph.templatesRead === 0) {
      return [];
    }

    const unknown = graph.accesses.filter(isUnknownName);
    const byOperationAndName = groupUnknown(unknown);

    return [...byOperationAndName.values()].map(group => findingFor(graph, group));
  },
});

function isUnknownName(access: TableAccess): boolean {
  const target = access.target;
  if (target.kind !== 'name' || target.declared) {
    return false;
  }

  return !(target.viaFallback && !access.entryPoint?.lambda);
}

function groupUnknown(accesses: TableAccess[]): Map<string, TableAccess[]> {
  const groups = new Map<string, TableAccess[]>();
  for (const access of accesses) {
    const name = access.target.kind === 'name' ? access.target.name : '';
    const key = `${access.operation.id}|${name}`;
    const group = groups.get(key);
    if (group) {
      group.push(access);
    } else {
      groups.set(key, [access]);
    }
  }

  return groups;
}

function findingFor(graph: Graph, group: TableAccess[]): RawFinding {
  const [first] = group as [TableAccess, ...TableAccess[]];
  const name = first.target.kind === 'name' ? first.target.name : '';
  const entryPoints = group.flatMap(access => (access.entryPoint ? [access.entryPoint] : []));
  const reach = entryPoints.length > 0 ? ` (reached from ${entryLabels(entryPoints)})` : '';
  const known = graph.tables
    .map(table => `"${table.name}"`)
    .slice(0, 5)
    .join(', ');
  const knownNote = known ? ` The templates define ${known}.` : '';

  return {
    message: `${capitalised(first.operation.action)} on table "${name}"${reach} names a table that no template defines.${knownNote}`,
    location: first.operation.location,
    related: [
      ...relatedEntryPoints(entryPoints),
      ...first.hops.map(hop => ({ ...hop.location, label: hop.description })),
    ],
    recommendation: `Check the spelling of "${name}", or set the name from the table resource through an environment variable.`,
    subject: `table-name:${name}|${first.operation.codeFunction}`,
  };
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
