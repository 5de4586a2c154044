import { CitecheckError } from '@citecheck/model';

/**
 * How deep lists and block quotes may nest. Markdown parsers check every open container on
 * every line, so a line nested thousands deep costs time quadratic in its depth and recursion
 * that ends in a stack overflow. No briefing nests this deep; a file that does is refused.
 */
export const MAX_NESTING = 100;

/**
 * Refuses text nested deeper than MAX_NESTING, in one pass: per line, the block quote markers
 * and list markers it opens with, and the indentation before them (a level per two columns, as
 * nested lists indent).
 */
export function checkNesting(text: string, file: string): void {
  let line = 1;
  let i = 0;
  while (i < text.length) {
    let depth = 0;
    let columns = 0;
    let j = i;
    for (; j < text.length; j++) {
      const c = text.charCodeAt(j);
      // Indentation nests lists before the first marker; after one, spaces only separate markers.
      if (c === 0x20) columns += depth === 0 ? 1 : 0;
      else if (c === 0x09) columns += depth === 0 ? 4 : 0;
      else if (c === 0x3e /* > */) depth++;
      else if ((c === 0x2d || c === 0x2a || c === 0x2b) /* - * + */ && isSpace(text.charCodeAt(j + 1))) depth++;
      else if (c >= 0x30 && c <= 0x39) {
        let k = j;
        while (k < text.length && k - j < 9 && text.charCodeAt(k) >= 0x30 && text.charCodeAt(k) <= 0x39) k++;
        const after = text.charCodeAt(k);
        if ((after !== 0x2e && after !== 0x29) /* . ) */ || !isSpace(text.charCodeAt(k + 1))) break;
        depth++;
        j = k;
      } else break;
    }
    const nesting = depth + Math.floor(columns / 2);
    if (nesting > MAX_NESTING) {
      throw new CitecheckError(`lists or block quotes nest about ${nesting} levels deep here; citecheck reads at most ${MAX_NESTING} levels, so this file cannot be linted`, { file, line, column: 1 });
    }
    // On to the next line: LF, CRLF or a lone CR ends one, as editors count lines.
    while (j < text.length && text.charCodeAt(j) !== 0x0a && text.charCodeAt(j) !== 0x0d) j++;
    if (j >= text.length) break;
    i = text.charCodeAt(j) === 0x0d && text.charCodeAt(j + 1) === 0x0a ? j + 2 : j + 1;
    line++;
  }
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || Number.isNaN(c);
}

/**
 * How many columns a table may have. The table parser keeps several objects per cell and
 * remark-gfm more: 100,000 columns took 2.9 GB. No briefing's table is this wide.
 */
export const MAX_TABLE_COLUMNS = 1_000;

/**
 * Refuses a table wider than MAX_TABLE_COLUMNS, found by its delimiter row (`|---|:--:|`, a
 * line of pipes, dashes, colons and spaces, inside block quotes too), in one pass.
 */
export function checkTableWidth(text: string, file: string): void {
  let line = 1;
  let i = 0;
  while (i < text.length) {
    let j = i;
    while (j < text.length && (text.charCodeAt(j) === 0x3e /* > */ || text.charCodeAt(j) === 0x20 || text.charCodeAt(j) === 0x09)) j++;
    let cells = 0;
    let inCell = false;
    let pipes = 0;
    let delimiterRow = true;
    for (; j < text.length; j++) {
      const c = text.charCodeAt(j);
      if (c === 0x0a || c === 0x0d) break;
      if (c === 0x2d || c === 0x3a /* - : */) {
        if (!inCell) cells++;
        inCell = true;
      } else if (c === 0x7c || c === 0x20 || c === 0x09 /* | space tab */) {
        if (c === 0x7c) pipes++;
        inCell = false;
      } else {
        delimiterRow = false;
      }
    }
    // Pipes make it a table's row, not a thematic break (`- - -`).
    if (delimiterRow && pipes > 0 && cells > MAX_TABLE_COLUMNS) {
      throw new CitecheckError(`a table with about ${cells} columns starts here; citecheck reads tables of at most ${MAX_TABLE_COLUMNS} columns, so this file cannot be linted`, { file, line: Math.max(1, line - 1), column: 1 });
    }
    while (j < text.length && text.charCodeAt(j) !== 0x0a && text.charCodeAt(j) !== 0x0d) j++;
    if (j >= text.length) break;
    i = text.charCodeAt(j) === 0x0d && text.charCodeAt(j + 1) === 0x0a ? j + 2 : j + 1;
    line++;
  }
}
