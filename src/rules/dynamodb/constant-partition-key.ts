import { z } from 'zod';
import type { AttributeValue, Operation, Value } from '../../code/facts.js';
import type { TableResource } from '../../iac/resources.js';
import type { Graph } from '../../graph/graph.js';
import { relatedEntryPoints } from '../../graph/code-paths.js';
import type { RawFinding } from '../finding.js';
import { defineRule } from '../rule.js';

const options = z.strictObject({
  allowedValues: z.array(z.string()).default([]),
});

type Options = z.output<typeof options>;

export const constantPartitionKey = defineRule({
  id: 'dynamodb/constant-partition-key',
  severity: 'medium',
  description:
    "Reports a put or update that always writes the same constant value to the partition key of its table or of one of the table's global secondary indexes.",
  docs: {
    rationale:
      'All items with one partition key value live in one partition, which serves about 1,000 writes per second; a log, outbox or counter written under a constant key throttles there no matter how much capacity the table has, and a GSI keyed on a constant throttles the writes to the table behind it.',
    example:
      "await ddb.send(new PutCommand({ TableName: LOG, Item: { pk: 'OPS_LOG', sk: `${Date.now()}`, ...entry } }));",
    fix: 'Key items on a high-cardinality value, or add a shard suffix (`OPS_LOG#${n % 10}`) and read all shards.',
    options: [
      {
        name: 'allowedValues',
        default: [],
        description: 'Constant key values that are known to see little traffic (a settings item).',
      },
    ],
    limitations: [
      "Only attributes written in the Item or Key object literal (directly, through a variable or a constant) are read; an attribute assigned afterwards (`item.pk = 'LOG'`) is not checked.",
      'Updates that set an index key through UpdateExpression are not checked against the index.',
      'A constant key written rarely (a settings item) is reported like a busy one; list it in allowedValues.',
    ],
  },

  options,

  check(graph, settings) {
    const writes = graph.operations.filter(
      operation =>
        (operation.action === 'put' || operation.action === 'update') && operation.keyValues,
    );

    return writes.flatMap(operation =>
      tablesOf(graph, operation).flatMap(table => findingsFor(graph, operation, table, settings)),
    );
  },
});

function tablesOf(graph: Graph, operation: Operation): TableResource[] {
  const tables = new Map<string, TableResource>();
  for (const access of graph.accessesOf(operation)) {
    if (access.target.kind === 'table') {
      tables.set(access.target.table.id, access.target.table);
    }
  }

  return [...tables.values()];
}

/** The string a value always has, when it is a literal or a template of literals. */
function constantOf(value: Value): string | undefined {
  if (value.kind === 'literal') {
    return value.value;
  }
  if (value.kind !== 'template') {
    return undefined;
  }

  const parts = value.parts.map(constantOf);

  return parts.every(part => part !== undefined) ? parts.join('') : undefined;
}

interface PartitionKey {
  attribute: string;
  index?: string;
}

function partitionKeysOf(operation: Operation, table: TableResource): PartitionKey[] {
  const own = table.partitionKey ? [{ attribute: table.partitionKey.name }] : [];
  // An update names only the table key in Key; index keys come from its UpdateExpression.
  const indexes =
    operation.action === 'put'
      ? table.indexes
          .filter(index => index.kind === 'global')
          .map(index => ({ attribute: index.partitionKey.name, index: index.name }))
      : [];

  return [...own, ...indexes];
}

function findingsFor(
  graph: Graph,
  operation: Operation,
  table: TableResource,
  settings: Options,
): RawFinding[] {
  return partitionKeysOf(operation, table).flatMap(key => {
    const written: AttributeValue | undefined = operation.keyValues?.[key.attribute];
    const constant = written ? constantOf(written.value) : undefined;
    if (!written || constant === undefined || settings.allowedValues.includes(constant)) {
      return [];
    }
    return [findingFor(graph, operation, table, key, { ...written, constant })];
  });
}

function findingFor(
  graph: Graph,
  operation: Operation,
  table: TableResource,
  key: PartitionKey,
  written: AttributeValue & { constant: string },
): RawFinding {
  const action = operation.action === 'put' ? 'Put' : 'Update';
  const owner = key.index
    ? `index "${key.index}" of table "${table.name}"`
    : `table "${table.name}"`;

  return {
    message: `${action} on table "${table.name}" always writes "${written.constant}" to "${key.attribute}", the partition key of ${owner}, so all these writes land in one partition.`,
    location: written.location ?? operation.location,
    related: [
      { ...operation.location, label: `${operation.action} operation` },
      ...relatedEntryPoints(graph.entryPointsReaching(operation)),
    ],
    recommendation: `Key the items on a high-cardinality value, or add a shard suffix to "${written.constant}" and read every shard.`,
    subject: `table:${table.id}|${key.index ?? ''}|${key.attribute}=${written.constant}|${operation.codeFunction}`,
  };
}
