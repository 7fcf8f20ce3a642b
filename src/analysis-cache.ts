import { readFileSync } from 'node:fs';
import { join, posix, resolve } from 'node:path';
import { FactsCache } from './code/facts-cache.js';
import { isCodePath } from './code/source-snapshot.js';
import type { InfraScan } from './iac/resources.js';

// Files no infrastructure reader opens unless a template includes them, which the previous
// scan's sources record.
const NEVER_INFRASTRUCTURE = new Set(['.md', '.markdown', '.txt', '.png', '.jpg', '.svg', '.gif']);

// Any mention of the CDK makes a code file a possible construct source for the CDK reader.
const MENTIONS_CDK = /aws-cdk|cdktf/;

/** How the latest run used the cache: what it read again and what it kept. */
export interface CacheUse {
  infrastructure: 'read' | 'reused';
  filesRead: number;
  filesParsed: number;
}

interface KeptInfra {
  exclude: string;
  scan: InfraScan;
  /** Every file the scan read or points into: templates, includes, CDK sources. */
  files: Set<string>;
  /** Whether a reader of this repository's formats may read any code file. */
  readsAnyCode: boolean;
  /** The text of the Terraform files read, which may name other files through `file()`. */
  terraformTexts: string[];
}

/**
 * What one run of the pipeline keeps for the next run on the same root: the code facts and
 * sources, and the infrastructure scan, which is reused while no changed file can alter it.
 */
export class AnalysisCache {
  readonly root: string;
  readonly code: FactsCache;
  private infra: KeptInfra | undefined;

  constructor(root: string) {
    this.root = resolve(root);
    this.code = new FactsCache(this.root);
  }

  /** The previous infrastructure scan, when none of `changed` can alter it; else undefined. */
  reusableInfra(
    root: string,
    exclude: string[],
    changed: ReadonlySet<string> | undefined,
  ): InfraScan | undefined {
    const kept = this.infra;
    if (!kept || !changed || root !== this.root || kept.exclude !== JSON.stringify(exclude)) {
      return undefined;
    }

    const touchesInfra = [...changed].some(path => this.mayChangeInfrastructure(path, kept));

    return touchesInfra ? undefined : kept.scan;
  }

  keepInfra(root: string, exclude: string[], scan: InfraScan): void {
    if (root === this.root) {
      const files = filesOf(scan);
      const readsAnyCode = readsAnyCodeFile(files);
      const terraformTexts = [...files]
        .filter(file => /\.tf(vars)?$/.test(file))
        .flatMap(file => readOptional(join(this.root, file)) ?? []);
      this.infra = { exclude: JSON.stringify(exclude), scan, files, readsAnyCode, terraformTexts };
    }
  }

  /**
   * Whether an infrastructure reader may read `path` as the repository is now: judged by its
   * name and, for a code file, by whether its text mentions the CDK. Without a previous scan to
   * compare with, every path may be.
   */
  isInfrastructureInput(path: string): boolean {
    const kind = this.infra ? kindOf(path, this.infra) : 'infrastructure';
    if (kind !== 'code') {
      return kind === 'infrastructure';
    }

    const text = this.code.snapshot?.sources.get(path) ?? readOptional(join(this.root, path));

    return text === undefined || MENTIONS_CDK.test(text);
  }

  // When in doubt a path counts as infrastructure: reading it again costs time, missing it
  // costs a wrong answer.
  private mayChangeInfrastructure(path: string, kept: KeptInfra): boolean {
    const kind = kindOf(path, kept);
    if (kind !== 'code') {
      return kind === 'infrastructure';
    }

    const before = this.code.snapshot?.sources.get(path);
    const after = readOptional(join(this.root, path));

    return (
      (before === undefined && after === undefined) ||
      MENTIONS_CDK.test(before ?? '') ||
      MENTIONS_CDK.test(after ?? '')
    );
  }
}

/** What a path is to the infrastructure readers; a code file needs its text to tell. */
function kindOf(path: string, kept: KeptInfra): 'infrastructure' | 'unread' | 'code' {
  const extension = posix.extname(path).toLowerCase();
  const isServiceFile = posix.basename(path).startsWith('serverless.');
  if (kept.files.has(path) || path.split('/').includes('cdk.out') || isServiceFile) {
    return 'infrastructure';
  }
  // Terraform's `file()` may read any file, so with Terraform every other file counts.
  // Limitation: a code file it reads through a computed path is missed. Breaks on
  // `file("${path.module}/${var.name}.js")`: editing that file leaves the infrastructure as it was.
  const hasTerraform = kept.terraformTexts.length > 0;
  if (!isCodePath(path)) {
    return NEVER_INFRASTRUCTURE.has(extension) && !hasTerraform ? 'unread' : 'infrastructure';
  }

  const namedByTerraform = kept.terraformTexts.some(text => text.includes(posix.basename(path)));

  return kept.readsAnyCode || namedByTerraform ? 'infrastructure' : 'code';
}

// Readers open code files they do not report: a `serverless.ts` follows its imports into any
// module, and the CDK reader compares handler files with their copies in `cdk.out`. With either,
// every code change reads the infrastructure again.
function readsAnyCodeFile(files: Set<string>): boolean {
  return [...files].some(
    file =>
      file.split('/').includes('cdk.out') ||
      (posix.basename(file).startsWith('serverless.') && isCodePath(file)),
  );
}

function filesOf(scan: InfraScan): Set<string> {
  return new Set([
    ...scan.sources.map(source => source.path),
    ...(scan.claimedFiles ?? []),
    ...scan.resources.flatMap(resource => [
      resource.template,
      resource.location.file,
      ...(resource.constructLocation ? [resource.constructLocation.file] : []),
    ]),
  ]);
}

function readOptional(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
