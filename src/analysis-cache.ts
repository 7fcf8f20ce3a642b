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
      this.infra = { exclude: JSON.stringify(exclude), scan, files, readsAnyCode };
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
  if (!isCodePath(path)) {
    return NEVER_INFRASTRUCTURE.has(extension) ? 'unread' : 'infrastructure';
  }

  return kept.readsAnyCode ? 'infrastructure' : 'code';
}

// Limitation: two readers read code files they do not report, so with their formats every code
// change reads the infrastructure again. A `serverless.ts` follows its imports into any module;
// the CDK reader compares handler files with their copies in `cdk.out`. A repository with either
// gains only the facts cache on a code edit, not the reused infrastructure.
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
