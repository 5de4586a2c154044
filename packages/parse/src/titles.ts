import { lexicon } from './lexicon.js';

/** A line of a block, as offsets into the whole text (`end` excludes the line break). */
export interface Line {
  start: number;
  end: number;
  /** The line's prose (from the block's view), trimmed and with spaces collapsed. */
  prose: string;
  /** The whole line as written, markers and markup included. */
  rawStart: number;
  rawEnd: number;
}

export function linesOf(view: string, base: number): Line[] {
  const lines: Line[] = [];
  let from = 0;
  for (let i = 0; i <= view.length; i++) {
    if (i === view.length || view[i] === '\n') {
      let end = i;
      if (view[end - 1] === '\r') end--;
      const prose = view.slice(from, end).replace(/\s+/g, ' ').trim();
      if (prose !== '') {
        // Narrow the line to its visible prose so its span slices exactly the title.
        let s = from;
        while (s < end && /\s/.test(view[s] ?? '')) s++;
        let e = end;
        while (e > s && /\s/.test(view[e - 1] ?? '')) e--;
        lines.push({ start: base + s, end: base + e, prose, rawStart: base + from, rawEnd: base + end });
      }
      from = i + 1;
    }
  }
  return lines;
}

const TERMINAL = /[.!;,。！；，…]$/u;
const STARTS_SENTENCE = /^[\p{Lu}\p{N}"“‘'(\[*\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

function wordCount(prose: string): number {
  const cjk = prose.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu)?.length ?? 0;
  const latin = prose.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  return latin + Math.ceil(cjk / 2);
}

/**
 * Does this line read as a title or label rather than part of a sentence? The briefing dialect
 * puts titles on their own line with the body on the very next one, so Markdown folds both into
 * one paragraph; a hard-wrapped sentence differs in ending on a function word, being long, or
 * being continued in lower case.
 */
export function isTitleLine(line: Line, next: Line | undefined, previousEnded: boolean, hasMarker: boolean): boolean {
  if (next === undefined || hasMarker) return false;
  if (!previousEnded) return false;
  const prose = line.prose;
  if (TERMINAL.test(prose) || wordCount(prose) > 16 || prose.length > 140) return false;
  if (!STARTS_SENTENCE.test(prose.replace(/^[*_#\s]+/, ''))) return false;
  const last = prose.replace(/(?<![:：?？)*_\s])[:：?？)*_\s]+$/u, '').split(/\s+/).pop()?.toLowerCase() ?? '';
  if (lexicon.functionWords.has(last)) return false;
  return STARTS_SENTENCE.test(next.prose.replace(/^[*_#\s]+/, ''));
}

/** A one-line paragraph with no sentence end, like "Executive summary" or "**Key findings**". */
export function isLabel(prose: string, hasMarker: boolean): boolean {
  if (hasMarker || prose === '') return false;
  if (/[.!;,。！；，…]$/u.test(prose)) return false;
  return wordCount(prose) <= 10 && prose.length <= 100 && !/^\p{Ll}/u.test(prose);
}

/** Ends like a complete sentence, so the next line may start a title. */
export function endsSentence(prose: string): boolean {
  return /[.!?。！？…:："”')\]]$/u.test(prose);
}

/** "1. Underreporting hides the true scale" → "Underreporting hides the true scale". */
export function titleText(prose: string): string {
  return prose
    .replace(/^#+\s*/, '')
    .replace(/^\d{1,3}[.)]\s+/, '')
    // A trailing run is matched from its start only (the look-behind): linear, not quadratic.
    .replace(/^[*_\s]+|(?<![*_\s])[*_\s]+$/g, '')
    .trim();
}

/** A title normalised for lexicon look-ups: no markup, numbering or trailing colon. */
export function normaliseHeading(prose: string): string {
  return titleText(prose)
    .replace(/^([0-9]+|[IVXLC]+|[一二三四五六七八九十]+)[.、)]\s*/u, '')
    .replace(/[:：]\s*$/u, '')
    .replace(/[*_]/g, '')
    .trim()
    .toLowerCase();
}
