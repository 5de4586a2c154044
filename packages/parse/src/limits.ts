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

/**
 * What reading unclosed backtick runs may cost, in characters scanned. A run of backticks opens
 * a code span only if a run of the same length follows in its paragraph, and the parser looks
 * for one over the rest of the paragraph each time: runs of lengths that never recur
 * (`` `a``a```a ``…) cost their number times the paragraph's length, and their number grows
 * with the paragraph (a 320 KB paragraph: 4 s; 16 MB: half an hour). Real text has a few
 * stray backticks; 50 million characters is over a second of parsing.
 */
export const MAX_CODE_SPAN_SCAN = 50_000_000;

/**
 * Refuses text whose unclosed backtick runs would cost more than MAX_CODE_SPAN_SCAN, in one
 * pass. Paragraphs are taken to end at blank lines, and a run counts as closed when any later
 * run of its paragraph has its length: both can only overstate the parser's work.
 */
export function checkCodeSpans(text: string, file: string): void {
  let runs: { offset: number; length: number }[] = [];
  let blank = true;
  const settle = (end: number): void => {
    if (runs.length > 1) refuseCostlyRuns(text, runs, end, file);
    runs = [];
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || c === 0x0d) {
      if (blank) settle(i);
      blank = true;
      continue;
    }
    if (c !== 0x20 && c !== 0x09) blank = false;
    if (c === 0x60 /* ` */ && text.charCodeAt(i - 1) !== 0x5c /* \ */) {
      let j = i;
      while (text.charCodeAt(j) === 0x60) j++;
      runs.push({ offset: i, length: j - i });
      i = j - 1;
    }
  }
  settle(text.length);
}

function refuseCostlyRuns(text: string, runs: { offset: number; length: number }[], end: number, file: string): void {
  const later = new Set<number>();
  let cost = 0;
  let unclosed = 0;
  let first = -1;
  for (let k = runs.length - 1; k >= 0; k--) {
    const run = runs[k] as { offset: number; length: number };
    if (!later.has(run.length)) {
      cost += end - run.offset;
      unclosed++;
      first = run.offset;
    }
    later.add(run.length);
  }
  if (cost <= MAX_CODE_SPAN_SCAN) return;
  let line = 1;
  let lineAt = 0;
  for (let i = 0; i < first; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) {
      line++;
      lineAt = i + 1;
    }
  }
  throw new CitecheckError(
    `${unclosed} runs of backticks in the paragraph from here never close (no later run has their length); reading them would take minutes, so this file cannot be linted: close the code spans, or escape the backticks as \\\``,
    { file, line, column: first - lineAt + 1 },
  );
}
