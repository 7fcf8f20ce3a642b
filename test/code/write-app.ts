import type { CodeScan, Operation } from '../../src/code/facts.js';
import { scanCode } from '../../src/code/scan-code.js';
import type { Logger } from '../../src/logger.js';
import { writeApp } from '../helpers/app.js';

export { writeApp };

export interface ScannedApp {
  scan: CodeScan;
  warnings: string[];
}

/** Writes the app and scans it, keeping the warnings the scanner logged. */
export async function scanApp(
  files: Record<string, string>,
  exclude?: string[],
): Promise<ScannedApp> {
  const warnings: string[] = [];
  const logger: Logger = {
    error: text => warnings.push(text),
    warn: text => warnings.push(text),
    info: () => {},
    step: () => {},
  };
  const scan = await scanCode(writeApp(files), { logger, exclude });

  return { scan, warnings };
}

/** Operations whose location is in `file`, in output order. */
export function operationsIn(scan: CodeScan, file: string): Operation[] {
  return scan.operations.filter(operation => operation.location.file === file);
}

/** A short view of an operation for readable assertions. */
export function summary(operation: Operation) {
  return {
    action: operation.action,
    target: operation.target,
    line: operation.location.line,
    codeFunction: operation.codeFunction,
  };
}
