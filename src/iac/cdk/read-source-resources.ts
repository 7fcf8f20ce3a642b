import { posix } from 'node:path';
import type { Logger } from '../../logger.js';
import { plural } from '../../plural.js';
import type { SourceStatus } from '../../source-status.js';
import type { InfraScan, Resource } from '../resources.js';
import { isFunctionConstruct } from './construct-handler.js';
import type { CdkSource } from './parse-cdk-source.js';
import { readSourceFunction } from './source-functions.js';
import type { TablesByVariable } from './source-tables.js';
import { isTableConstruct, readSourceTable } from './source-tables.js';

/**
 * Resources a CDK app's source states directly, for an app that was never synthesized:
 * tables with keys and indexes, and functions with code, environment and grants.
 */
// Limitation: queues, topics, event sources and custom constructs are not read from source.
// Breaks on `fn.addEventSource(new SqsEventSource(queue))`: the Lambda has no events until
// `cdk synth` writes them into a template.
export function readSourceResources(sources: CdkSource[], root: string, logger: Logger): InfraScan {
  const resources: Resource[] = [];
  const statuses: SourceStatus[] = [];
  let templatesRead = 0;
  for (const source of sources) {
    const read = resourcesOf(source, root);
    statuses.push({ kind: 'cdk', path: source.file, status: 'ok' });
    templatesRead += read.length > 0 ? 1 : 0;
    resources.push(...read);
  }

  logger.step(
    `cdk: ${plural(resources.length, 'resource')} read from ${plural(templatesRead, 'source file')} without cdk.out`,
  );

  return { sources: statuses, resources, templatesRead };
}

function resourcesOf(source: CdkSource, root: string): Resource[] {
  const tables: TablesByVariable = new Map();
  const resources: Resource[] = [];
  for (const construct of source.constructs.filter(isTableConstruct)) {
    const table = readSourceTable(construct, source);
    resources.push(table);
    if (construct.variable !== undefined) {
      tables.set(construct.variable, table);
    }
  }

  for (const construct of source.constructs.filter(isFunctionConstruct)) {
    resources.push(readSourceFunction(construct, source, tables, posix.resolve(root)));
  }

  return resources;
}
