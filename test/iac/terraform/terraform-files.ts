import type {
  LambdaResource,
  QueueResource,
  Resource,
  TableResource,
  TopicResource,
} from '../../../src/iac/resources.js';
import { scanTerraform } from '../../../src/iac/terraform/scan-terraform.js';
import type { CapturedLogger } from '../scan-files.js';
import { captureLogger, writeFiles } from '../scan-files.js';

/** Writes the files, runs the Terraform reader alone and returns lookups by address. */
export async function scanTerraformFiles<L extends CapturedLogger = CapturedLogger>(
  files: Record<string, string>,
  logger: L = captureLogger() as L,
) {
  const root = await writeFiles(files);
  const scan = await scanTerraform(root, { logger });
  const find = <T extends Resource>(kind: T['kind'], address: string): T => {
    const resource = scan.resources.find(
      candidate => candidate.kind === kind && candidate.logicalId === address,
    );
    if (!resource) {
      throw new Error(`no ${kind} ${address} in the scan`);
    }

    return resource as T;
  };

  return {
    scan,
    logger,
    table: (address: string) => find<TableResource>('table', address),
    lambda: (address: string) => find<LambdaResource>('lambda', address),
    queue: (address: string) => find<QueueResource>('queue', address),
    topic: (address: string) => find<TopicResource>('topic', address),
  };
}
