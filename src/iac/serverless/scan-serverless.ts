import { join, posix } from 'node:path';
import { messageOf } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { plural } from '../../plural.js';
import type { SourceStatus } from '../../source-status.js';
import { invalidUtf8Warning, readSourceText, readSourceTextAsync } from '../../source-text.js';
import { compareText, discoverFiles } from '../discover-templates.js';
import { linkTriggers } from '../link-triggers.js';
import type { ParseResult } from '../parse-template.js';
import { parseTemplate } from '../parse-template.js';
import { readFunctions } from '../read-functions.js';
import { readQueues, readTopics } from '../read-queues-topics.js';
import { readTables } from '../read-tables.js';
import type { InfraScan, LambdaResource, Resource } from '../resources.js';
import type { Template } from '../template.js';
import type { TemplateNode } from '../template-node.js';
import { isMap } from '../template-node.js';
import { parseServerlessTs } from './parse-serverless-ts.js';
import { readServerlessFunctions } from './read-functions.js';
import { resourcesTemplateOf } from './resources-template.js';
import { VariableResolver } from './resolve-variables.js';

const SERVICE_FILES = new Set([
  'serverless.yml',
  'serverless.yaml',
  'serverless.json',
  'serverless.ts',
  'serverless.js',
]);

interface ServiceRead {
  sources: SourceStatus[];
  resources: Resource[];
  template?: Template;
  /** The service file and every file it includes. */
  files: string[];
}

/** Reads every Serverless Framework service (`serverless.yml` and the like) under `root`. */
export async function scanServerless(
  root: string,
  options: { logger: Logger; exclude?: string[] },
): Promise<InfraScan> {
  const started = Date.now();
  const paths = await discoverFiles(root, options, name => SERVICE_FILES.has(name.toLowerCase()));
  const reads = await Promise.all(paths.map(path => readService(root, path, options.logger)));
  const templates = reads.flatMap(read => (read.template ? [read.template] : []));
  const resources = reads.flatMap(read => read.resources).sort(compareResources);
  const lambdas = resources.filter(
    (resource): resource is LambdaResource => resource.kind === 'lambda',
  );
  linkTriggers(templates, lambdas, options.logger);

  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  options.logger.step(
    `serverless: ${plural(templates.length, 'service')}, ${plural(resources.length, 'resource')} in ${seconds}s, ${paths.length - templates.length} skipped`,
  );

  return {
    sources: reads.flatMap(read => read.sources),
    resources,
    templatesRead: templates.length,
    claimedFiles: reads.flatMap(read => read.files),
  };
}

async function readService(root: string, path: string, logger: Logger): Promise<ServiceRead> {
  const included = new IncludedFiles(root, logger);
  const read = await readSourceTextAsync(join(root, path));
  if (!read.ok) {
    return failedRead(path, read.reason, undefined, logger);
  }
  if (read.invalidUtf8Line !== undefined) {
    logger.warn(invalidUtf8Warning(path, read.invalidUtf8Line));
  }

  try {
    const parsed = parseService(read.text, path, root);
    if (!parsed.ok) {
      return failedRead(path, parsed.reason, parsed.line, logger);
    }

    if (!isMap(parsed.root)) {
      const reason =
        'it holds no service settings (no top-level map). Add `service`, `provider` and `functions`, or delete the file.';
      return failedRead(path, reason, 1, logger);
    }

    return serviceRead(path, parsed.root, included);
  } catch (error) {
    const reason = `it could not be read (${messageOf(error)}). Run with --verbose and report the file that causes it.`;
    return failedRead(path, reason, undefined, logger);
  }
}

function parseService(source: string, path: string, root: string): ParseResult {
  const extension = posix.extname(path).toLowerCase();
  if (extension === '.ts' || extension === '.js') {
    return parseServerlessTs(source, path, root);
  }

  return parseTemplate(source, path, extension === '.json');
}

function serviceRead(path: string, root: TemplateNode, included: IncludedFiles): ServiceRead {
  const resolver = new VariableResolver({
    root,
    file: path,
    readIncluded: file => included.read(file),
  });
  const resolved = resolver.resolve(root);
  const template = resourcesTemplateOf(path, resolved);
  const resources: Resource[] = [
    ...readTables(template),
    ...readQueues(template),
    ...readTopics(template),
    ...readFunctions(template),
    ...readServerlessFunctions(resolved, template),
  ];

  return {
    sources: [{ kind: 'serverless', path, status: 'ok' }, ...included.sources()],
    resources,
    template,
    files: [path, ...included.paths()],
  };
}

function failedRead(
  path: string,
  reason: string,
  line: number | undefined,
  logger: Logger,
): ServiceRead {
  return { sources: [failedSource(path, reason, line, logger)], resources: [], files: [path] };
}

function failedSource(
  path: string,
  reason: string,
  line: number | undefined,
  logger: Logger,
): SourceStatus {
  logger.warn(`Skipped "${path}": ${reason}`);
  const source: SourceStatus = { kind: 'serverless', path, status: 'failed', error: reason };
  if (line !== undefined) {
    source.line = line;
  }

  return source;
}

/** The YAML and JSON files a service includes with `${file(...)}`, each read and parsed once. */
class IncludedFiles {
  private readonly trees = new Map<string, TemplateNode | undefined>();
  private readonly statuses = new Map<string, SourceStatus>();

  constructor(
    private readonly root: string,
    private readonly logger: Logger,
  ) {}

  read(path: string): TemplateNode | undefined {
    if (!this.trees.has(path)) {
      this.trees.set(path, this.parse(path));
    }

    return this.trees.get(path);
  }

  sources(): SourceStatus[] {
    return [...this.statuses.values()];
  }

  paths(): string[] {
    return [...this.trees.keys()];
  }

  // Serverless reads an included file while it loads the service, so it is read here at once.
  private parse(path: string): TemplateNode | undefined {
    // A missing include may be meant, `${file(./local.yml), 'default'}`; an unreadable one is not.
    const read = readSourceText(join(this.root, path));
    if (!read.ok && read.missing) {
      this.logger.step(`serverless: "${path}" is included but does not exist`);
      return undefined;
    }
    if (!read.ok) {
      this.statuses.set(path, failedSource(path, read.reason, undefined, this.logger));
      return undefined;
    }
    if (read.invalidUtf8Line !== undefined) {
      this.logger.warn(invalidUtf8Warning(path, read.invalidUtf8Line));
    }

    const parsed = parseTemplate(read.text, path, path.toLowerCase().endsWith('.json'));
    if (!parsed.ok) {
      this.statuses.set(path, failedSource(path, parsed.reason, parsed.line, this.logger));
      return undefined;
    }

    this.statuses.set(path, { kind: 'serverless', path, status: 'ok' });
    return parsed.root;
  }
}

function compareResources(a: Resource, b: Resource): number {
  return (
    compareText(a.template, b.template) ||
    compareText(a.location.file, b.location.file) ||
    a.location.line - b.location.line ||
    a.location.column - b.location.column ||
    compareText(a.logicalId, b.logicalId)
  );
}
