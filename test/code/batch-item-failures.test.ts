import { describe, expect, it } from 'vitest';
import { scanApp } from './write-app.js';

function returnsBatchItemFailures(
  scan: Awaited<ReturnType<typeof scanApp>>['scan'],
  id: string,
): boolean | undefined {
  return scan.functions.find(fn => fn.id === id)?.returnsBatchItemFailures;
}

describe('returnsBatchItemFailures', () => {
  it('marks a handler that returns a batchItemFailures object literal', async () => {
    const { scan } = await scanApp({
      'src/worker.ts': `export const handler = async (event: { Records: { messageId: string }[] }) => {
  const batchItemFailures: { itemIdentifier: string }[] = [];
  for (const record of event.Records) {
    try { await work(record); } catch { batchItemFailures.push({ itemIdentifier: record.messageId }); }
  }
  return { batchItemFailures };
};
async function work(record: unknown) { return record; }
`,
    });

    expect(returnsBatchItemFailures(scan, 'src/worker.ts#handler')).toBe(true);
    expect(returnsBatchItemFailures(scan, 'src/worker.ts#work')).toBeUndefined();
  });

  it('follows a returned local variable to its object literal', async () => {
    const { scan } = await scanApp({
      'src/worker.js': `exports.handler = async (event) => {
  const response = { batchItemFailures: [] };
  for (const record of event.Records) { response.batchItemFailures.push({ itemIdentifier: record.messageId }); }
  return response;
};
`,
    });

    expect(returnsBatchItemFailures(scan, 'src/worker.js#handler')).toBe(true);
  });

  it('marks an arrow whose expression body is the batch response', async () => {
    const { scan } = await scanApp({
      'src/worker.ts': `export const handler = async () => ({ batchItemFailures: [] });\n`,
    });

    expect(returnsBatchItemFailures(scan, 'src/worker.ts#handler')).toBe(true);
  });

  it('leaves a handler that returns something else unmarked', async () => {
    const { scan } = await scanApp({
      'src/worker.ts': `import { SQSClient } from '@aws-sdk/client-sqs';
export const handler = async () => { const result = { statusCode: 200 }; return result; };
`,
    });

    expect(returnsBatchItemFailures(scan, 'src/worker.ts#handler')).toBeUndefined();
  });

  it('counts a return inside a nested callback for the enclosing code function', async () => {
    const { scan } = await scanApp({
      'src/worker.ts': `export const handler = async (event: { Records: string[] }) => {
  const results = event.Records.map(() => { return { batchItemFailures: [] }; });
  return results.length;
};
`,
    });

    expect(returnsBatchItemFailures(scan, 'src/worker.ts#handler')).toBe(true);
  });
});
