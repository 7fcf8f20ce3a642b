import type { Analysis } from '../analyze.js';
import { toGraphDocument } from '../graph/graph-document.js';
import { textOf } from '../graph/resolve-target.js';
import type { Publish, TableAccess } from '../graph/graph.js';
import type { QueueResource, TopicResource } from '../iac/resources.js';
import { formatLocation } from '../location.js';
import { printable } from '../printable.js';

export function formatGraphJson(analysis: Analysis): string {
  return `${JSON.stringify(toGraphDocument(analysis.graph), null, 2)}\n`;
}

/**
 * A readable listing: tables, queues and topics, then each Lambda with its link and what its code
 * paths touch. Names and file names are printed with their control characters escaped.
 */
export function formatGraphText(analysis: Analysis): string {
  const { graph } = analysis;
  const tables = graph.tables.map(table => {
    const indexes = table.indexes.map(index => index.name).join(', ');
    const key = table.partitionKey ? ` key ${table.partitionKey.name}` : '';
    const stream = table.stream ? `, stream ${table.stream.viewType ?? 'on'}` : '';
    const line = `${table.name}${key}${indexes ? `, indexes ${indexes}` : ''}${stream}  (${formatLocation(table.location)})`;
    return `  ${printable(line)}`;
  });
  const lambdas = graph.lambdaLinks.map(link => {
    const accesses = graph.accessesOfLambda(link.lambda);
    const sends = graph.publishes.filter(publish => publish.entryPoint?.lambda === link.lambda);
    const lines = [
      ...accesses.map(access => `      ${describeAccess(access)}`),
      ...sends.map(publish => `      ${describeAccess(publish)}`),
    ];
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
    ...section('queues', graph.queues),
    ...section('topics', graph.topics),
    '',
    `lambdas (${lambdas.length})`,
    ...lambdas,
    ...(unreached.length > 0
      ? ['', `operations no entry point reaches (${unreached.length})`, ...unreached]
      : []),
    '',
  ].join('\n');
}

// Queues and topics are listed only where the repository has some, to keep the common case short.
function section(title: string, resources: Array<QueueResource | TopicResource>): string[] {
  if (resources.length === 0) {
    return [];
  }

  const lines = resources.map(
    resource => `  ${printable(`${resource.name}  (${formatLocation(resource.location)})`)}`,
  );

  return ['', `${title} (${resources.length})`, ...lines];
}

// A DynamoDB access or a send to a queue or topic: the action, where it goes, where it is.
function describeAccess({ operation, target }: TableAccess | Publish): string {
  const name =
    target.kind === 'unresolved' ? `unresolved ${textOf(operation.target)}` : target.name;

  return printable(`${operation.action} ${name}  ${formatLocation(operation.location)}`);
}
