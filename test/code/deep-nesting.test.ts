import { describe, expect, it } from 'vitest';
import { scanCode } from '../../src/code/scan-code.js';
import { parseServerlessTs } from '../../src/iac/serverless/parse-serverless-ts.js';
import { captureLogger, writeFiles } from '../iac/scan-files.js';

// Around ten thousand nested brackets overflow oxc's native stack and end the process.
const deep = `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nexport const a = ${'['.repeat(12000)}\n`;

const handler = `import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
const client = new DynamoDBClient({});
export const handler = () => client.send(new GetItemCommand({ TableName: 'orders', Key: {} }));
`;

describe('a code file nested too deeply', () => {
  it('is a failed source with its line, and the other files are still scanned', async () => {
    const logger = captureLogger();
    const root = await writeFiles({ 'deep.ts': deep, 'handler.ts': handler });

    const scan = await scanCode(root, { logger });

    expect(scan.sources).toEqual([
      {
        kind: 'code',
        path: 'deep.ts',
        status: 'failed',
        line: 2,
        error: 'brackets nest more than 1000 levels deep, too deeply to read',
      },
      { kind: 'code', path: 'handler.ts', status: 'ok' },
    ]);
    expect(logger.warnings).toEqual([
      'Skipped "deep.ts": line 2: brackets nest more than 1000 levels deep, too deeply to read. Fix the syntax error or exclude the file.',
    ]);
    expect(scan.operations.map(operation => operation.action)).toEqual(['get']);
  });

  it('is a failed serverless.ts with its line', () => {
    const parsed = parseServerlessTs(`export default ${'['.repeat(12000)}\n`, 'serverless.ts');

    expect(parsed).toEqual({
      ok: false,
      line: 1,
      reason: 'line 1 nests brackets too deeply to read. Flatten the expression at that line.',
    });
  });
});
