import { createHash, type Hash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReportFile } from '@citecheck/model';
import { readInputFile } from '@citecheck/registry';
import { writeOutput } from './fs.js';

/** Bumped whenever the stored shape changes; a file of another format is started afresh. */
const FORMAT = 2;
/** Far above the cache of any real project; a larger file is not ours to trust and is started afresh. */
const MAX_CACHE_BYTES = 512 * 1024 * 1024;

/** What a whole run's results depend on. */
export interface CacheKey {
  /** citecheck's version: a new version may find different things in the same input. */
  version: string;
  /**
   * The config file's text plus every option that changes results (--quiet, --registry, the
   * folder paths in results are relative to), serialised by the caller in one string.
   */
  config: string;
}

interface Entry<T> {
  /** sha256 of the briefing and of every file in `inputs`. */
  key: string;
  /** Absolute paths of the other files the result was read from or looked for (FileResult.inputs). */
  inputs: string[];
  result: T;
}

interface CacheFile<T> {
  format: number;
  entries: Record<string, Entry<T>>;
}

/** `<root>/node_modules/.cache/citecheck/cache.json`, where tools keep caches that `rm -rf node_modules` clears. */
export function defaultCachePath(root: string): string {
  return join(root, 'node_modules', '.cache', 'citecheck', 'cache.json');
}

/**
 * `--cache`: results of briefings whose inputs are byte-for-byte what they were last run.
 * Entries are keyed by the briefing's absolute path, one each, so the file stays as big as the
 * project; entries of files that no longer exist are dropped on save. Entries of files merely
 * not linted this run (another shard, --changed) are kept, so partial runs do not empty it.
 * `T` is what is stored per briefing: a ReportFile, or one with what else the caller needs
 * to replay (notices); it must survive JSON.
 */
export class ResultCache<T = ReportFile> {
  private readonly seen = new Set<string>();
  /** Digests of registries and snapshots, read once per run however many briefings share them. */
  private readonly fileDigests = new Map<string, string>();
  private dirty = false;

  private readonly path: string;
  /** Hash of the run-wide key (version, config), folded into every entry's key. */
  private readonly runDigest: string;
  private readonly entries: Map<string, Entry<T>>;
  /**
   * Why the cache's path cannot hold a cache ("is a named pipe (FIFO), not a file"), or null.
   * Such a path is neither read (a FIFO would block the run) nor written (renaming over a
   * device or pipe would replace it); the run goes on uncached, since a cache costs speed only.
   */
  readonly unusable: string | null;

  private constructor(path: string, runDigest: string, entries: Map<string, Entry<T>>, unusable: string | null) {
    this.path = path;
    this.runDigest = runDigest;
    this.entries = entries;
    this.unusable = unusable;
  }

  /** A missing, unreadable or corrupt cache file is an empty cache, never an error. */
  static async open<T = ReportFile>(path: string, key: CacheKey): Promise<ResultCache<T>> {
    const run = createHash('sha256');
    field(run, 'version', key.version);
    field(run, 'config', key.config);
    const read = await readInputFile(path, { maxBytes: MAX_CACHE_BYTES });
    const unusable = !read.ok && (read.reason === 'not-a-file' || read.reason === 'loop') ? read.problem : null;
    const entries = read.ok ? readEntries<T>(read.bytes.toString('utf8')) : null;
    return new ResultCache<T>(path, run.digest('hex'), entries ?? new Map(), unusable);
  }

  /**
   * The stored result for `file` (absolute path) if the briefing and every file its last result
   * depended on are as they were. The entry itself says which files those are, since which
   * registry a briefing uses is known only once it has been checked.
   */
  get(file: string, briefing: Uint8Array): T | undefined {
    this.seen.add(file);
    const entry = this.entries.get(file);
    return entry !== undefined && entry.key === this.digest(briefing, entry.inputs) ? entry.result : undefined;
  }

  set(file: string, briefing: Uint8Array, inputs: readonly string[], result: T): void {
    this.seen.add(file);
    this.entries.set(file, { key: this.digest(briefing, inputs), inputs: [...inputs], result });
    this.dirty = true;
  }

  /**
   * Writes the cache, atomically so a parallel run never reads half a file. A cache that cannot
   * be written (read-only checkout, full disk) costs speed, not the lint, so errors are swallowed.
   */
  async save(): Promise<void> {
    for (const file of this.entries.keys()) {
      if (!this.seen.has(file) && !existsSync(file)) {
        this.entries.delete(file);
        this.dirty = true;
      }
    }
    if (!this.dirty || this.unusable !== null) return;
    const data: CacheFile<T> = { format: FORMAT, entries: Object.fromEntries(this.entries) };
    try {
      // regularOnly: a FIFO or device put there since open() is still never written to.
      await writeOutput(this.path, JSON.stringify(data), { regularOnly: true });
      this.dirty = false;
    } catch {
      // See above: never fatal.
    }
  }

  private digest(briefing: Uint8Array, inputs: readonly string[]): string {
    const hash = createHash('sha256');
    field(hash, 'run', this.runDigest);
    field(hash, 'briefing', briefing);
    // Sorted: the same files listed in another order are the same inputs.
    for (const input of [...inputs].sort()) field(hash, 'input', `${input}\0${this.fileDigest(input)}`);
    return hash.digest('hex');
  }

  /**
   * Synchronous so `get` can answer at once; each file is read once per run. A file that cannot
   * be read hashes as "missing", so its appearing later is a change too.
   */
  private fileDigest(path: string): string {
    let digest = this.fileDigests.get(path);
    if (digest === undefined) {
      try {
        digest = createHash('sha256').update(readFileSync(path)).digest('hex');
      } catch {
        digest = 'missing';
      }
      this.fileDigests.set(path, digest);
    }
    return digest;
  }
}

/** Length-prefixed, so no two different sequences of fields hash the same bytes. */
function field(hash: Hash, name: string, value: string | Uint8Array): void {
  const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
  hash.update(`${name}:${bytes.length}:`);
  hash.update(bytes);
}

/** The stored entries, or null when the file is missing, unreadable, corrupt or of another format. */
function readEntries<T>(text: string): Map<string, Entry<T>> | null {
  try {
    const data = JSON.parse(text) as unknown;
    if (!isRecord(data) || data.format !== FORMAT || !isRecord(data.entries)) return null;
    const entries = new Map<string, Entry<T>>();
    for (const [file, entry] of Object.entries(data.entries)) {
      // The format number vouches for the results' shape; only the frame is checked.
      if (isRecord(entry) && typeof entry.key === 'string' && Array.isArray(entry.inputs) && 'result' in entry) {
        entries.set(file, entry as unknown as Entry<T>);
      }
    }
    return entries;
  } catch {
    return null;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
