import { join, posix } from 'node:path';
import type { Logger } from '../../logger.js';
import type { HandlerRef, LambdaResource, Resource } from '../resources.js';
import { copiedHandlerFilesOf } from './asset-copy.js';
import { assetEntryOf } from './asset-entry.js';
import { isCdkProvided } from './cdk-provided.js';
import { handlerOfConstruct, isFunctionConstruct } from './construct-handler.js';
import type { ConstructIndex } from './construct-index.js';
import type { ConstructFact } from './parse-cdk-source.js';
import type { AssemblyTemplate } from './read-assembly.js';
import { addHttpEvents } from './read-http-routes.js';
import { parseTemplate } from '../parse-template.js';
import { indexTemplate } from '../template.js';

/** What `cdk synth` recorded about one resource of a template. */
export interface ResourceMetadata {
  cdkPath?: string;
  assetPath?: string;
}

export interface SynthesizedApp {
  /** The scanned folder, absolute. */
  root: string;
  /** Folder `cdk synth` ran in, absolute: esbuild's origin comments are relative to it. */
  appRoot: string;
  constructs: ConstructIndex;
  /** Every JavaScript and TypeScript file of the scanned folder, relative to it. */
  scripts: string[];
  logger: Logger;
}

const TABLE_CLASSES = new Set(['Table', 'TableV2']);

/**
 * Points each resource of a synthesized template back at the construct that made it, and gives
 * each Lambda the source file of its code instead of the bundle `cdk synth` wrote.
 */
export async function linkSynthesized(
  resources: Resource[],
  template: AssemblyTemplate,
  app: SynthesizedApp,
): Promise<void> {
  const metadata = metadataOf(template.file.source);
  const own = resources.filter(resource => resource.template === template.file.path);
  addHttpEventsOf(template, own);
  for (const resource of own) {
    const cdkPath = metadata.get(resource.logicalId)?.cdkPath;
    const found = cdkPath ? app.constructs.find(cdkPath, acceptsFor(resource)) : undefined;
    if (found) {
      resource.constructLocation = found.construct.location;
    }

    if (resource.kind === 'lambda') {
      const fromSource = found
        ? handlerOfConstruct(found.construct, found.source, app.root)
        : undefined;
      const assetPath = metadata.get(resource.logicalId)?.assetPath;
      const handler = fromSource ?? (await handlerOfAsset(resource, template, assetPath, app));
      assignHandler(resource, { handler, cdkPath }, app.logger);
    }
  }
}

function addHttpEventsOf(template: AssemblyTemplate, resources: Resource[]): void {
  const parsed = parseTemplate(template.file.source, template.file.path, true);
  const indexed = parsed.ok ? indexTemplate(template.file.path, parsed.root) : undefined;
  const lambdas = resources.filter(
    (resource): resource is LambdaResource => resource.kind === 'lambda',
  );
  if (indexed) {
    addHttpEvents(indexed, lambdas);
  }
}

function acceptsFor(resource: Resource): (construct: ConstructFact) => boolean {
  if (resource.kind === 'lambda') {
    return isFunctionConstruct;
  }

  return resource.kind === 'table'
    ? construct => construct.module === 'aws-dynamodb' && TABLE_CLASSES.has(construct.className)
    : () => true;
}

// Construct ids made in a loop or a helper have no static value, so only the bundle tells.
async function handlerOfAsset(
  lambda: LambdaResource,
  template: AssemblyTemplate,
  assetPath: string | undefined,
  app: SynthesizedApp,
): Promise<HandlerRef | undefined> {
  if (assetPath === undefined || !lambda.handler) {
    return undefined;
  }

  const folder = posix.resolve(join(app.root, template.assemblyDir), assetPath);
  const entry = await assetEntryOf(folder, app.appRoot);
  const bundled = entry === undefined ? undefined : posix.relative(app.root, entry);
  const files =
    bundled === undefined || bundled.startsWith('..')
      ? await copiedHandlerFilesOf(folder, lambda.handler.text, app)
      : [bundled];
  if (files.length === 0) {
    return undefined;
  }

  return { files, exportName: lambda.handler.exportName, text: lambda.handler.text };
}

// The template's own handler files are relative to the cloud assembly, where no source lives,
// so a Lambda whose source was not found keeps none.
function assignHandler(
  lambda: LambdaResource,
  found: { handler: HandlerRef | undefined; cdkPath: string | undefined },
  logger: Logger,
): void {
  if (found.handler) {
    lambda.handler = found.handler;
    return;
  }

  if (found.cdkPath !== undefined && isCdkProvided(found.cdkPath)) {
    lambda.providedBy = 'aws-cdk-lib';
    delete lambda.handler;
    logger.step(
      `cdk: Lambda "${lambda.logicalId}" of "${lambda.template}" runs code of aws-cdk-lib`,
    );
    return;
  }

  if (lambda.handler) {
    lambda.handler = { ...lambda.handler, files: [] };
  }

  logger.step(
    `cdk: no source file found for Lambda "${lambda.logicalId}" of "${lambda.template}"; a static construct id or "sourceMap: true" in its bundling lets infrawise find it`,
  );
}

/** `aws:cdk:path` and `aws:asset:path` of each resource, by logical id. */
export function metadataOf(source: string): Map<string, ResourceMetadata> {
  const found = new Map<string, ResourceMetadata>();
  try {
    const template = JSON.parse(source) as { Resources?: Record<string, unknown> };
    for (const [logicalId, body] of Object.entries(template.Resources ?? {})) {
      const metadata = (body as { Metadata?: Record<string, unknown> }).Metadata ?? {};
      const cdkPath = metadata['aws:cdk:path'];
      const assetPath = metadata['aws:asset:path'];
      found.set(logicalId, {
        ...(typeof cdkPath === 'string' ? { cdkPath } : {}),
        ...(typeof assetPath === 'string' ? { assetPath } : {}),
      });
    }
  } catch {
    // The CloudFormation reader reports a template that is not JSON; it has no metadata here.
  }

  return found;
}
