import { createHash } from 'node:crypto';
import { relative, sep } from 'node:path';
import { CitecheckError } from '@citecheck/model';

/** `--shard K/N`: the K-th (1-based) of N slices. */
export interface Shard {
  index: number;
  count: number;
}

const FORM = 'write it as K/N, the K-th of N slices with 1 ≤ K ≤ N, e.g. --shard 2/4';

/** Parses `--shard K/N`; anything else is an error that shows the expected form. */
export function parseShard(text: string): Shard {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (match === null || !Number.isSafeInteger(index) || !Number.isSafeInteger(count)) {
    throw new CitecheckError(`--shard "${text}" is not a slice; ${FORM}`);
  }
  if (count === 0) throw new CitecheckError(`--shard ${text} asks for 0 slices; ${FORM}`);
  if (index === 0) throw new CitecheckError(`--shard ${text}: slices are counted from 1; ${FORM}`);
  if (index > count) throw new CitecheckError(`--shard ${text}: there is no slice ${index} of ${count}; ${FORM}`);
  return { index, count };
}

/** The key a file is sharded by: its path relative to the project root, which every checkout shares. */
export function shardKey(root: string, file: string): string {
  return relative(root, file).split(sep).join('/');
}

/**
 * The items of one slice, in input order. Each item's slice depends only on its own key
 * (a hash), never on the list's length or order: adding a file never moves other files, and
 * jobs that list files differently still split them without gaps or overlaps. `key` must give
 * a path relative to the project root (see shardKey), or machines would disagree.
 */
export function shardOf<T>(items: readonly T[], key: (item: T) => string, shard: Shard): T[] {
  return items.filter((item) => sliceOf(normalise(key(item)), shard.count) === shard.index - 1);
}

/**
 * Windows writes backslashes and macOS file systems hand out NFD letters; one spelling per path
 * keeps every CI machine's slices the same.
 */
function normalise(path: string): string {
  return path.replaceAll('\\', '/').replace(/^(\.\/)+/, '').normalize('NFC');
}

/** A fixed hash (SHA-1, not Node's per-process seeded ones) so every machine and version agrees. */
function sliceOf(key: string, count: number): number {
  return createHash('sha1').update(key, 'utf8').digest().readUInt32BE(0) % count;
}
