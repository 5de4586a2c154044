import { MAX_NUMBERED_ID, type MarkerForm } from '@citecheck/model';
import { lexicon } from './lexicon.js';

/** A marker found in the text, with offsets into the whole (BOM-less) text. */
export interface MarkerDraft {
  start: number;
  end: number;
  form: MarkerForm;
  ids: string[];
  url?: string;
  problem?: string;
  /** `[citation needed]`: not a citation, but a note that one is missing. */
  citationNeeded?: boolean;
  /** A pandoc in-text citation (`@smith2020 argues`): a word of the sentence, not a note on it. */
  inText?: true;
}

export interface MarkerOptions {
  /** Bracketed integers above this are data (years, chart values), not reference ids. */
  maxId: number;
  /**
   * Read pandoc's in-text citations (`@smith2020 argues …`). Only in documents that use pandoc
   * citations: elsewhere a bare `@name` is a handle, not a citation.
   */
  inText: boolean;
}

export const defaultMarkerOptions: MarkerOptions = { maxId: MAX_NUMBERED_ID, inText: false };

/** What the text between `[` and `]` means. `null`: not a marker at all. */
export type BracketContent =
  | { kind: 'ids'; ids: string[]; problem?: string; pandoc?: true }
  | { kind: 'needed' }
  | null;

// A bracket this long is prose or data, never a marker; the bound keeps scanning linear.
const MAX_BRACKET = 120;

const isDigit = (c: string): boolean => c >= '0' && c <= '9';
const DASHES = new Set(['-', '–', '—', '‑']);

/**
 * Reads `1`, `1, 3`, `2-4`, `1–5,9–12` by hand: a regular expression for this grammar either
 * backtracks or cannot tell "data" (a year, a chart value) from "malformed" (`[3-1]`, `[1,,2]`).
 */
function parseNumericList(content: string, options: MarkerOptions): BracketContent {
  let sawDigit = false;
  for (const c of content) {
    if (isDigit(c)) sawDigit = true;
    else if (c !== ',' && c !== ' ' && !DASHES.has(c)) return null;
  }
  if (!sawDigit) return null;

  const ids: string[] = [];
  let problem: string | undefined;
  const items = content.split(',');
  for (const rawItem of items) {
    const item = rawItem.trim();
    if (item === '') {
      problem ??= 'it has an empty item between commas';
      continue;
    }
    const parts = splitRange(item);
    if (parts === null) {
      problem ??= `"${item}" is neither a number nor a range like 2-4`;
      continue;
    }
    const numbers = parts.map((p) => Number(p));
    // Four-digit or larger numbers are years or data, so the whole bracket is not a marker.
    if (parts.some((p) => p.length > 3) || numbers.some((n) => n > options.maxId)) return null;
    const [first, last] = numbers;
    if (first === undefined) continue;
    if (numbers.some((n) => n === 0)) {
      problem ??= 'reference numbers start at 1, not 0';
      continue;
    }
    if (last === undefined) {
      ids.push(String(first));
    } else if (last < first) {
      problem ??= `the range ${item} runs backwards (write ${last}-${first})`;
    } else {
      for (let n = first; n <= last; n++) ids.push(String(n));
    }
  }
  const unique = [...new Set(ids)];
  return problem === undefined ? { kind: 'ids', ids: unique } : { kind: 'ids', ids: [], problem };
}

/** `12` → ['12']; `2-4` → ['2','4']; anything else (`1 2`, `1-2-3`, `-3`) → null. */
function splitRange(item: string): string[] | null {
  let dash = -1;
  for (let i = 0; i < item.length; i++) {
    const c = item[i] ?? '';
    if (DASHES.has(c)) {
      if (dash !== -1) return null;
      dash = i;
    } else if (!isDigit(c) && c !== ' ') return null;
  }
  const parts = dash === -1 ? [item] : [item.slice(0, dash), item.slice(dash + 1)];
  const trimmed = parts.map((p) => p.trim());
  if (trimmed.some((p) => p === '' || p.includes(' '))) return null;
  return trimmed;
}

const KEY_START = /[\p{L}\p{N}_]/u;
const KEY_CHAR = /[\p{L}\p{N}_:.#$%&+?<>~/-]/u;
const KEY_TRAILING = /[.:#$%&+?<>~/-]/;

/**
 * The pandoc citation key that starts after the `@` at `at`, as pandoc reads it: a key starts
 * with a letter, digit or underscore and may hold inner punctuation, but not end in it
 * ("@smith2020." is the key "smith2020"). `@{…}` keys run to the closing brace. Null when `@`
 * is not at a word start (an e-mail address) or no key follows.
 */
export function pandocKeyAt(text: string, at: number, lowest: number): { key: string; end: number } | null {
  const before = at > lowest ? text[at - 1] ?? '' : '';
  if (before !== '' && (KEY_START.test(before) || before === '@')) return null;
  if (text[at + 1] === '{') {
    const close = text.indexOf('}', at + 2);
    if (close === -1 || close - at > MAX_BRACKET) return null;
    const key = text.slice(at + 2, close).trim();
    return key === '' ? null : { key, end: close + 1 };
  }
  if (!KEY_START.test(text[at + 1] ?? '')) return null;
  let end = at + 2;
  while (end < text.length && end - at < MAX_BRACKET && KEY_CHAR.test(text[end] ?? '')) end++;
  while (end > at + 2 && KEY_TRAILING.test(text[end - 1] ?? '')) end--;
  return { key: text.slice(at + 1, end), end };
}

/**
 * `@smith2020`, `@a; @b`, `see @a, pp. 3-4; also -@b, chap. 1` → the keys. Pandoc's rule: every
 * citation between the semicolons holds one key, with an optional prefix and locator.
 */
function parsePandoc(content: string): string[] | null {
  const keys: string[] = [];
  for (const part of content.split(';')) {
    let key: string | null = null;
    for (let at = part.indexOf('@'); at !== -1 && key === null; at = part.indexOf('@', at + 1)) {
      key = pandocKeyAt(part, at, 0)?.key ?? null;
    }
    if (key === null) return null;
    keys.push(key);
  }
  return keys.length > 0 ? keys : null;
}

/**
 * Characters pasted into markers from PDFs, word processors and chat exports that change
 * nothing a reader sees: spaces that do not break (NBSP, thin, narrow and other fixed-width
 * spaces) read as spaces; zero-width ones (ZWSP, ZWNJ, ZWJ, word joiner, a stray BOM) as nothing.
 */
const ODD_SPACE = /[\u00A0\u2000-\u200A\u202F\u205F\u3000]/g;
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/g;
/**
 * Bidi controls (marks, embeddings, overrides, isolates) reorder how the text displays: `[1\u202E2]`
 * shows as something other than what it cites, so a marker holding one is malformed, not read.
 */
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

const codePoints = (chars: Iterable<string>): string =>
  [...new Set(chars)].map((c) => `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`).join(', ');

export function parseBracketContent(content: string, options: MarkerOptions): BracketContent {
  const visible = content.replace(ODD_SPACE, ' ').replace(ZERO_WIDTH, '');
  const bidi = visible.match(BIDI);
  if (bidi !== null) {
    const parsed = parseVisibleContent(visible.replace(BIDI, ''), options);
    if (parsed === null || parsed.kind !== 'ids') return parsed;
    const shown = `[${content.replace(/[\u0000-\u001F\u007F-\u009F\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g, (c) => `<${codePoints(c)}>`)}]`;
    return { kind: 'ids', ids: [], problem: `it holds invisible text-direction characters (${codePoints(bidi)}), which make it display as something other than what it cites: it reads ${shown}; delete them` };
  }
  return parseVisibleContent(visible, options);
}

function parseVisibleContent(content: string, options: MarkerOptions): BracketContent {
  const trimmed = content.trim();
  if (lexicon.citationNeeded.has(trimmed.toLowerCase())) return { kind: 'needed' };
  if (trimmed.includes('@')) {
    const keys = parsePandoc(trimmed);
    return keys === null ? null : { kind: 'ids', ids: keys, pandoc: true };
  }
  return parseNumericList(trimmed, options);
}

// Characters that, right before `[`, make the bracket code or data: `f([1])`, `x=[1]`, `[[1]]`.
const NOT_BEFORE = new Set(['(', '[', '=', '{', '<', '$', '\\', '`']);

/**
 * Finds bracket, footnote-style, pandoc and superscript markers in prose text between `from`
 * and `to`. Callers pass only ranges that are prose (not code, URLs or link text).
 */
export function scanMarkers(
  text: string,
  from: number,
  to: number,
  options: MarkerOptions = defaultMarkerOptions,
): MarkerDraft[] {
  const found: MarkerDraft[] = [];
  let i = from;
  while (i < to) {
    const c = text[i];
    if (c === '[') {
      const close = findClose(text, i + 1, to);
      if (close === -1) {
        i++;
        continue;
      }
      if (text[close] === '[') {
        i = close;
        continue;
      }
      const draft = bracketMarker(text, i, close, from, options);
      if (draft !== null) {
        found.push(draft);
        i = close + 1;
      } else {
        i++;
      }
    } else if (c === TOKEN_OPEN) {
      // ChatGPT exports cite with private-use tokens: U+E200 "cite" U+E202 id U+E202 id U+E201.
      const close = text.indexOf(TOKEN_CLOSE, i + 1);
      if (close === -1 || close > Math.min(to, i + MAX_BRACKET)) {
        i++;
        continue;
      }
      const [kind, ...ids] = text.slice(i + 1, close).split(TOKEN_SEPARATOR);
      if (kind !== undefined && ids.length > 0) found.push({ start: i, end: close + 1, form: 'token', ids: ids.filter((id) => id !== '') });
      i = close + 1;
    } else if (c === '@' && options.inText) {
      const cited = pandocKeyAt(text, i, from);
      if (cited !== null) found.push({ start: i, end: cited.end, form: 'pandoc', ids: [cited.key], inText: true });
      i = cited?.end ?? i + 1;
    } else if (c !== undefined && SUPERSCRIPT.has(c)) {
      let end = i;
      while (end < to && SUPERSCRIPT.has(text[end] ?? '')) end++;
      const draft = superscriptMarker(text, i, end, from);
      if (draft !== null) found.push(draft);
      i = end;
    } else {
      i++;
    }
  }
  return joinRanges(text, found);
}

/** `[8]–[12]`: two markers joined by a dash cite the range between them. */
function joinRanges(text: string, found: MarkerDraft[]): MarkerDraft[] {
  const out: MarkerDraft[] = [];
  for (const marker of found) {
    const prev = out[out.length - 1];
    const from = Number(prev?.ids[0]);
    const to = Number(marker.ids[0]);
    if (
      prev !== undefined &&
      prev.form === 'bracket' &&
      marker.form === 'bracket' &&
      prev.ids.length === 1 &&
      marker.ids.length === 1 &&
      marker.start === prev.end + 1 &&
      DASHES.has(text[prev.end] ?? '') &&
      Number.isInteger(from) &&
      Number.isInteger(to) &&
      from < to
    ) {
      prev.end = marker.end;
      prev.ids = Array.from({ length: to - from + 1 }, (_, i) => String(from + i));
      continue;
    }
    out.push(marker);
  }
  return out;
}

/** The index of the `]` closing a bracket opened before `from`, of a nested `[`, or -1. */
function findClose(text: string, from: number, to: number): number {
  const limit = Math.min(to, from + MAX_BRACKET);
  for (let j = from; j < limit; j++) {
    const c = text[j];
    if (c === ']' || c === '[') return j;
    if (c === '\n') return -1;
  }
  return -1;
}

function bracketMarker(
  text: string,
  open: number,
  close: number,
  from: number,
  options: MarkerOptions,
): MarkerDraft | null {
  const before = open > from ? text[open - 1] ?? '' : '';
  const after = text[close + 1] ?? '';
  if (NOT_BEFORE.has(before) || after === '(' || after === ']') return null;
  let content = text.slice(open + 1, close);
  let form: MarkerForm = 'bracket';
  if (content.startsWith('^')) {
    content = content.slice(1).replace(ZERO_WIDTH, '');
    if (content === '' || /\s/.test(content)) return null;
    return { start: open, end: close + 1, form: 'footnote', ids: [content] };
  }
  const parsed = parseBracketContent(content, options);
  if (parsed === null) return null;
  if (parsed.kind === 'needed') {
    return { start: open, end: close + 1, form, ids: [], citationNeeded: true };
  }
  if (parsed.pandoc) form = 'pandoc';
  const draft: MarkerDraft = { start: open, end: close + 1, form, ids: parsed.ids };
  if (parsed.problem !== undefined) draft.problem = parsed.problem;
  return draft;
}

const TOKEN_OPEN = '\uE200';
const TOKEN_CLOSE = '\uE201';
const TOKEN_SEPARATOR = '\uE202';

const SUPERSCRIPT_DIGITS = '⁰¹²³⁴⁵⁶⁷⁸⁹';
const SUPERSCRIPT = new Set([...SUPERSCRIPT_DIGITS]);

function superscriptMarker(text: string, start: number, end: number, from: number): MarkerDraft | null {
  const before = start > from ? text[start - 1] ?? '' : '';
  // After a digit a superscript is an exponent (10⁶); at the start of a line it is a footnote
  // label or a list, not a citation.
  if (before === '' || isDigit(before)) return null;
  if (/[\s,]/.test(before)) {
    // "type.⁶ ⁸" or "¹,²": a superscript continuing a run of superscripts.
    let k = start - 1;
    while (k > from && /[\s,]/.test(text[k] ?? '')) k--;
    if (!SUPERSCRIPT.has(text[k] ?? '') || start - k > 3) return null;
  }
  if (/\p{L}/u.test(before)) {
    let w = start;
    while (w > from && /\p{L}/u.test(text[w - 1] ?? '')) w--;
    if (lexicon.units.has(text.slice(w, start))) return null;
  }
  const digits = [...text.slice(start, end)].map((c) => String(SUPERSCRIPT_DIGITS.indexOf(c)));
  // ²³ is two citations, but ¹⁰ can only be ten: no reference is numbered 0.
  const ids = digits.includes('0') ? [String(Number(digits.join('')))] : [...new Set(digits)];
  if (ids[0] === '0') return null;
  return { start, end, form: 'superscript', ids };
}

/**
 * Gemini's exports glue plain reference numbers after the period ("…Lagrange points.1 The").
 * Only called when a document has no other markers but its own numbered source list, and only
 * numbers that list has count, so "p.5" or "L2" are not taken for citations.
 */
export function scanGluedMarkers(
  text: string,
  from: number,
  to: number,
  known: ReadonlySet<string>,
): MarkerDraft[] {
  const found: MarkerDraft[] = [];
  for (let i = from + 1; i < to; i++) {
    if (text[i] !== '.' && text[i] !== ')') continue;
    const before = text[i - 1] ?? '';
    if (!/[\p{L})"”’\]]/u.test(before)) continue;
    let end = i + 1;
    while (end < to && end - i <= 3 && isDigit(text[end] ?? '')) end++;
    if (end === i + 1 || end - i > 3) continue;
    const next = text[end];
    if (next !== undefined && !/\s/.test(next)) continue;
    const id = String(Number(text.slice(i + 1, end)));
    if (known.has(id)) found.push({ start: i + 1, end, form: 'glued', ids: [id] });
  }
  return found;
}
