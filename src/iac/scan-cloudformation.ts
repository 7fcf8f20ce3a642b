import type { Logger } from '../logger.js';
import { messageOf } from '../errors.js';
import { plural } from '../plural.js';
import type { SourceStatus } from '../source-status.js';
import type { InfraScan, LambdaResource, ParameterResource, Resource } from './resources.js';
import { compareText, discoverTemplates } from './discover-templates.js';
import type { TemplateFile } from './discover-templates.js';
import { linkTriggers } from './link-triggers.js';
import { withoutPackagedCopies } from './packaged-templates.js';
import type { RepeatedKey } from './parse-template.js';
import { parseTemplate } from './parse-template.js';
import { readFunctions } from './read-functions.js';
import { readQueues, readTopics } from './read-queues-topics.js';
import { readTables } from './read-tables.js';
import { resourceIdOf } from './resource-names.js';
import type { Template } from './template.js';
import { indexTemplate } from './template.js';

// Only a file that reads as an attempt at a template is reported when it fails to parse; a
// broken docker-compose file is not ours to complain about.
const TEMPLATE_MARKER =
  /AWSTemplateFormatVersion|Transform["']?\s*:\s*\[?\s*["']?AWS::Serverless|Type["']?\s*:\s*["']?AWS::[A-Za-z0-9]+::/;

// Limitation: nested stacks are not followed. A `Location: ./tables.yaml` of an
// `AWS::Serverless::Application` is read only if discovery finds that file on its own, and its
// parameters keep their own defaults rather than the values the parent passes.
const NESTED_STACK_TYPES = new Set(['AWS::Serverless::Application', 'AWS::CloudFormation::Stack']);

type TemplateRead =
  | { kind: 'template'; template: Template }
  | { kind: 'failed'; source: SourceStatus }
  | { kind: 'not-a-template' };

/** Reads every CloudFormation and SAM template under `root` into resources. */
export async function scanCloudFormation(
  root: string,
  options: { logger: Logger; exclude?: string[] },
): Promise<InfraScan> {
  const files = await discoverTemplates(root, options);

  return readTemplates(files, options);
}

/**
 * Reads template files that were already found (by discovery, or by a CDK manifest) into
 * resources, linking triggers across them.
 */
export function readTemplates(
  files: TemplateFile[],
  options: { logger: Logger; keepPackaged?: boolean },
): InfraScan {
  const started = Date.now();
  const reads = files.map(file => readTemplateFile(file, options.logger));
  const parsed = reads.flatMap(read => (read.kind === 'template' ? [read.template] : []));
  // Every template of a cloud assembly has its code in S3, and none of them is a copy.
  const templates = options.keepPackaged ? parsed : withoutPackagedCopies(parsed, options.logger);
  const sources = reads.flatMap(read => sourceOf(read));

  const resources = templates.flatMap(template => resourcesOf(template, options.logger));
  const lambdas = resources.filter(
    (resource): resource is LambdaResource => resource.kind === 'lambda',
  );
  linkTriggers(templates, lambdas, options.logger);

  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const failed = sources.length - parsed.length;
  options.logger.step(
    `cloudformation: ${plural(templates.length, 'template')}, ${plural(resources.length, 'resource')} in ${seconds}s, ${failed} skipped`,
  );

  return { sources, resources: resources.sort(compareResources), templatesRead: templates.length };
}

function readTemplateFile(file: TemplateFile, logger: Logger): TemplateRead {
  if (file.unreadable !== undefined) {
    return failed(file.path, file.unreadable, undefined, logger);
  }

  try {
    const isJson = file.path.toLowerCase().endsWith('.json');
    const parsed = parseTemplate(file.source, file.path, isJson, { repeatedKeys: 'last-wins' });
    if (!parsed.ok) {
      return TEMPLATE_MARKER.test(file.source)
        ? failed(file.path, parsed.reason, parsed.line, logger)
        : { kind: 'not-a-template' };
    }

    const template = indexTemplate(file.path, parsed.root);
    if (template) {
      warnRepeatedKeys(file.path, parsed.repeatedKeys ?? [], logger);
    }
    return template ? { kind: 'template', template } : { kind: 'not-a-template' };
  } catch (error) {
    const reason = `it could not be read (${messageOf(error)}). Run with --verbose and report the template that causes it.`;
    return failed(file.path, reason, undefined, logger);
  }
}

function warnRepeatedKeys(path: string, repeated: RepeatedKey[], logger: Logger): void {
  for (const { key, line } of repeated) {
    logger.warn(
      `"${path}": line ${line} repeats the key ${key}; CloudFormation deploys the last value, and so infrawise reads it. Keep one of them.`,
    );
  }
}

function failed(
  path: string,
  reason: string,
  line: number | undefined,
  logger: Logger,
): TemplateRead {
  logger.warn(`Skipped "${path}": ${reason}`);
  const source: SourceStatus = { kind: 'cloudformation', path, status: 'failed', error: reason };
  if (line !== undefined) {
    source.line = line;
  }

  return { kind: 'failed', source };
}

function sourceOf(read: TemplateRead): SourceStatus[] {
  if (read.kind === 'failed') {
    return [read.source];
  }

  return read.kind === 'template'
    ? [{ kind: 'cloudformation', path: read.template.file, status: 'ok' }]
    : [];
}

function resourcesOf(template: Template, logger: Logger): Resource[] {
  for (const resource of template.resources.filter(candidate =>
    NESTED_STACK_TYPES.has(candidate.type),
  )) {
    logger.step(
      `cloudformation: "${template.file}": nested stack ${resource.logicalId} is not read`,
    );
  }

  return [
    ...parametersOf(template),
    ...readTables(template),
    ...readFunctions(template),
    ...readQueues(template),
    ...readTopics(template),
  ];
}

function parametersOf(template: Template): ParameterResource[] {
  return [...template.parameters.values()].map(parameter => {
    const resource: ParameterResource = {
      kind: 'parameter',
      id: resourceIdOf(template, parameter.name),
      logicalId: parameter.name,
      template: template.file,
      location: parameter.location,
    };
    if (parameter.default !== undefined) {
      resource.default = parameter.default;
    }

    return resource;
  });
}

function compareResources(a: Resource, b: Resource): number {
  return (
    compareText(a.template, b.template) ||
    a.location.line - b.location.line ||
    a.location.column - b.location.column ||
    compareText(a.logicalId, b.logicalId)
  );
}
