import { createHash, type Hash } from 'node:crypto';
import { existsSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ReportFile } from '@citecheck/model';
import { isInside, isRecord, kindOf, READ_LIMITS, readInputFile, readInputFileSync } from '@citecheck/registry';
import { isStringArray } from './cache-entry.js';
import { writeOutput } from './fs.js';
import { isReportFile } from './report-schema.js';

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
  /**
   * The project root: results depend on it (snapshots and registries must lie inside it), so
   * moving the config invalidates them. Inputs whose real path lies outside it are never read
   * to hash them: their place, size and modification time stand in for their bytes.
   */
  root: string;
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
  /** The project root with its links resolved, as inputs' real paths are compared to it. */
  private readonly root: string;

  private constructor(path: string, runDigest: string, entries: Map<string, Entry<T>>, root: string, unusable: string | null) {
    this.path = path;
    this.runDigest = runDigest;
    this.entries = entries;
    this.root = root;
    this.unusable = unusable;
  }

  /**
   * A missing, unreadable or corrupt cache file is an empty cache, never an error; so is an
   * entry whose result `isResult` does not accept (by default, a ReportFile): it is a miss,
   * and the briefing is checked again.
   */
  static open(path: string, key: CacheKey): Promise<ResultCache<ReportFile>>;
  static open<T>(path: string, key: CacheKey, isResult: (value: unknown) => value is T): Promise<ResultCache<T>>;
  static async open<T>(path: string, key: CacheKey, isResult?: (value: unknown) => value is T): Promise<ResultCache<T>> {
    const accepts = isResult ?? (isReportFile as (value: unknown) => value is T);
    const run = createHash('sha256');
    field(run, 'version', key.version);
    field(run, 'config', key.config);
    field(run, 'root', key.root);
    let root = key.root;
    try {
      root = realpathSync(key.root);
    } catch {
      // A root that does not resolve is compared as written.
    }
    const read = await readInputFile(path, { maxBytes: MAX_CACHE_BYTES });
    const text = read.ok ? read.bytes.toString('utf8') : '';
    let unusable = !read.ok && (read.reason === 'not-a-file' || read.reason === 'loop') ? read.problem : null;
    // `--cache-location refs.json` by mistake: a file that was never a cache is the user's, not ours to replace.
    if (read.ok && !mayBeCache(text)) unusable = 'holds something other than a citecheck cache (delete it or choose another --cache-location)';
    const entries = read.ok && unusable === null ? readEntries<T>(text, accepts) : null;
    return new ResultCache<T>(path, run.digest('hex'), entries ?? new Map(), root, unusable);
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
   * Synchronous so `get` can answer at once; each file is read once per run. Only a regular
   * file inside the project, within the read limits, is read: a FIFO, a device, a file that is
   * too large or one outside the project is described (what it is, where its links lead)
   * instead, so hashing never blocks, never fills memory and never reads what the run refused.
   * A file that cannot be read hashes as such, so its appearing later is a change too.
   */
  private fileDigest(path: string): string {
    let digest = this.fileDigests.get(path);
    if (digest === undefined) {
      digest = describeInput(path, this.root);
      this.fileDigests.set(path, digest);
    }
    return digest;
  }
}

const LARGEST_INPUT = Math.max(READ_LIMITS.registry, READ_LIMITS.snapshot);

function describeInput(path: string, root: string): string {
  let real: string;
  try {
    real = realpathSync(path);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ELOOP' ? 'loop' : 'missing';
  }
  if (!isInside(root, real)) {
    try {
      const info = statSync(real);
      return `outside\0${real}\0${kindOf(info)}\0${info.size}\0${info.mtimeMs}\0${info.ino}`;
    } catch {
      return 'missing';
    }
  }
  const read = readInputFileSync(real, { maxBytes: LARGEST_INPUT });
  if (!read.ok) return `${real}\0${read.reason}\0${read.kind ?? ''}`;
  return `${real}\0${createHash('sha256').update(read.bytes).digest('hex')}`;
}

/** Length-prefixed, so no two different sequences of fields hash the same bytes. */
function field(hash: Hash, name: string, value: string | Uint8Array): void {
  const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
  hash.update(`${name}:${bytes.length}:`);
  hash.update(bytes);
}

/**
 * Whether `text` is, or was, a cache this class wrote: empty, or JSON that starts as save()
 * writes it. A damaged one of ours is replaced; anything else is left alone.
 */
function mayBeCache(text: string): boolean {
  return text.trim() === '' || /^\s*\{\s*"format"\s*:/.test(text);
}

/** The stored entries, or null when the file is missing, unreadable, corrupt or of another format. */
function readEntries<T>(text: string, isResult: (value: unknown) => value is T): Map<string, Entry<T>> | null {
  try {
    const data = JSON.parse(text) as unknown;
    if (!isRecord(data) || data.format !== FORMAT || !isRecord(data.entries)) return null;
    const entries = new Map<string, Entry<T>>();
    for (const [file, entry] of Object.entries(data.entries)) {
      // Each entry is checked whole: a damaged one is left out, so its briefing is a miss.
      if (isRecord(entry) && typeof entry.key === 'string' && isStringArray(entry.inputs) && isResult(entry.result)) {
        entries.set(file, { key: entry.key, inputs: entry.inputs, result: entry.result });
      }
    }
    return entries;
  } catch {
    return null;
  }
}
