import type { Operation } from '../../code/facts.js';
import type { EntryPoint, Graph, TableAccess } from '../../graph/graph.js';
import { formatLocation } from '../../location.js';
import type { RawFinding } from '../finding.js';
import { NO_OPTIONS, defineRule } from '../rule.js';

export const readModifyWrite = defineRule({
  id: 'dynamodb/read-modify-write',
  severity: 'medium',
  description:
    'Reports a GetItem followed, in one code path, by a put or update of the same key with no ConditionExpression.',
  docs: {
    rationale:
      'Two invocations that read the same item, change it and write it back overwrite each other: the last write wins and the other change is lost without an error. A condition on a version attribute (or an UpdateExpression that changes the item in place) makes the second write fail instead.',
    example:
      'const { Item } = await ddb.send(new GetCommand({ TableName: T, Key: { id } }));\nawait ddb.send(new PutCommand({ TableName: T, Item: { ...Item, count: Item.count + 1 } }));',
    fix: 'Add a ConditionExpression on a version attribute and retry on ConditionalCheckFailedException, or replace the read and write with one UpdateExpression (`ADD #count :one`).',
    limitations: [
      'Keys are compared by the source text of their values: `Key: { id }` and `Item: { id: body.id }` count as different keys.',
      'A put whose Item spreads the read item (`{ ...Item }`) without naming the key is not matched.',
      'Order is checked only when both operations sit in one code function; across functions any get and write on one code path are paired.',
    ],
  },

  options: NO_OPTIONS,

  check(graph) {
    const byEntryPoint = new Map<EntryPoint, TableAccess[]>();
    for (const access of graph.accesses) {
      if (access.entryPoint && access.target.kind === 'table') {
        byEntryPoint.set(access.entryPoint, [
          ...(byEntryPoint.get(access.entryPoint) ?? []),
          access,
        ]);
      }
    }

    const findings = new Map<string, RawFinding>();
    for (const accesses of byEntryPoint.values()) {
      for (const finding of findingsOnPath(graph, accesses)) {
        findings.set(finding.subject, finding);
      }
    }

    return [...findings.values()];
  },
});

function tableIdOf(access: TableAccess): string {
  return access.target.kind === 'table' ? access.target.table.id : '';
}

function findingsOnPath(graph: Graph, accesses: TableAccess[]): RawFinding[] {
  const gets = accesses.filter(access => access.operation.action === 'get');
  const writes = accesses.filter(
    access =>
      (access.operation.action === 'put' || access.operation.action === 'update') &&
      !access.operation.hasCondition,
  );

  return writes.flatMap(write => {
    const get = gets.find(
      candidate =>
        tableIdOf(candidate) === tableIdOf(write) &&
        isSameKey(candidate.operation, write.operation) &&
        comesBefore(candidate.operation, write.operation),
    );
    return get ? [findingFor(graph, get, write)] : [];
  });
}

function isSameKey(get: Operation, write: Operation): boolean {
  const key = Object.entries(get.keyValues ?? {});
  if (key.length === 0) {
    return false;
  }

  return key.every(([attribute, read]) => {
    const written = write.keyValues?.[attribute];
    return written !== undefined && JSON.stringify(written.value) === JSON.stringify(read.value);
  });
}

function comesBefore(get: Operation, write: Operation): boolean {
  if (get.codeFunction !== write.codeFunction) {
    return true;
  }

  return (
    get.location.line < write.location.line ||
    (get.location.line === write.location.line && get.location.column < write.location.column)
  );
}

function findingFor(graph: Graph, get: TableAccess, write: TableAccess): RawFinding {
  const table = write.target.kind === 'table' ? write.target.table.name : '';
  const action = write.operation.action === 'put' ? 'Put' : 'Update';
  const keys = Object.keys(get.operation.keyValues ?? {}).join(', ');

  return {
    message: `${action} on table "${table}" writes back the item read at ${formatLocation(get.operation.location)} (key ${keys}) with no ConditionExpression, so a concurrent change between the two is lost.`,
    location: write.operation.location,
    related: [
      { ...get.operation.location, label: 'get operation' },
      ...(write.entryPoint
        ? [{ ...write.entryPoint.location, label: `entry point ${write.entryPoint.label}` }]
        : []),
    ],
    recommendation:
      'Add a ConditionExpression on a version attribute and retry on ConditionalCheckFailedException, or make the change with one UpdateExpression.',
    subject: `table:${tableIdOf(write)}|${write.operation.codeFunction}|${write.operation.action}`,
  };
}
