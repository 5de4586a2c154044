import type { PathSegment } from './data-error.js';

/** A field name written twice in one object: always a mistake, whatever the format allows. */
export interface DuplicateKey {
  /** The object holding both. */
  path: PathSegment[];
  key: string;
  /** Offsets of the first and the repeated field name. */
  first: number;
  second: number;
}

export interface OffsetRange {
  start: number;
  end: number;
}

/** Data parsed from JSON or YAML that still knows where each value was written. */
export interface ParsedData {
  format: 'json' | 'yaml';
  value: unknown;
  /**
   * Where the value at `path` is written, or its field name with part 'key'. A path that runs
   * past what exists answers with the deepest node that does, so a message still lands close.
   */
  locate(path: readonly PathSegment[], part?: 'value' | 'key'): OffsetRange;
  duplicateKeys: DuplicateKey[];
}

export type ParseOutcome =
  | { kind: 'data'; data: ParsedData }
  | { kind: 'empty' }
  | { kind: 'syntax'; message: string; offset: number }
  /** Valid, perhaps, but nested past what the parsers can take without overflowing the stack. */
  | { kind: 'too-deep'; message: string; offset: number };

/** Registries and configs nest a few levels; past this, parsing recursion would overflow the stack. */
export const MAX_DEPTH = 64;

export const tooDeepMessage = (): string => `lists and objects nest more than ${MAX_DEPTH} levels deep here, too deep for citecheck to read; a registry or config nests only a few`;
