import type { PathSegment } from './data-error.js';

/**
 * Names the part of a path a schema knows a word for, e.g. `references[2]` → "reference #3".
 * `consumed` says how many leading segments the label covers; the rest is spelled generically.
 */
export type DescribePath = (path: readonly PathSegment[], root: unknown) => { label: string; consumed: number } | undefined;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  let value = root;
  for (const segment of path) {
    if (Array.isArray(value) && typeof segment === 'number') value = value[segment];
    else if (isRecord(value)) value = value[String(segment)];
    else return undefined;
  }
  return value;
}

/**
 * A path as a person reads it: `"excerpts" item #2`, `"rules" → "uncited-claim"`, led by the
 * schema's own label when it has one. Empty for the top of the file.
 */
export function placeLabel(path: readonly PathSegment[], root: unknown, describe?: DescribePath): string {
  const context = describe?.(path, root);
  const rest = spell(path.slice(context?.consumed ?? 0));
  if (context === undefined) return rest;
  return rest === '' ? context.label : `${context.label}: ${rest}`;
}

function spell(path: readonly PathSegment[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `${text === '' ? '' : ' '}item #${segment + 1}`;
    else text += `${text === '' ? '' : ' → '}${JSON.stringify(segment)}`;
  }
  return text;
}

/** A value quoted as the user wrote it, short enough for one message line. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') {
    const shown = value.length > 40 ? `${value.slice(0, 39)}…` : value;
    return JSON.stringify(shown);
  }
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : 'a list';
  if (isRecord(value)) return 'an object';
  return String(value);
}

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  null: 'null',
};

export function typeWords(types: readonly string[]): string {
  const words = types.map((t) => TYPE_WORDS[t] ?? t);
  return words.length <= 1 ? (words[0] ?? 'something else') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

/** The JSON type of a value in schema terms, for "got 1984 (a number)". */
export function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (Number.isInteger(value)) return 'integer';
  return typeof value;
}
