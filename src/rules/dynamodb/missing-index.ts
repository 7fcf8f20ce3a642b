import type { Operation } from '../../code/facts.js';
import type { TableIndex, TableResource } from '../../iac/resources.js';
import type { Graph } from '../../graph/graph.js';
import { relatedEntryPoints } from '../../graph/code-paths.js';
import type { RawFinding } from '../finding.js';
import { NO_OPTIONS, defineRule } from '../rule.js';

export const missingIndex = defineRule({
  id: 'dynamodb/missing-index',
  severity: 'medium',
  description:
    'Reports a Query whose key condition does not name the partition key of the table, or of the index it names, or that names an index the table does not define.',
  docs: {
    rationale:
      'A Query must pin the partition key of the table or index it reads; otherwise DynamoDB rejects it with "Query condition missed key schema element". An access pattern keyed on another attribute needs a GSI on that attribute.',
    example:
      "await ddb.send(new QueryCommand({ TableName: USERS, KeyConditionExpression: 'email = :e' })); // users keyed on userId",
    fix: 'Put the partition key in the KeyConditionExpression, set IndexName to an index keyed on the attribute, or define a GSI keyed on it.',
    limitations: [
      'Silent when the table schema is not in a template read (external tables, unresolved targets) or the index name does not resolve.',
      'Key conditions written as non-literal strings are not read, so those queries are not checked.',
    ],
  },

  options: NO_OPTIONS,

  check(graph) {
    const queries = graph.operations.filter(
      operation => operation.action === 'query' && operation.keyAttributes.length > 0,
    );

    return queries.flatMap(operation =>
      tablesOf(graph, operation).flatMap(table => findingsFor(graph, operation, table)),
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

// Grading: naming an index whose partition key the condition lacks, or an index that does not
// exist, is high (the call fails every time and the fix is in code); a table query keyed on
// another attribute is medium, since the fix is usually a new index in the template.
function findingsFor(graph: Graph, operation: Operation, table: TableResource): RawFinding[] {
  const tableKey = table.partitionKey?.name;
  if (!tableKey) {
    return [];
  }
  if (operation.indexName) {
    return indexFindings(graph, operation, table);
  }
  if (operation.keyAttributes.includes(tableKey)) {
    return [];
  }

  const [attribute = '', sortCandidate] = operation.keyAttributes;
  const existing = table.indexes.find(index => index.partitionKey.name === attribute);
  const recommendation = existing
    ? `Set IndexName: "${existing.name}" on the Query; that index is keyed on "${attribute}".`
    : `Define a GSI keyed on "${attribute}" (IndexName: ${attribute}-index, KeySchema: [{ AttributeName: ${attribute}, KeyType: HASH }${sortCandidate ? `, { AttributeName: ${sortCandidate}, KeyType: RANGE }` : ''}], Projection: { ProjectionType: ALL }) and set IndexName on the Query.`;

  return [
    finding(graph, operation, table, {
      message: `Query on table "${table.name}" has a key condition on "${attribute}", which is not the table's partition key "${tableKey}"; DynamoDB rejects it.`,
      recommendation,
      severity: 'medium',
    }),
  ];
}

function indexFindings(graph: Graph, operation: Operation, table: TableResource): RawFinding[] {
  const name = operation.indexName?.kind === 'literal' ? operation.indexName.value : undefined;
  if (name === undefined) {
    return [];
  }

  const index = table.indexes.find(candidate => candidate.name === name);
  if (!index) {
    const known = table.indexes.map(candidate => `"${candidate.name}"`).join(', ') || 'none';
    return [
      finding(graph, operation, table, {
        message: `Query on table "${table.name}" names index "${name}", which the table does not define (its indexes: ${known}).`,
        recommendation: `Correct IndexName, or define "${name}" on table "${table.name}" in the template.`,
        severity: 'high',
      }),
    ];
  }

  return operation.keyAttributes.includes(index.partitionKey.name)
    ? []
    : [mismatchFinding(graph, operation, table, index)];
}

function mismatchFinding(
  graph: Graph,
  operation: Operation,
  table: TableResource,
  index: TableIndex,
): RawFinding {
  const key = index.partitionKey.name;
  const named = operation.keyAttributes.map(attribute => `"${attribute}"`).join(', ');
  const tableKey = table.partitionKey?.name;
  const onTable =
    tableKey && operation.keyAttributes.includes(tableKey)
      ? ` or drop IndexName and read the item by the table key "${tableKey}" (GetItem)`
      : '';

  return finding(graph, operation, table, {
    message: `Query on index "${index.name}" of table "${table.name}" has no condition on the index's partition key "${key}" (its key condition names ${named}); DynamoDB rejects it on every call.`,
    recommendation: `Put an equality condition on "${key}" in the KeyConditionExpression${onTable}.`,
    severity: 'high',
  });
}

function finding(
  graph: Graph,
  operation: Operation,
  table: TableResource,
  text: Pick<RawFinding, 'message' | 'recommendation' | 'severity'>,
): RawFinding {
  return {
    ...text,
    location: operation.location,
    related: [
      { ...table.location, label: `table ${table.name}` },
      ...relatedEntryPoints(graph.entryPointsReaching(operation)),
    ],
    subject: `table:${table.id}|${operation.codeFunction}|${operation.keyAttributes.join(',')}`,
  };
}
