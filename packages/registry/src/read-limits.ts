import { formatBytes } from './input-file.js';

const MiB = 1024 * 1024;

/**
 * The most citecheck reads of one file of each kind, in one place so messages and docs agree.
 * Beyond these a run would spend minutes or end in "heap out of memory": a snapshot is parsed
 * and indexed sentence by sentence, a registry or report is parsed whole. The largest real
 * inputs seen are far below (a long report's HTML snapshot is a few MiB).
 */
export const READ_LIMITS = {
  briefing: 16 * MiB,
  registry: 16 * MiB,
  snapshot: 16 * MiB,
  /** A JSON report holds every claim of a run, so it is allowed to be larger. */
  report: 256 * MiB,
} as const;

export type ReadLimitKind = keyof typeof READ_LIMITS;

/** "is 50 MiB, more than the 16 MiB citecheck reads of one snapshot". */
export function tooLargeProblem(kind: ReadLimitKind, size: number | undefined): string {
  const actual = size === undefined ? 'is larger' : `is ${formatBytes(size)}, more`;
  return `${actual} than the ${formatBytes(READ_LIMITS[kind])} citecheck reads of one ${kind === 'report' ? 'JSON report' : kind}`;
}
