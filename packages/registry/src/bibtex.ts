import { plugins } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import type { Position } from '@citecheck/model';
import type { CslItem, PlacedItem } from './csl.js';
import { findMacroBomb } from './bibtex-macros.js';
import { DataFileError } from './data-error.js';
import type { LineIndex } from './positions.js';

// Entry heads `@article{key,`; the three kinds that are not entries carry no key.
const ENTRY_HEAD = /@([A-Za-z]+)[ \t]*[{(][ \t\r\n]*([^\s,{}()"#%'=\\]+)[ \t\r\n]*,/g;
const NOT_ENTRIES = new Set(['string', 'comment', 'preamble']);

/** BibTeX by its extension, or by text that opens with an entry (`@article{…`) after comments. */
export function isBibtex(extension: string, text: string): boolean {
  if (extension === '.bib' || extension === '.bibtex') return true;
  for (const line of text.split('\n', 200)) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('%')) continue;
    return /^\uFEFF?@[A-Za-z]+\s*[{(]/.test(trimmed);
  }
  return false;
}

/**
 * Parses BibTeX or BibLaTeX with citation-js into CSL items, each placed at its entry head so
 * that findings about an entry (unused, duplicate) point at the line it starts on.
 */
export function parseBibtex(file: string, text: string, lines: LineIndex): PlacedItem[] {
  const bomb = findMacroBomb(text);
  if (bomb !== null) throw new DataFileError(file, [{ message: bomb.message, start: lines.toPosition(bomb.offset) }]);
  let items: CslItem[];
  try {
    items = plugins.input.chain(text, { forceType: '@biblatex/text', target: '@csl/list+object', generateGraph: false, strict: true, maxChainLength: 10 }) as unknown as CslItem[];
  } catch (error) {
    throw syntaxError(file, error instanceof Error ? error.message : String(error), text, lines);
  }
  const heads = entryHeads(text, lines);
  const used = new Map<string, number>();
  return items.map((item, index) => {
    const key = typeof item['citation-key'] === 'string' ? item['citation-key'] : String(item.id ?? '');
    // Repeated keys are reported by the caller; each copy still points at its own entry.
    const nth = used.get(key) ?? 0;
    used.set(key, nth + 1);
    const place = heads.get(key)?.[nth] ?? { start: lines.toPosition(0), end: lines.toPosition(0), type: 'entry' };
    return { item, start: place.start, end: place.end, label: `@${place.type}{${key}}` + (place.type === 'entry' ? ` (entry #${index + 1})` : '') };
  });
}

function entryHeads(text: string, lines: LineIndex): Map<string, { start: Position; end: Position; type: string }[]> {
  const heads = new Map<string, { start: Position; end: Position; type: string }[]>();
  for (const match of text.matchAll(ENTRY_HEAD)) {
    const type = (match[1] ?? '').toLowerCase();
    const key = match[2] ?? '';
    if (NOT_ENTRIES.has(type)) continue;
    const list = heads.get(key) ?? [];
    list.push({ start: lines.toPosition(match.index), end: lines.toPosition(match.index + match[0].length - 1), type });
    heads.set(key, list);
  }
  return heads;
}

/** citation-js says `expected "comma", got "label" at line 2 col 12:` followed by a code frame. */
function syntaxError(file: string, message: string, text: string, lines: LineIndex): DataFileError {
  const at = /at line (\d+) col (\d+)/.exec(message);
  const what = message.split('\n', 1)[0]?.replace(/\s*at line \d+ col \d+:?$/, '') ?? message;
  const offset = at ? offsetOf(text, Number(at[1]), Number(at[2])) : 0;
  return new DataFileError(file, [{ message: `BibTeX syntax error: ${what}`, start: lines.toPosition(offset) }]);
}

/** citation-js counts lines at LF only; the offset it means, so a CR-ended file is placed as editors show it. */
function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf('\n', offset);
    if (next === -1) return text.length;
    offset = next + 1;
  }
  return Math.min(text.length, offset + column - 1);
}
