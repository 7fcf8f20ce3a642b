import type { Analysis } from '../analyze.js';
import { messageOf } from '../errors.js';
import type { GraphDocument } from '../graph/graph-document.js';
import { toGraphDocument } from '../graph/graph-document.js';
import type { Logger } from '../logger.js';
import type { GraphStatus } from './graph-status.js';
import { graphStatusOf } from './graph-status.js';

/** One build of the graph, with what every answer reports about it. */
export interface Snapshot {
  analysis: Analysis;
  status: GraphStatus;
  /** Built on first use: most answers never need the JSON form. */
  document(): GraphDocument;
}

export interface AnalysisStore {
  root: string;
  /** The newest snapshot; waits for a rebuild that a change has already asked for. */
  current(): Promise<Snapshot>;
  /**
   * Asks for a rebuild after `debounceMs` of quiet. `file` (relative to the root) is what
   * changed; without it the rebuild cannot tell what changed and reads everything again.
   */
  invalidate(file?: string): void;
  close(): void;
}

export interface StoreOptions {
  root: string;
  /** Runs the pipeline; `changed` holds the paths changed since the last run, when known. */
  run: (changed?: ReadonlySet<string>) => Promise<Analysis>;
  logger: Logger;
  debounceMs?: number;
  /** Told about each new snapshot; tests and the latency bench count rebuilds with it. */
  onBuilt?: (snapshot: Snapshot) => void;
}

/**
 * Keeps the newest analysis. Changes are debounced into one rebuild that is told which paths
 * changed; a change that arrives while a rebuild runs starts another one after it, so no edit
 * is lost.
 */
export async function createAnalysisStore(options: StoreOptions): Promise<AnalysisStore> {
  let snapshot = await build(options, undefined);
  let pending: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let dirty = false;
  const changes = new ChangeSet();
  const waiters: Array<() => void> = [];

  const rebuild = async (): Promise<void> => {
    while (dirty) {
      dirty = false;
      const changed = changes.take();
      const next = await buildKeepingOld(options, snapshot, changed);
      if (next === snapshot) {
        changes.giveBack(changed);
      }
      snapshot = next;
    }
  };
  const settle = (): void => {
    timer = undefined;
    pending = rebuild().finally(() => {
      pending = undefined;
      for (const wake of waiters.splice(0)) {
        wake();
      }
    });
  };

  return {
    root: options.root,
    async current() {
      while (timer || pending) {
        await (pending ?? new Promise<void>(resolve => waiters.push(resolve)));
      }
      return snapshot;
    },
    invalidate(file) {
      changes.add(file);
      dirty = true;
      if (pending) {
        return;
      }
      clearTimeout(timer);
      timer = setTimeout(settle, options.debounceMs ?? 100);
    },
    close() {
      clearTimeout(timer);
    },
  };
}

/** Paths changed since the last rebuild; `undefined` once any change came without its path. */
class ChangeSet {
  private paths: Set<string> | undefined = new Set();

  add(file: string | undefined): void {
    if (file === undefined) {
      this.paths = undefined;
    } else {
      this.paths?.add(file);
    }
  }

  take(): ReadonlySet<string> | undefined {
    const taken = this.paths;
    this.paths = new Set();

    return taken;
  }

  // A rebuild that failed may have applied some of its changes and not others; the next one
  // applies them all again.
  giveBack(taken: ReadonlySet<string> | undefined): void {
    if (taken === undefined) {
      this.paths = undefined;
      return;
    }
    for (const file of taken) {
      this.add(file);
    }
  }
}

async function build(
  options: StoreOptions,
  changed: ReadonlySet<string> | undefined,
): Promise<Snapshot> {
  const analysis = await options.run(changed);
  let document: GraphDocument | undefined;
  const snapshot: Snapshot = {
    analysis,
    status: graphStatusOf(analysis, new Date()),
    document: () => (document ??= toGraphDocument(analysis.graph)),
  };
  options.onBuilt?.(snapshot);

  return snapshot;
}

// A rebuild that throws (a config file edited into invalid YAML) keeps answering from the last
// good graph rather than taking the server down.
async function buildKeepingOld(
  options: StoreOptions,
  previous: Snapshot,
  changed: ReadonlySet<string> | undefined,
): Promise<Snapshot> {
  try {
    return await build(options, changed);
  } catch (error) {
    options.logger.error(
      `mcp: rebuilding the graph failed: ${messageOf(error)}. Answers use the graph built ${previous.status.builtAt}.`,
    );
    return previous;
  }
}
