import type { Logger } from '../logger.js';
import { scanCdk } from './cdk/scan-cdk.js';
import type { InfraScan } from './resources.js';
import { scanCloudFormation } from './scan-cloudformation.js';

export interface InfraOptions {
  logger: Logger;
  exclude?: string[];
}

type InfraReader = (root: string, options: InfraOptions) => Promise<InfraScan>;

// Each format reads on its own and emits the same resource shapes; the graph does not care
// where a resource came from.
const READERS: InfraReader[] = [scanCloudFormation, scanCdk];

/** Reads every infrastructure format under `root` and merges what they found. */
export async function scanInfra(root: string, options: InfraOptions): Promise<InfraScan> {
  const scans = await Promise.all(READERS.map(read => read(root, options)));

  return {
    sources: scans.flatMap(scan => scan.sources),
    resources: scans.flatMap(scan => scan.resources),
    templatesRead: scans.reduce((total, scan) => total + scan.templatesRead, 0),
  };
}
