import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AnalysisCache } from '../../src/analysis-cache.js';
import { analyze } from '../../src/analyze.js';
import { loadConfig } from '../../src/config/load-config.js';
import { silentLogger } from '../../src/logger.js';
import { RULES } from '../../src/rules/registry.js';
import { createAnalysisStore } from '../../src/mcp/analysis-store.js';
import type { AnalysisStore, Snapshot } from '../../src/mcp/analysis-store.js';
import { writeApp } from '../helpers/app.js';

const handler = (
  command: string,
) => `import { DynamoDBClient, ${command} } from '@aws-sdk/client-dynamodb';
const client = new DynamoDBClient({});
export const handler = async () => client.send(new ${command}({ TableName: 'orders', Key: {} }));
`;

type Save = (file: string, text: string) => void;

/**
 * A store over a real app that records the changed paths each run was given; `onRun` may save
 * a file (and tell the store) while a run is under way.
 */
async function openStore(
  onRun: (changed: ReadonlySet<string> | undefined, save: Save) => void = () => {},
) {
  const root = writeApp({
    'src/a.ts': handler('GetItemCommand'),
    'src/b.ts': handler('GetItemCommand'),
  });
  const cache = new AnalysisCache(root);
  const runs: Array<string[] | 'unknown'> = [];
  const opened: { store?: AnalysisStore } = {};
  const save: Save = (file, text) => {
    writeFileSync(join(root, file), text);
    opened.store?.invalidate(file);
  };
  const store = await createAnalysisStore({
    root,
    logger: silentLogger,
    debounceMs: 20,
    run: async changed => {
      runs.push(changed ? [...changed].sort() : 'unknown');
      onRun(changed, save);
      return analyze(root, loadConfig(root, undefined, RULES), silentLogger, { cache, changed });
    },
  });
  opened.store = store;

  return { root, store, runs, save };
}

function actionsOf(snapshot: Snapshot): string[] {
  return snapshot.analysis.graph.operations
    .map(operation => `${operation.location.file} ${operation.action}`)
    .sort();
}

describe('createAnalysisStore', () => {
  it('debounces changes into one rebuild told every changed path', async () => {
    const { root, store, runs } = await openStore();

    writeFileSync(join(root, 'src/a.ts'), handler('DeleteItemCommand'));
    writeFileSync(join(root, 'src/b.ts'), handler('PutItemCommand'));
    store.invalidate('src/a.ts');
    store.invalidate('src/b.ts');
    const snapshot = await store.current();

    expect(runs).toEqual(['unknown', ['src/a.ts', 'src/b.ts']]);
    expect(actionsOf(snapshot)).toEqual(['src/a.ts delete', 'src/b.ts put']);
    expect(snapshot.status.update).toEqual({
      infrastructure: 'reused',
      filesRead: 2,
      filesParsed: 2,
    });
    store.close();
  });

  it('keeps a change that arrives during a rebuild and applies it in the next one', async () => {
    const { store, runs, save } = await openStore((changed, saveDuringRun) => {
      if (changed?.has('src/a.ts')) {
        saveDuringRun('src/b.ts', handler('PutItemCommand'));
      }
    });

    save('src/a.ts', handler('DeleteItemCommand'));
    const snapshot = await store.current();

    expect(runs).toEqual(['unknown', ['src/a.ts'], ['src/b.ts']]);
    expect(actionsOf(snapshot)).toEqual(['src/a.ts delete', 'src/b.ts put']);
    store.close();
  });

  it('applies the changes of a failed rebuild in the next one, answering from the old graph meanwhile', async () => {
    const { root, store, runs } = await openStore();

    writeFileSync(join(root, 'src/a.ts'), handler('DeleteItemCommand'));
    writeFileSync(join(root, 'infrawise.yaml'), 'exclude: [unclosed\n');
    store.invalidate('src/a.ts');
    store.invalidate('infrawise.yaml');
    const during = await store.current();
    writeFileSync(join(root, 'infrawise.yaml'), 'exclude: []\n');
    store.invalidate('infrawise.yaml');
    const after = await store.current();

    expect(actionsOf(during)).toEqual(['src/a.ts get', 'src/b.ts get']);
    expect(runs.at(-1)).toEqual(['infrawise.yaml', 'src/a.ts']);
    expect(actionsOf(after)).toEqual(['src/a.ts delete', 'src/b.ts get']);
    store.close();
  });

  it('reads everything again after a change reported without its path', async () => {
    const { store, runs } = await openStore();

    store.invalidate('src/a.ts');
    store.invalidate();
    const snapshot = await store.current();

    expect(runs).toEqual(['unknown', 'unknown']);
    expect(snapshot.status.update.filesRead).toBe(2);
    store.close();
  });
});
