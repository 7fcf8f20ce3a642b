import { z } from 'zod';
import type { KeyAttribute, TableResource } from '../../iac/resources.js';
import type { Snapshot } from '../analysis-store.js';
import { findTables } from '../find-table.js';
import { formatFor, gsiDefinition } from '../gsi-definition.js';
import type { GsiRequest } from '../gsi-definition.js';
import { defineTool } from '../tool.js';

const answerSchema = z.object({
  table: z.string(),
  template: z.string(),
  servedBy: z
    .object({ kind: z.enum(['table', 'global', 'local']), name: z.string() })
    .optional()
    .describe('the key or index that already serves a query on these attributes'),
  suggestion: z
    .object({
      indexName: z.string(),
      format: z.string(),
      definition: z.string(),
      notes: z.array(z.string()),
    })
    .optional(),
});

type Answer = z.infer<typeof answerSchema>;

interface Wanted {
  partitionKey: string;
  sortKey?: string;
}

export const suggestGsi = defineTool({
  name: 'suggest_gsi',
  title: 'Suggest a global secondary index',
  description:
    'For a table and an attribute to query by (and an optional sort key): the existing key or index that already serves it, or a ready GSI definition in the format the table is defined in (CloudFormation/SAM YAML or JSON, CDK TypeScript, Serverless, Terraform).',
  inputSchema: {
    table: z.string().min(1).describe('table name or logical id'),
    partitionKey: z.string().min(1).describe('attribute the query names in its key condition'),
    sortKey: z.string().min(1).optional(),
  },
  outputSchema: { answers: z.array(answerSchema) },
  run(input, snapshot) {
    const wanted = { partitionKey: input.partitionKey, sortKey: input.sortKey };
    const answers = findTables(snapshot.analysis.graph, input.table).map(table =>
      answerFor(snapshot, table, wanted),
    );

    return { structured: { answers }, text: answers.map(renderAnswer).join('\n\n') };
  },
});

function answerFor(snapshot: Snapshot, table: TableResource, wanted: Wanted): Answer {
  const base = { table: table.name, template: table.template };
  const servedBy = servingKey(table, wanted);
  if (servedBy) {
    return { ...base, servedBy };
  }

  const kind = snapshot.analysis.sources.find(source => source.path === table.template)?.kind;
  const format = formatFor(table, kind);
  const request = requestFor(table, wanted);
  const notes = [
    ...[request.partitionKey, request.sortKey].flatMap(key =>
      key && !typeOf(table, key.name)
        ? [`The template declares no type for "${key.name}"; "S" (string) is assumed.`]
        : [],
    ),
    'DynamoDB builds one new global secondary index per table update: deploy one at a time.',
  ];

  return {
    ...base,
    suggestion: {
      indexName: request.indexName,
      format,
      definition: gsiDefinition(format, request),
      notes,
    },
  };
}

function servingKey(table: TableResource, wanted: Wanted): Answer['servedBy'] {
  const serves = (partitionKey?: KeyAttribute, sortKey?: KeyAttribute) =>
    partitionKey?.name === wanted.partitionKey &&
    (!wanted.sortKey || sortKey?.name === wanted.sortKey);
  if (serves(table.partitionKey, table.sortKey)) {
    return { kind: 'table', name: table.name };
  }

  const index = table.indexes.find(candidate => serves(candidate.partitionKey, candidate.sortKey));

  return index ? { kind: index.kind, name: index.name } : undefined;
}

function requestFor(table: TableResource, wanted: Wanted): GsiRequest {
  const attribute = (name: string) => ({ name, type: typeOf(table, name) ?? 'S' });

  return {
    indexName: indexNameFor(table, wanted),
    partitionKey: attribute(wanted.partitionKey),
    ...(wanted.sortKey ? { sortKey: attribute(wanted.sortKey) } : {}),
    provisioned: table.billingMode === 'PROVISIONED',
  };
}

function typeOf(table: TableResource, name: string): string | undefined {
  const declared = [
    table.partitionKey,
    table.sortKey,
    ...table.indexes.flatMap(index => [index.partitionKey, index.sortKey]),
  ];

  return declared.find(key => key?.name === name && key.type)?.type;
}

// `byCustomer`, `byCustomerAndCreatedAt`: the naming most templates use; a numeral keeps it
// apart from an index that already has the name.
function indexNameFor(table: TableResource, wanted: Wanted): string {
  const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
  const base = `by${capital(wanted.partitionKey)}${wanted.sortKey ? `And${capital(wanted.sortKey)}` : ''}`;
  const taken = new Set(table.indexes.map(index => index.name));
  let name = base;
  for (let suffix = 2; taken.has(name); suffix++) {
    name = `${base}${suffix}`;
  }

  return name;
}

function renderAnswer(answer: Answer): string {
  if (answer.servedBy) {
    const by =
      answer.servedBy.kind === 'table' ? "the table's own key" : `index "${answer.servedBy.name}"`;
    return `table ${answer.table}: ${by} already serves this query; no new index is needed.`;
  }

  const suggestion = answer.suggestion;

  return suggestion
    ? [
        `table ${answer.table} (${answer.template}): add index "${suggestion.indexName}" (${suggestion.format})`,
        suggestion.definition,
        ...suggestion.notes,
      ].join('\n')
    : `table ${answer.table}: nothing to suggest.`;
}
