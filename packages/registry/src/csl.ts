import type { Position, Reference, ReferenceKind } from '@citecheck/model';
import type { Problem } from './data-error.js';
import { isRecord } from './wording.js';

/**
 * CSL-JSON: what Zotero, Mendeley, Better BibTeX and pandoc exchange, and what citation-js
 * turns BibTeX into. Only the fields a registry entry has a place for are read.
 */
export type CslItem = Record<string, unknown>;

/** One CSL item with where it was written, so findings about it can point there. */
export interface PlacedItem {
  item: CslItem;
  start: Position;
  end: Position;
  /** How to name the entry in messages: "entry #3" or "@article{smith2020}". */
  label: string;
}

/** CSL item types that tell a reader how much weight a source carries; others stay unclassed. */
const KIND_OF_TYPE: Readonly<Record<string, ReferenceKind>> = {
  'article-journal': 'peer-reviewed',
  'paper-conference': 'peer-reviewed',
  'article-newspaper': 'news',
  'article-magazine': 'news',
  dataset: 'dataset',
  report: 'report',
  bill: 'government',
  legislation: 'government',
  regulation: 'government',
  legal_case: 'government',
  hearing: 'government',
  treaty: 'government',
};

/** Fields only CSL has (as opposed to the native format): seeing one means the file is CSL. */
const CSL_ONLY = ['issued', 'URL', 'author', 'editor', 'container-title', 'type', 'citation-key', 'DOI', 'accessed', 'ISBN', 'ISSN', 'page', 'volume'];
/** Fields only the native format has. */
const NATIVE_ONLY = ['url', 'date', 'kind', 'excerpts', 'snapshot'];

/**
 * A CSL-JSON export is a top-level array; pandoc's YAML bibliographies wrap the same items in
 * `references:`, the key the native format uses too, so there the items' fields decide.
 */
export function cslItemsOf(value: unknown): { items: unknown[]; path: (index: number) => (string | number)[] } | null {
  if (Array.isArray(value)) return { items: value, path: (index) => [index] };
  if (!isRecord(value) || !Array.isArray(value.references)) return null;
  const entries = value.references.filter(isRecord);
  const has = (keys: string[]): boolean => entries.some((entry) => keys.some((key) => key in entry));
  if (has(CSL_ONLY) && !has(NATIVE_ONLY)) return { items: value.references, path: (index) => ['references', index] };
  return null;
}

/**
 * The key a pandoc `[@key]` cites. Better BibTeX and Zotero 7 write `citation-key`; Zotero 6
 * exports a key pinned in the Extra field as a `Citation Key: …` line of `note`; others have
 * only `id`.
 */
export function cslKey(item: CslItem): string | null {
  const pinned = typeof item.note === 'string' ? /^\s*Citation Key:\s*(\S+)\s*$/im.exec(item.note)?.[1] : undefined;
  for (const value of [item['citation-key'], pinned, item.id]) {
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  }
  return null;
}

/** Items that cannot be cited (not an object, no id) are problems, not silently dropped. */
export function cslItemProblems(placed: readonly { value: unknown; start: Position; label: string }[]): Problem[] {
  const problems: Problem[] = [];
  for (const { value, start, label } of placed) {
    if (!isRecord(value)) {
      problems.push({ message: `${label} must be an object with an "id" and a "title", got ${describe(value)}`, start });
    } else if (cslKey(value) === null) {
      problems.push({ message: `${label} has no "id" (or "citation-key"): nothing can cite it; give it the key the briefing cites, as in [@smith2020]`, start });
    }
  }
  return problems;
}

export function cslToReference(placed: PlacedItem, file: string): Reference {
  const { item } = placed;
  const reference: Reference = { id: cslKey(item) ?? '' };
  const title = text(item.title);
  if (title !== undefined) reference.title = title;
  const url = text(item.URL) ?? doiUrl(text(item.DOI));
  if (url !== undefined) reference.url = url;
  // For an article the journal is what a reader weighs; for a book or report, its publisher.
  const publisher = text(item['container-title']) ?? text(item.publisher) ?? text(item.authority);
  if (publisher !== undefined) reference.publisher = publisher;
  const date = cslDate(item.issued);
  if (date !== undefined) reference.date = date;
  const kind = typeof item.type === 'string' ? KIND_OF_TYPE[item.type] : undefined;
  if (kind !== undefined) reference.kind = kind;
  reference.origin = { file, start: placed.start, end: placed.end };
  return reference;
}

/** `{"date-parts": [[2021, 5, 1]]}` → "2021-05-01"; Zotero writes the parts as strings at times. */
export function cslDate(value: unknown): string | undefined {
  if (!isRecord(value)) return undefined;
  const parts = value['date-parts'];
  const first = Array.isArray(parts) && Array.isArray(parts[0]) ? (parts[0] as unknown[]) : null;
  if (first !== null && first.length > 0) {
    const numbers = first.slice(0, 3).map((p) => (typeof p === 'number' ? p : typeof p === 'string' ? Number(p) : Number.NaN));
    const valid: number[] = [];
    for (const n of numbers) {
      if (!Number.isInteger(n)) break;
      valid.push(n);
    }
    const [year, month, day] = valid;
    if (year === undefined || year < 1000 || year > 9999) return undefined;
    return [String(year), month, day].filter((p) => p !== undefined).map((p) => (typeof p === 'number' ? String(p).padStart(2, '0') : p)).join('-');
  }
  // `{"raw": "2021-05"}` or `{"literal": "May 2021"}`: keep the year, which is what can be checked.
  const loose = text(value.raw) ?? text(value.literal);
  const year = loose === undefined ? null : /\b(\d{4})\b/.exec(loose);
  return year?.[1];
}

function text(value: unknown): string | undefined {
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return undefined;
  const trimmed = value.replace(/\s+/g, ' ').trim();
  return trimmed === '' ? undefined : trimmed;
}

function doiUrl(doi: string | undefined): string | undefined {
  if (doi === undefined) return undefined;
  return /^https?:\/\//i.test(doi) ? doi : `https://doi.org/${doi.replace(/^doi:\s*/i, '')}`;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'string' ? `the text ${JSON.stringify(value.slice(0, 40))}` : `${typeof value} ${JSON.stringify(value)}`;
}
