import { createHash } from 'node:crypto';
import { extractFileFacts } from './extract-file-facts.js';
import type { FileFacts } from './file-facts.js';
import type { SourceSnapshot } from './source-snapshot.js';

interface CachedFacts {
  hash: string;
  facts: FileFacts;
}

/** What the latest scan through a cache did: files read from disk, files parsed. */
export interface ScanCounts {
  filesRead: number;
  filesParsed: number;
}

/**
 * Per-file facts kept between scans of one root, keyed by path and content hash, and the code
 * files as last read from disk, so a scan after a few edits parses and reads only those files.
 */
export class FactsCache {
  private readonly byFile = new Map<string, CachedFacts>();
  /** The code files of `root` and their text when the last scan that kept its state read them. */
  snapshot: SourceSnapshot | undefined;
  lastScan: ScanCounts = { filesRead: 0, filesParsed: 0 };

  constructor(readonly root: string) {}

  /**
   * The facts of `file` with this text, extracted only when the text differs from the one
   * cached. `keep: false` leaves the cache as it was: the text is an unsaved edit.
   */
  factsOf(file: string, source: string, keep: boolean): { facts: FileFacts; parsed: boolean } {
    const hash = createHash('sha1').update(source).digest('hex');
    const cached = this.byFile.get(file);
    if (cached?.hash === hash) {
      return { facts: cached.facts, parsed: false };
    }

    const facts = extractFileFacts(file, source);
    if (keep) {
      this.byFile.set(file, { hash, facts });
    }

    return { facts, parsed: true };
  }

  /** Drops the facts of files that are gone, so the cache does not grow with every rename. */
  retain(files: ReadonlySet<string>): void {
    for (const file of this.byFile.keys()) {
      if (!files.has(file)) {
        this.byFile.delete(file);
      }
    }
  }
}
