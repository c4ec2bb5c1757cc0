/**
 * A cache of read models (roll-ups, acceptance facts) stamped with the data versions of the
 * counties they read. An entry is served while its stamp is unchanged, so a page never shows
 * figures older than the last committed write of its counties by a person (a form, a workbook).
 * Machine feeds (device ingest, many batches a second) are the exception: a model that reads them
 * is recomputed for new feed data at most every `feedRefreshMs` — KPI pages follow the devices
 * a few seconds behind instead of recomputing a county's year for every batch.
 * Requests for an entry being computed wait for that one computation instead of starting their own.
 *
 * maxAgeMs bounds what the versions cannot see — a write that bypassed recordAudit, a figure
 * that depends on the clock within a day; each entry's age limit is drawn between 80 % and 120 %
 * of it, so entries computed together (a province's counties) do not all expire in one request.
 * Cached values are shared: callers must not mutate them.
 */
import type { Kysely } from "kysely";
import type { Database } from "../db/schema";
import { type DataStamp, readDataVersions } from "./data-versions";

export type ReadCacheOptions = {
  maxEntries: number;
  maxAgeMs: number;
  /** How long new feed data may wait before a model reading it is recomputed (0: at once). */
  feedRefreshMs: number;
};

export const DEFAULT_READ_CACHE: ReadCacheOptions = {
  maxEntries: 2_000,
  maxAgeMs: 10 * 60_000,
  feedRefreshMs: 5_000,
};

/** What a read model reads: counties' data, and whether also their machine feeds (ingest). */
export type ReadScope = { counties: readonly string[]; feeds?: boolean };

type Entry = { stamp: DataStamp; at: number; maxAge: number; value: Promise<unknown> };

export class ReadCache {
  readonly #entries = new Map<string, Entry>();
  readonly #options: ReadCacheOptions;
  #hits = 0;
  #misses = 0;

  readonly #now: () => number;

  constructor(
    private readonly db: Kysely<Database>,
    options: Partial<ReadCacheOptions> = {},
    /** The clock, in milliseconds (tests move it). */
    now: () => number = Date.now,
  ) {
    this.#options = { ...DEFAULT_READ_CACHE, ...options };
    this.#now = now;
  }

  /**
   * The value of `key`, computed by `compute` from the data of `scope.counties` (and of their
   * machine feeds when `scope.feeds`), recomputed when any of it may have changed.
   */
  async get<T>(key: string, scope: ReadScope, compute: () => Promise<T>): Promise<T> {
    const stamp = await readDataVersions(this.db, scope.counties, scope.feeds);
    const now = this.#now();
    const found = this.#entries.get(key);
    if (found && this.#isFresh(found, stamp, now)) {
      this.#hits++;
      // Most recently used last, so eviction drops the least recently used.
      this.#entries.delete(key);
      this.#entries.set(key, found);
      return found.value as Promise<T>;
    }
    this.#misses++;
    // The stamp is read before computing: a write landing meanwhile leaves an older stamp on
    // newer figures, which only costs a recomputation on the next request.
    const value = compute();
    const maxAge = this.#options.maxAgeMs * (0.8 + 0.4 * Math.random());
    const entry: Entry = { stamp, at: now, maxAge, value };
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    value.catch(() => {
      if (this.#entries.get(key) === entry) this.#entries.delete(key);
    });
    while (this.#entries.size > this.#options.maxEntries) {
      const oldest = this.#entries.keys().next().value as string;
      this.#entries.delete(oldest);
    }
    return value;
  }

  #isFresh(entry: Entry, stamp: DataStamp, now: number): boolean {
    const age = now - entry.at;
    if (entry.stamp.data !== stamp.data || age > entry.maxAge) return false;
    return entry.stamp.feeds === stamp.feeds || age < this.#options.feedRefreshMs;
  }

  stats(): { entries: number; hits: number; misses: number } {
    return { entries: this.#entries.size, hits: this.#hits, misses: this.#misses };
  }

  clear(): void {
    this.#entries.clear();
  }
}
