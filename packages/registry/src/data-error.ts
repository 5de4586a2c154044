import { CitecheckError, type Position } from '@citecheck/model';

/** Where a value sits inside parsed data: object keys and array indexes, from the top. */
export type PathSegment = string | number;

/** One thing wrong with a data file, already worded for a person. */
export interface Problem {
  message: string;
  start: Position;
}

/** Enough problems to fix in one go without burying the first under a wall of text. */
const MAX_REPORTED = 20;

/**
 * A data file that cannot be used. Every problem is kept so tools (an editor integration,
 * `registry validate`) can show them all; the message lists them, later ones prefixed with
 * their own `file:line:col` so the formatted error is one clickable line per problem.
 */
export class DataFileError extends CitecheckError {
  readonly problems: readonly Problem[];

  constructor(file: string, problems: readonly Problem[]) {
    const sorted = [...problems].sort((a, b) => a.start.offset - b.start.offset);
    const first = sorted[0];
    if (first === undefined) throw new RangeError('DataFileError needs at least one problem');
    const shown = sorted.slice(0, MAX_REPORTED);
    const rest = shown.slice(1).map((p) => `${file}:${p.start.line}:${p.start.column}: ${p.message}`);
    if (sorted.length > shown.length) rest.push(`… and ${sorted.length - shown.length} more problems`);
    super([first.message, ...rest].join('\n'), { file, line: first.start.line, column: first.start.column });
    this.name = 'DataFileError';
    this.problems = sorted;
  }
}
