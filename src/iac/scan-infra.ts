import type { Logger } from '../logger.js';
import type { SourceStatus } from '../source-status.js';
import { scanCdk } from './cdk/scan-cdk.js';
import type { InfraScan } from './resources.js';
import { scanCloudFormation } from './scan-cloudformation.js';
import { scanServerless } from './serverless/scan-serverless.js';
import { scanTerraform } from './terraform/scan-terraform.js';

export interface InfraOptions {
  logger: Logger;
  exclude?: string[];
  /** How long one reader may take before the run goes on without it; 120 s unless set. */
  readerTimeoutMs?: number;
  /** Aborted when the run stops waiting for the reader, which may then stop between files. */
  signal?: AbortSignal;
}

/** One infrastructure format: the kind its sources carry, its name in messages, its reader. */
export interface InfraReader {
  kind: SourceStatus['kind'];
  label: string;
  read: (root: string, options: InfraOptions) => Promise<InfraScan>;
}

// Each format reads on its own and emits the same resource shapes; the graph does not care
// where a resource came from.
const READERS: InfraReader[] = [
  { kind: 'cloudformation', label: 'CloudFormation', read: scanCloudFormation },
  { kind: 'serverless', label: 'Serverless', read: scanServerless },
  { kind: 'cdk', label: 'CDK', read: scanCdk },
  { kind: 'terraform', label: 'Terraform', read: scanTerraform },
];

// Reading 337 Terraform files took 47 s on a busy two-core machine; the bound leaves room for
// large repositories and cuts off only a reader that is stuck.
const DEFAULT_READER_TIMEOUT_MS = 120_000;

/** Reads every infrastructure format under `root` and merges what they found. */
export async function scanInfra(
  root: string,
  options: InfraOptions,
  readers: InfraReader[] = READERS,
): Promise<InfraScan> {
  const read = await Promise.all(readers.map(reader => readWithin(reader, root, options)));
  const scans = read.map(scan => withoutFilesOthersClaim(scan, read));

  return {
    sources: scans.flatMap(scan => scan.sources),
    resources: scans.flatMap(scan => scan.resources),
    templatesRead: scans.reduce((total, scan) => total + scan.templatesRead, 0),
  };
}

// Limitation: a Promise race cannot interrupt a reader computing without yielding to the event
// loop. Breaks on one template of a hundred megabytes: the bound is checked once it is parsed.
async function readWithin(
  reader: InfraReader,
  root: string,
  options: InfraOptions,
): Promise<InfraScan> {
  const timeoutMs = options.readerTimeoutMs ?? DEFAULT_READER_TIMEOUT_MS;
  const stop = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<InfraScan>(resolve => {
    timer = setTimeout(() => {
      stop.abort();
      resolve(timedOut(reader, timeoutMs, options.logger));
    }, timeoutMs);
  });
  const logger = silencedOnAbort(stop.signal, options.logger);

  try {
    return await Promise.race([
      reader.read(root, { ...options, logger, signal: stop.signal }),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

function timedOut(reader: InfraReader, timeoutMs: number, logger: Logger): InfraScan {
  const seconds = Number((timeoutMs / 1000).toFixed(2));
  const error = `the ${reader.label} reader did not finish within ${seconds} s, so no ${reader.label} resources are in this run. Exclude the folders that hold large or generated ${reader.label} files with "exclude" in infrawise.yaml, or allow more time with analysis.readerTimeoutSeconds.`;
  logger.warn(`Skipped the ${reader.label} files under ".": ${error}`);
  const source: SourceStatus = { kind: reader.kind, path: '.', status: 'failed', error };

  return { sources: [source], resources: [], templatesRead: 0 };
}

// A reader the run stopped waiting for may still finish later; what it logs then would
// describe files the run has already reported as not read.
function silencedOnAbort(signal: AbortSignal, logger: Logger): Logger {
  const unlessAborted =
    (write: (text: string) => void) =>
    (text: string): void => {
      if (!signal.aborted) {
        write(text);
      }
    };

  return {
    error: unlessAborted(text => logger.error(text)),
    warn: unlessAborted(text => logger.warn(text)),
    info: unlessAborted(text => logger.info(text)),
    step: unlessAborted(text => logger.step(text)),
  };
}

// A file that one reader reads as part of its own format (a `${file(...)}` include of a
// serverless.yml) is not a template of its own, even when another reader recognises it as one.
function withoutFilesOthersClaim(scan: InfraScan, scans: InfraScan[]): InfraScan {
  const others = scans.filter(other => other !== scan);
  const claimed = new Set(others.flatMap(other => other.claimedFiles ?? []));
  if (claimed.size === 0) {
    return scan;
  }

  const dropped = scan.sources.filter(source => claimed.has(source.path));

  return {
    sources: scan.sources.filter(source => !claimed.has(source.path)),
    resources: scan.resources.filter(resource => !claimed.has(resource.template)),
    templatesRead: scan.templatesRead - dropped.filter(source => source.status === 'ok').length,
  };
}
