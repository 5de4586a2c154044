import { ParseEnglish } from 'parse-english';
import type { Paragraph, Sentence } from 'nlcst';
import { sentencePieces } from '@citecheck/model';
import { lexicon } from './lexicon.js';

/** A sentence as offsets into the whole text; `end` is exclusive. */
export interface SentenceSpan {
  start: number;
  end: number;
}

const parser = new ParseEnglish();
/** Characters parsed at a time; real paragraphs are far shorter, so they are parsed whole. */
const PIECE = 20_000;

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const CJK_END = new Set(['。', '！', '？', '．']);
const CLOSERS = new Set(['」', '』', '）', '”', '’', '"', "'", ')', '】', '》']);
const LOWER = /^\p{Ll}/u;

/**
 * Splits prose (a block's view, already free of markup and markers) into sentences with
 * retext's English parser, then repairs what it gets wrong for briefings: CJK sentence ends,
 * abbreviations it does not know ("No. 5", "Fig. 2"), sentences glued without a space
 * ("form.As of"), and stray punctuation left where markers were blanked ("past.[2][1]. As").
 */
export function splitSentences(view: string, base: number): SentenceSpan[] {
  const raw: SentenceSpan[] = [];
  // retext is quadratic in the sentences of one paragraph: a block far longer than any real
  // paragraph is parsed in pieces cut at sentence ends.
  const cuts = sentencePieces(view, PIECE);
  const figures = new FigureWords(view);
  for (let c = 1; c < cuts.length; c++) {
    const from = cuts[c - 1] ?? 0;
    const tree = parser.parse(view.slice(from, cuts[c]));
    for (const paragraph of tree.children) {
      if (paragraph.type !== 'ParagraphNode') continue;
      for (const sentence of (paragraph as Paragraph).children) {
        if (sentence.type !== 'SentenceNode') continue;
        const span = spanOf(sentence, from);
        // One by one: spreading an input-sized list into push overflows the stack.
        if (span) for (const part of splitInside(view, span, figures)) raw.push(part);
      }
    }
  }
  return mergeFragments(view, raw).map((s) => {
    // A bullet glyph is layout, not part of the claim.
    let start = s.start;
    while (start < s.end && (/\s/.test(view[start] ?? '') || BULLETS.has(view[start] ?? ''))) start++;
    return { start: start + base, end: s.end + base };
  });
}

function spanOf(sentence: Sentence, from: number): SentenceSpan | null {
  const start = sentence.position?.start.offset;
  const end = sentence.position?.end.offset;
  return start === undefined || end === undefined ? null : { start: start + from, end: end + from };
}

/** Splits after CJK sentence ends and at "word.Word" joins, which parse-english leaves whole. */
function splitInside(view: string, span: SentenceSpan, figures: FigureWords): SentenceSpan[] {
  const out: SentenceSpan[] = [];
  let from = span.start;
  for (let i = span.start; i < span.end; i++) {
    const c = view[i] ?? '';
    let cut = -1;
    if (CJK_END.has(c)) {
      cut = i + 1;
      while (cut < span.end && (CLOSERS.has(view[cut] ?? '') || CJK_END.has(view[cut] ?? ''))) cut++;
    } else if (c === '.' && isGluedJoin(view, i)) {
      cut = i + 1;
    } else if (c === '.' && isNumberThenSentence(view, i, figures)) {
      cut = i + 1;
    } else if (c === '\n' && startsBulletLine(view, i + 1, span.end)) {
      // "Important\n• Publish …": a bullet glyph at the start of a line starts a new item.
      cut = i + 1;
    }
    if (cut !== -1 && cut < span.end) {
      out.push({ start: from, end: cut });
      from = cut;
      i = cut - 1;
    }
  }
  out.push({ start: from, end: span.end });
  return out;
}

const BULLETS = new Set(['•', '▪', '◦', '‣', '·', '●', '■', '►', '✓', '✔']);

function startsBulletLine(view: string, from: number, to: number): boolean {
  let i = from;
  while (i < to && (view[i] === ' ' || view[i] === '\t')) i++;
  return BULLETS.has(view[i] ?? '');
}

/**
 * "… in 2019–20. In roughly …", "… by 1–2 °C. In …": parse-english keeps a period after some
 * number forms and single capitals inside the sentence. A period after a figure, then white
 * space and a capitalised word, ends it.
 */
function isNumberThenSentence(view: string, i: number, figures: FigureWords): boolean {
  // The word before the period is a figure or a unit after one: "2019–20.", "30 °C.", "5%."
  if (!figures.inWordBefore(i)) return false;
  let j = i + 1;
  if (!/\s/.test(view[j] ?? '')) return false;
  while (/\s/.test(view[j] ?? '')) j++;
  if (/["“‘(]/u.test(view[j] ?? '')) j++;
  return /\p{Lu}/u.test(view[j] ?? '') && /\p{Ll}/u.test(view[j + 1] ?? '');
}

const FIGURE = /[\p{N}°%]/u;

/**
 * Whether the word before a position (from the last white space before it) holds a figure, read
 * in one pass forward over the view: walking back to the white space from every period was
 * quadratic in a long run without any (`www.a` repeated: 100 KB took 14 s).
 */
class FigureWords {
  private at = 0;
  private wordStart = 0;
  private lastFigure = -1;

  constructor(private readonly view: string) {}

  inWordBefore(i: number): boolean {
    // Asked in order by splitSentences; a position behind the last one starts the pass over.
    if (i < this.at) {
      this.at = 0;
      this.wordStart = 0;
      this.lastFigure = -1;
    }
    for (; this.at < i; this.at++) {
      const c = this.view[this.at] ?? '';
      if (/\s/.test(c)) this.wordStart = this.at + 1;
      else if (FIGURE.test(codePointAt(this.view, this.at))) this.lastFigure = this.at;
    }
    return this.lastFigure >= this.wordStart;
  }
}

/** The character at `i`, both halves of a surrogate pair when one starts there. */
function codePointAt(view: string, i: number): string {
  const code = view.codePointAt(i);
  return code === undefined ? '' : String.fromCodePoint(code);
}

/** "form.As of": two lower-case letters, a period, then a capitalised word. */
function isGluedJoin(view: string, i: number): boolean {
  const a = view[i - 2] ?? '';
  const b = view[i - 1] ?? '';
  const c = view[i + 1] ?? '';
  const d = view[i + 2] ?? '';
  return /\p{Ll}/u.test(a) && /\p{Ll}/u.test(b) && /\p{Lu}/u.test(c) && /\p{Ll}/u.test(d);
}

/** No abbreviation is longer: the walk back stops there, not at the start of a long merged run. */
const LONGEST_ABBREVIATION = Math.max(0, ...[...lexicon.neverFinal, ...lexicon.abbreviations].map((w) => w.length));

function lastWord(view: string, span: SentenceSpan): string {
  let end = span.end;
  while (end > span.start && /\s/.test(view[end - 1] ?? '')) end--;
  if (view[end - 1] !== '.') return '';
  let start = end - 1;
  while (start > span.start && /[\p{L}.]/u.test(view[start - 1] ?? '')) {
    start--;
    // Longer than any abbreviation: whatever it is, no lexicon lookup finds it.
    if (end - 1 - start > LONGEST_ABBREVIATION) return '';
  }
  return view.slice(start, end - 1).toLowerCase();
}

function firstChar(view: string, span: SentenceSpan): string {
  for (let i = span.start; i < span.end; i++) {
    const c = view[i] ?? '';
    if (!/\s/.test(c)) return c;
  }
  return '';
}

function mergeFragments(view: string, spans: SentenceSpan[]): SentenceSpan[] {
  const out: SentenceSpan[] = [];
  // `(` less `)` in the last sentence so far, kept as fragments join it: counting them over
  // the whole sentence at each join was quadratic when an open parenthesis joined them all.
  let unclosed = 0;
  for (const span of spans) {
    const prev = out[out.length - 1];
    const body = view.slice(span.start, span.end);
    if (prev) {
      const first = firstChar(view, span);
      const noWords = !LETTER_OR_DIGIT.test(body) || !/\p{L}/u.test(body);
      const continues = LOWER.test(first);
      const abbreviation = lastWord(view, prev);
      const afterAbbreviation =
        lexicon.neverFinal.has(abbreviation) ||
        (lexicon.abbreviations.has(abbreviation) && /[\p{N}\p{Ll}(]/u.test(first));
      const openParen = unclosed > 0;
      if (noWords || continues || afterAbbreviation || openParen) {
        unclosed = span.end >= prev.end ? unclosed + parenBalance(view, prev.end, span.end) : parenBalance(view, prev.start, span.end);
        prev.end = span.end;
        continue;
      }
    }
    out.push({ ...span });
    unclosed = parenBalance(view, span.start, span.end);
  }
  return out;
}

/** `(` less `)` in view[from, to). */
function parenBalance(view: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = view.charCodeAt(i);
    if (c === 0x28) n++;
    else if (c === 0x29) n--;
  }
  return n;
}
