import { z } from 'zod';
import type { Graph } from '../../graph/graph.js';
import { textOf } from '../../graph/resolve-target.js';
import type { TableResource } from '../../iac/resources.js';
import { formatLocation } from '../../location.js';
import type { Finding } from '../../rules/finding.js';
import { findingsAt } from '../code-path-view.js';
import { findTables } from '../find-table.js';
import { findingSchema, keyAttributeSchema, locationSchema } from '../schemas.js';
import { defineTool } from '../tool.js';

const tableSchema = z.object({
  name: z.string(),
  logicalId: z.string(),
  template: z.string(),
  location: locationSchema,
  partitionKey: keyAttributeSchema.optional(),
  sortKey: keyAttributeSchema.optional(),
  indexes: z.array(
    z.object({
      name: z.string(),
      kind: z.enum(['global', 'local']),
      partitionKey: keyAttributeSchema,
      sortKey: keyAttributeSchema.optional(),
      location: locationSchema,
    }),
  ),
  billingMode: z.string().optional(),
  stream: z.object({ viewType: z.string().optional() }).optional(),
  pointInTimeRecovery: z.boolean(),
  deletionProtection: z.boolean(),
  codePaths: z
    .array(
      z.object({
        entryPoint: z.string().optional().describe('absent when no entry point reaches it'),
        lambda: z.string().optional(),
        action: z.string(),
        access: z.string(),
        index: z.string().optional(),
        keyAttributes: z.array(z.string()),
        location: locationSchema,
        codeFunction: z.string(),
      }),
    )
    .describe(
      'every code path that reads or writes the table, one row per operation and entry point',
    ),
  findings: z.array(findingSchema),
});

type TableView = z.infer<typeof tableSchema>;

export const getTable = defineTool({
  name: 'get_table',
  title: 'Table details',
  description:
    'For a table (name or logical id): key schema, indexes, stream and billing settings, every code path that reads or writes it with the action, and the findings on it.',
  inputSchema: { name: z.string().min(1).describe('table name or logical id') },
  outputSchema: { tables: z.array(tableSchema) },
  run(input, snapshot) {
    const { graph, findings } = snapshot.analysis;
    const tables = findTables(graph, input.name).map(table => tableView(graph, findings, table));

    return { structured: { tables }, text: tables.map(renderTable).join('\n\n') };
  },
});

function tableView(graph: Graph, findings: Finding[], table: TableResource): TableView {
  const accesses = graph.accessesOfTable(table);
  const locations = [
    table.location,
    ...table.indexes.map(index => index.location),
    ...accesses.map(access => access.operation.location),
  ];

  return {
    name: table.name,
    logicalId: table.logicalId,
    template: table.template,
    location: table.location,
    partitionKey: table.partitionKey,
    sortKey: table.sortKey,
    indexes: table.indexes,
    billingMode: table.billingMode,
    stream: table.stream ? { viewType: table.stream.viewType } : undefined,
    pointInTimeRecovery: table.pointInTimeRecovery,
    deletionProtection: table.deletionProtection,
    codePaths: accesses.map(({ operation, entryPoint }) => ({
      entryPoint: entryPoint?.label,
      lambda: entryPoint?.lambda?.logicalId,
      action: operation.action,
      access: operation.access,
      index: operation.indexName ? textOf(operation.indexName) : undefined,
      keyAttributes: operation.keyAttributes,
      location: operation.location,
      codeFunction: operation.codeFunction,
    })),
    findings: findingsAt(findings, locations),
  };
}

function renderTable(table: TableView): string {
  const key = [table.partitionKey?.name, table.sortKey?.name].filter(Boolean).join(' + ');
  const indexes = table.indexes.map(
    index =>
      `  index ${index.name} (${index.kind}): ${[index.partitionKey.name, index.sortKey?.name].filter(Boolean).join(' + ')}`,
  );
  const paths = table.codePaths.map(
    path =>
      `  ${path.action} from ${path.entryPoint ?? 'no entry point'} at ${formatLocation(path.location)}`,
  );
  const settings = [
    table.billingMode ? `billing ${table.billingMode}` : '',
    table.stream ? `stream ${table.stream.viewType ?? 'on'}` : 'no stream',
  ].filter(Boolean);

  return [
    `table ${table.name} (${table.logicalId}, ${formatLocation(table.location)}): key ${key || 'unknown'}; ${settings.join(', ')}`,
    ...indexes,
    ...paths,
    ...table.findings.map(finding => `  ${finding.severity} ${finding.message}`),
  ].join('\n');
}
