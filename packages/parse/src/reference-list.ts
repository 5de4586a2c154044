import type { Reference } from '@citecheck/model';

/** One entry of a document's own source list, before positions are attached. */
export interface ListEntry {
  ids: string[];
  title?: string;
  url?: string;
  start: number;
  end: number;
}

const BULLET = /^\s*(?:[-*+]\s+)?/;
const URL = /\bhttps?:\/\/[^\s<>()\]]+[^\s<>()\].,;:!?'"”’]/u;
const MD_LINK = /\[([^\]]{0,500})\]\((\S{1,2000}?)\)/u;

/**
 * Reads one line of a source list: `1. [Title](url)`, `[3] url - title`, `[1] [2] url`,
 * `.. [4] url` (reStructuredText), each possibly behind a bullet. Returns null for a line that
 * names no number (an unnumbered bibliography entry is no registry entry: nothing can cite it).
 */
export function parseListLine(line: string, start: number): ListEntry | null {
  let rest = line.replace(BULLET, '');
  const ids: string[] = [];
  const numbered = /^(\d{1,4})[.)]\s+/.exec(rest);
  if (numbered) {
    ids.push(String(Number(numbered[1])));
    rest = rest.slice(numbered[0].length);
  } else {
    rest = rest.replace(/^\.\.\s+/, '');
    // `[3] url` or `[^1_2]: file.docx`, but not `[Title](url)`, which is a link.
    const BRACKET_ID = /^\[\^?([\w-]{1,20})\](?!\()(?::\s*|\s+|$)/;
    let bracket = BRACKET_ID.exec(rest);
    while (bracket) {
      ids.push(/^\d+$/.test(bracket[1] ?? '') ? String(Number(bracket[1])) : (bracket[1] ?? ''));
      rest = rest.slice(bracket[0].length);
      bracket = BRACKET_ID.exec(rest);
    }
  }
  if (ids.length === 0) return null;
  const entry: ListEntry = { ids, start, end: start + line.length };
  const link = MD_LINK.exec(rest);
  if (link) {
    entry.url = link[2] ?? '';
    const label = (link[1] ?? '').trim();
    const outside = (rest.slice(0, link.index) + rest.slice(link.index + link[0].length)).trim();
    entry.title = label !== '' && label !== entry.url ? label : cleanTitle(outside);
  } else {
    const url = URL.exec(rest);
    if (url) entry.url = url[0];
    entry.title = cleanTitle(url ? rest.replace(url[0], ' ') : rest);
  }
  if (entry.title === '') delete entry.title;
  return entry;
}

function cleanTitle(s: string): string {
  return s
    .replace(/\\([-_*[\]()])/g, '$1')
    // A trailing run is matched from its start only (the look-behind): linear, not quadratic.
    .replace(/^[\s\-–—:|,，]+|(?<![\s\-–—:|,，])[\s\-–—:|,，]+$/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Entries → references, first definition of an id winning, as a reader would resolve them. */
export function toReferences(entries: ListEntry[], file: string): Reference[] {
  const byId = new Map<string, Reference>();
  for (const entry of entries) {
    for (const id of entry.ids) {
      const known = byId.get(id);
      if (known) {
        known.url ??= entry.url;
        known.title ??= entry.title;
        continue;
      }
      const ref: Reference = { id, origin: { file } };
      if (entry.title !== undefined) ref.title = entry.title;
      if (entry.url !== undefined) ref.url = entry.url;
      byId.set(id, ref);
    }
  }
  return [...byId.values()];
}
