import type { Logger } from '../../src/logger.js';
import type {
  LambdaResource,
  QueueResource,
  Resource,
  TableResource,
  TopicResource,
} from '../../src/iac/resources.js';
import { scanInfra } from '../../src/iac/scan-infra.js';
import { writeApp } from '../helpers/app.js';

/** Writes a map of file name to contents into a fresh temporary folder and returns its path. */
export function writeFiles(files: Record<string, string>): Promise<string> {
  return Promise.resolve(writeApp(files));
}

export interface CapturedLogger extends Logger {
  warnings: string[];
}

export function captureLogger(): CapturedLogger {
  const warnings: string[] = [];

  return {
    warnings,
    error: () => {},
    warn: text => warnings.push(text),
    info: () => {},
    step: () => {},
  };
}

/** Scans the files and returns the scan with lookups by logical id. */
export async function scanFiles(
  files: Record<string, string>,
  options: { exclude?: string[] } = {},
) {
  const logger = captureLogger();
  const root = await writeFiles(files);
  const scan = await scanInfra(root, { logger, ...options });
  const find = <T extends Resource>(kind: T['kind'], logicalId: string): T => {
    const resource = scan.resources.find(
      candidate => candidate.kind === kind && candidate.logicalId === logicalId,
    );
    if (!resource) {
      throw new Error(`no ${kind} ${logicalId} in the scan`);
    }

    return resource as T;
  };

  return {
    scan,
    logger,
    table: (logicalId: string) => find<TableResource>('table', logicalId),
    lambda: (logicalId: string) => find<LambdaResource>('lambda', logicalId),
    queue: (logicalId: string) => find<QueueResource>('queue', logicalId),
    topic: (logicalId: string) => find<TopicResource>('topic', logicalId),
  };
}
