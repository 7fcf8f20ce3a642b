import type { Logger } from '../logger.js';
import { scanCdk } from './cdk/scan-cdk.js';
import type { InfraScan } from './resources.js';
import { scanCloudFormation } from './scan-cloudformation.js';
import { scanServerless } from './serverless/scan-serverless.js';
import { scanTerraform } from './terraform/scan-terraform.js';

export interface InfraOptions {
  logger: Logger;
  exclude?: string[];
}

type InfraReader = (root: string, options: InfraOptions) => Promise<InfraScan>;

// Each format reads on its own and emits the same resource shapes; the graph does not care
// where a resource came from.
const READERS: InfraReader[] = [scanCloudFormation, scanServerless, scanCdk, scanTerraform];

/** Reads every infrastructure format under `root` and merges what they found. */
export async function scanInfra(root: string, options: InfraOptions): Promise<InfraScan> {
  const read = await Promise.all(READERS.map(reader => reader(root, options)));
  const scans = read.map(scan => withoutFilesOthersClaim(scan, read));

  return {
    sources: scans.flatMap(scan => scan.sources),
    resources: scans.flatMap(scan => scan.resources),
    templatesRead: scans.reduce((total, scan) => total + scan.templatesRead, 0),
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
