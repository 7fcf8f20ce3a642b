import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CodeScan } from '../../src/code/facts.js';
import { FactsCache } from '../../src/code/facts-cache.js';
import { scanCode } from '../../src/code/scan-code.js';
import { silentLogger } from '../../src/logger.js';
import { writeApp } from './write-app.js';

const db = `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
export const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));
`;

const getOrder = `import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { ddb } from '../lib/db';
export const handler = async () => ddb.send(new GetCommand({ TableName: 'orders', Key: {} }));
`;

const listOrders = `import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { ddb } from '../lib/db';
export const handler = async () => ddb.send(new ScanCommand({ TableName: 'orders' }));
`;

const app = {
  'src/lib/db.ts': db,
  'src/handlers/get-order.ts': getOrder,
  'src/handlers/list-orders.ts': listOrders,
  'src/lib/format.ts': 'export const format = (text: string) => text.trim();\n',
};

function write(root: string, file: string, text: string): void {
  mkdirSync(dirname(join(root, file)), { recursive: true });
  writeFileSync(join(root, file), text);
}

async function scan(root: string, cache: FactsCache, changed?: string[]): Promise<CodeScan> {
  return scanCode(root, {
    logger: silentLogger,
    cache,
    ...(changed ? { changed: new Set(changed) } : {}),
  });
}

function operationsOf(result: CodeScan): string[] {
  return result.operations.map(
    operation => `${operation.action} ${operation.location.file}:${operation.location.line}`,
  );
}

describe('FactsCache', () => {
  it('parses every selected file on the first scan and none on a second unchanged one', async () => {
    const root = writeApp(app);
    const cache = new FactsCache(root);

    await scan(root, cache);
    const first = cache.lastScan;
    await scan(root, cache, []);

    expect(first).toEqual({ filesRead: 4, filesParsed: 3 });
    expect(cache.lastScan).toEqual({ filesRead: 0, filesParsed: 0 });
  });

  it('reads and parses only the changed file, and its operations follow the new text', async () => {
    const root = writeApp(app);
    const cache = new FactsCache(root);
    await scan(root, cache);

    write(root, 'src/handlers/get-order.ts', getOrder.replaceAll('GetCommand', 'DeleteCommand'));
    const result = await scan(root, cache, ['src/handlers/get-order.ts']);

    expect(cache.lastScan).toEqual({ filesRead: 1, filesParsed: 1 });
    expect(operationsOf(result)).toEqual([
      'delete src/handlers/get-order.ts:3',
      'scan src/handlers/list-orders.ts:3',
    ]);
  });

  it('drops the operations of a removed file', async () => {
    const root = writeApp(app);
    const cache = new FactsCache(root);
    await scan(root, cache);

    rmSync(join(root, 'src/handlers/list-orders.ts'));
    const result = await scan(root, cache, ['src/handlers/list-orders.ts']);

    expect(cache.lastScan).toEqual({ filesRead: 0, filesParsed: 0 });
    expect(result.filesFound).toBe(3);
    expect(operationsOf(result)).toEqual(['get src/handlers/get-order.ts:3']);
  });

  it('adds the operations of an added file, parsing only that file', async () => {
    const root = writeApp(app);
    const cache = new FactsCache(root);
    await scan(root, cache);

    write(root, 'src/handlers/put-order.ts', getOrder.replaceAll('GetCommand', 'PutCommand'));
    const result = await scan(root, cache, ['src/handlers/put-order.ts']);

    expect(cache.lastScan).toEqual({ filesRead: 1, filesParsed: 1 });
    expect(operationsOf(result)).toContain('put src/handlers/put-order.ts:3');
    expect(result.filesFound).toBe(5);
  });

  it('drops the files of a removed folder when only the folder is named', async () => {
    const root = writeApp({ ...app, 'src/jobs/nightly.ts': listOrders });
    const cache = new FactsCache(root);
    await scan(root, cache);

    rmSync(join(root, 'src/jobs'), { recursive: true });
    const result = await scan(root, cache, ['src/jobs']);

    expect(operationsOf(result)).not.toContain('scan src/jobs/nightly.ts:3');
    expect(result.filesFound).toBe(4);
  });

  it('walks the tree again when a .gitignore changes', async () => {
    const root = writeApp(app);
    const cache = new FactsCache(root);
    await scan(root, cache);

    write(root, '.gitignore', 'src/handlers/list-orders.ts\n');
    const result = await scan(root, cache, ['.gitignore']);

    expect(operationsOf(result)).toEqual(['get src/handlers/get-order.ts:3']);
  });

  it('reads everything again, but parses nothing, when what changed is unknown', async () => {
    const root = writeApp(app);
    const cache = new FactsCache(root);
    await scan(root, cache);

    await scan(root, cache);

    expect(cache.lastScan).toEqual({ filesRead: 4, filesParsed: 0 });
  });

  it('parses an unsaved edit without keeping it, so the saved text is not parsed again', async () => {
    const root = writeApp(app);
    const cache = new FactsCache(root);
    await scan(root, cache);
    const overlay = new Map([['src/handlers/get-order.ts', listOrders]]);

    const edited = await scanCode(root, {
      logger: silentLogger,
      cache,
      overlay,
      changed: new Set(),
    });
    const edits = cache.lastScan;
    const saved = await scan(root, cache, []);

    expect(edits).toEqual({ filesRead: 0, filesParsed: 1 });
    expect(operationsOf(edited)).toContain('scan src/handlers/get-order.ts:3');
    expect(cache.lastScan.filesParsed).toBe(0);
    expect(operationsOf(saved)).toContain('get src/handlers/get-order.ts:3');
  });

  it('gives the same scan as a scan without a cache after edits, additions and removals', async () => {
    const root = writeApp(app);
    const cache = new FactsCache(root);
    await scan(root, cache);

    write(root, 'src/handlers/get-order.ts', `${getOrder}// edited\n`);
    write(root, 'src/handlers/new.ts', listOrders);
    rmSync(join(root, 'src/lib/format.ts'));
    const cached = await scan(root, cache, [
      'src/handlers/get-order.ts',
      'src/handlers/new.ts',
      'src/lib/format.ts',
    ]);
    const fresh = await scanCode(root, { logger: silentLogger });

    expect(cached).toEqual(fresh);
  });
});
