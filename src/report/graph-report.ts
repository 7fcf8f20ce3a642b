import type { Analysis } from '../analyze.js';
import { toGraphDocument } from '../graph/graph-document.js';
import { textOf } from '../graph/resolve-target.js';
import type { TableAccess } from '../graph/graph.js';
import { formatLocation } from '../location.js';
import { printable } from '../printable.js';

export function formatGraphJson(analysis: Analysis): string {
  return `${JSON.stringify(toGraphDocument(analysis.graph), null, 2)}\n`;
}

/**
 * A readable listing: tables, then each Lambda with its link and what its code paths touch. Names
 * and file names are printed with their control characters escaped.
 */
export function formatGraphText(analysis: Analysis): string {
  const { graph } = analysis;
  const tables = graph.tables.map(table => {
    const indexes = table.indexes.map(index => index.name).join(', ');
    const key = table.partitionKey ? ` key ${table.partitionKey.name}` : '';
    const line = `${table.name}${key}${indexes ? `, indexes ${indexes}` : ''}  (${formatLocation(table.location)})`;
    return `  ${printable(line)}`;
  });
  const lambdas = graph.lambdaLinks.map(link => {
    const accesses = graph.accessesOfLambda(link.lambda);
    const lines = accesses.map(access => `      ${describeAccess(access)}`);
    const status = link.entryPoint ? 'linked' : 'not linked';
    return [`  ${printable(`${link.lambda.logicalId}  ${status}: ${link.reason}`)}`, ...lines].join(
      '\n',
    );
  });
  const unreached = graph.accesses
    .filter(access => !access.entryPoint)
    .map(access => `  ${describeAccess(access)}`);

  return [
    `tables (${tables.length})`,
    ...tables,
    '',
    `lambdas (${lambdas.length})`,
    ...lambdas,
    ...(unreached.length > 0
      ? ['', `operations no entry point reaches (${unreached.length})`, ...unreached]
      : []),
    '',
  ].join('\n');
}

function describeAccess(access: TableAccess): string {
  const { operation, target } = access;
  const name =
    target.kind === 'unresolved' ? `unresolved ${textOf(operation.target)}` : target.name;

  return printable(`${operation.action} ${name}  ${formatLocation(operation.location)}`);
}
