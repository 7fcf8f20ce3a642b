import { readFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import type { Logger } from '../../logger.js';
import type { SourceStatus } from '../../source-status.js';
import { readSourceTextAsync } from '../../source-text.js';
import type { TemplateFile } from '../discover-templates.js';
import { parseTemplate } from '../parse-template.js';
import type { MapEntry, TemplateNode } from '../template-node.js';
import { childAt, mapAt, scalarText } from '../template-node.js';

/** A stack template a manifest lists, with the assembly folder its assets sit in. */
export interface AssemblyTemplate {
  file: TemplateFile;
  /** Folder of the manifest that lists it, relative to the root. */
  assemblyDir: string;
}

export interface AssemblyRead {
  templates: AssemblyTemplate[];
  sources: SourceStatus[];
}

const STACK_ARTIFACT = 'aws:cloudformation:stack';
const NESTED_ASSEMBLY_ARTIFACT = 'cdk:cloud-assembly';
const NESTED_TEMPLATE = /\.nested\.template\.json$/;

// Stages nest inside stages; real apps stop at two or three levels.
const MAX_NESTING = 8;

/**
 * Reads a cloud assembly: the stack templates its manifest lists, the assemblies of nested
 * stages, and the templates of nested stacks. Templates the manifest does not list are left out.
 */
export async function readAssembly(
  root: string,
  manifest: string,
  logger: Logger,
  depth = 0,
): Promise<AssemblyRead> {
  const text = await readText(root, manifest);
  const parsed = text === undefined ? undefined : parseTemplate(text, manifest, true);
  if (!parsed?.ok) {
    const reason = parsed
      ? parsed.reason
      : 'it could not be read. Run "cdk synth" again to write the cloud assembly.';
    return { templates: [], sources: [failed(manifest, reason, parsed?.line, logger)] };
  }

  const assemblyDir = posix.dirname(manifest);
  const artifacts = mapAt(parsed.root, 'artifacts')?.entries ?? [];
  const reads = await Promise.all(
    artifacts.map(artifact => readArtifact(root, assemblyDir, artifact, { logger, depth })),
  );
  const ok: SourceStatus = { kind: 'cdk', path: manifest, status: 'ok' };

  return {
    templates: reads.flatMap(read => read.templates),
    sources: [ok, ...reads.flatMap(read => read.sources)],
  };
}

async function readArtifact(
  root: string,
  assemblyDir: string,
  artifact: MapEntry,
  context: { logger: Logger; depth: number },
): Promise<AssemblyRead> {
  const type = scalarText(childAt(artifact.value, 'type'));
  if (type === STACK_ARTIFACT) {
    const templateFile = childAt(artifact.value, 'properties', 'templateFile');
    return readStackTemplates(root, assemblyDir, templateFile, context.logger);
  }

  const directory = scalarText(childAt(artifact.value, 'properties', 'directoryName'));
  if (type !== NESTED_ASSEMBLY_ARTIFACT || directory === undefined) {
    return { templates: [], sources: [] };
  }

  if (context.depth >= MAX_NESTING) {
    context.logger.step(`cdk: "${assemblyDir}/${directory}" is nested too deep and is not read`);
    return { templates: [], sources: [] };
  }

  const nested = posix.join(assemblyDir, directory, 'manifest.json');
  return readAssembly(root, nested, context.logger, context.depth + 1);
}

async function readStackTemplates(
  root: string,
  assemblyDir: string,
  templateFile: TemplateNode | undefined,
  logger: Logger,
): Promise<AssemblyRead> {
  const name = scalarText(templateFile);
  if (name === undefined || !templateFile) {
    return { templates: [], sources: [] };
  }

  const path = posix.join(assemblyDir, name);
  const read = await readSourceTextAsync(join(root, path));
  if (!read.ok && !read.missing) {
    return { templates: [], sources: [failed(path, read.reason, undefined, logger)] };
  }
  const source = read.ok ? read.text : undefined;
  if (source === undefined) {
    const manifest = `${assemblyDir}/manifest.json`;
    const reason = `line ${templateFile.location.line} lists the template "${name}", which is missing. Run "cdk synth" again to write it.`;
    return {
      templates: [],
      sources: [failed(manifest, reason, templateFile.location.line, logger)],
    };
  }

  const nested = await readNestedStacks(root, assemblyDir, source, 0);

  return { templates: [{ file: { path, source }, assemblyDir }, ...nested], sources: [] };
}

// A nested stack is an `AWS::CloudFormation::Stack` whose template is an asset of the assembly.
async function readNestedStacks(
  root: string,
  assemblyDir: string,
  parentSource: string,
  depth: number,
): Promise<AssemblyTemplate[]> {
  if (depth >= MAX_NESTING) {
    return [];
  }

  const names = nestedTemplateNamesOf(parentSource);
  const found = await Promise.all(
    names.map(async name => {
      const path = posix.join(assemblyDir, name);
      const source = await readText(root, path);
      if (source === undefined) {
        return [];
      }

      const deeper = await readNestedStacks(root, assemblyDir, source, depth + 1);
      return [{ file: { path, source }, assemblyDir }, ...deeper];
    }),
  );

  return found.flat();
}

/** `aws:asset:path` of each nested stack of a template; an unparsable one has none. */
export function nestedTemplateNamesOf(source: string): string[] {
  try {
    const template = JSON.parse(source) as { Resources?: Record<string, unknown> };
    return Object.values(template.Resources ?? {}).flatMap(resource => {
      const body = resource as { Type?: unknown; Metadata?: Record<string, unknown> };
      const asset = body.Metadata?.['aws:asset:path'];
      return body.Type === 'AWS::CloudFormation::Stack' &&
        typeof asset === 'string' &&
        NESTED_TEMPLATE.test(asset)
        ? [asset]
        : [];
    });
  } catch {
    return [];
  }
}

function failed(
  path: string,
  reason: string,
  line: number | undefined,
  logger: Logger,
): SourceStatus {
  logger.warn(`Skipped "${path}": ${reason}`);
  const source: SourceStatus = { kind: 'cdk', path, status: 'failed', error: reason };
  if (line !== undefined) {
    source.line = line;
  }

  return source;
}

async function readText(root: string, path: string): Promise<string | undefined> {
  try {
    return await readFile(join(root, path), 'utf8');
  } catch {
    return undefined;
  }
}
