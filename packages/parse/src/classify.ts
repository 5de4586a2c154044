import type { Block } from './blocks.js';
import { lexicon } from './lexicon.js';

export interface SentenceFacts {
  /** The sentence's prose: markup and markers blanked. */
  prose: string;
  /** The sentence has a marker (even `[citation needed]` or a malformed one). */
  cited: boolean;
  block: Block;
  /** The block stands in a blockquote marked as a quotation of a source. */
  sourceQuote: boolean;
}

export type Verdict = { claim: true } | { claim: false; why: string };

const QUOTE_OPEN = /^["“‘'«「『]/u;
const ATTRIBUTION = /^(—|―|–|--)\s*\S/u;

/**
 * A blockquote is a quotation of a source when it opens with a quotation mark or ends with an
 * attribution line ("— Opinion of the Court [1]"); a blockquote used as a call-out is prose.
 */
export function isSourceQuote(proses: string[]): boolean {
  const first = proses[0]?.trim() ?? '';
  return QUOTE_OPEN.test(first) || proses.some((p) => p.split('\n').some((line) => ATTRIBUTION.test(line.trim())));
}
const CJK_CHARS = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu;
const HAS_CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

function words(prose: string): number {
  const latin = prose.split(/\s+/).filter((w) => /\p{L}/u.test(w) && !HAS_CJK.test(w)).length;
  const cjk = prose.match(CJK_CHARS)?.length ?? 0;
  return latin + Math.floor(cjk / 2);
}

function startsWithPhrase(lower: string, phrases: string[]): boolean {
  return phrases.some((p) => {
    if (!lower.startsWith(p)) return false;
    const next = lower[p.length];
    // A CJK phrase needs no word boundary; a Latin one must not run into a longer word.
    return next === undefined || !/[a-z]/.test(next) || /[^\x00-\x7f]/.test(p);
  });
}

/** First-person words outside quotation marks: the agent talking about its own work. */
function speaksInFirstPerson(prose: string): boolean {
  const unquoted = prose.replace(/["“][^"”]*["”]/g, ' ');
  return unquoted
    .toLowerCase()
    .split(/[^a-z']+/)
    .some((w) => lexicon.firstPerson.has(w));
}

/** "The calculation in this brief is sketched below", "Table 1 sets …": pointers into the document. */
function mentionsDocument(lower: string): boolean {
  return (
    lexicon.selfReferenceAnywhere.some((phrase) => lower.includes(phrase)) ||
    /^(table|figure|fig\.|chart|exhibit|box|appendix)\s+[\dA-Z]/iu.test(lower)
  );
}

function isRecommendation(lower: string): boolean {
  // Whole words only: "Start-ups such as …" opens with a noun, not the verb "start".
  const [first = '', second = ''] = lower.split(/\s+/).map((w) => w.replace(/^[^\p{L}]+|(?<![^\p{L}'-])[^\p{L}'-]+$/gu, ''));
  return lexicon.imperativeVerbs.has(first) && !lexicon.notAfterImperative.has(second);
}

/**
 * Is this sentence a claim about the world? Titles are taken out before; here go questions,
 * fragments, table headers, quoted sources, and (when uncited) sentences about the document,
 * agent narration and closing offers.
 */
export function classifySentence(facts: SentenceFacts): Verdict {
  const prose = facts.prose.replace(/\s+/g, ' ').trim();
  // The look-behind lets only the start of a run try to reach the end: without it a long run
  // followed by anything else (`***…a`) is retried from each of its characters, quadratic.
  const bare = prose.replace(/(?<!["'”’)\]」』）*_\s])["'”’)\]」』）*_\s]+$/u, '');
  if (bare === '') return { claim: false, why: 'empty' };
  if (/[?？]$/u.test(bare)) return { claim: false, why: 'question' };
  const { block } = facts;
  if (block.context.cell === 'header') return { claim: false, why: 'table header' };
  if (facts.sourceQuote) return { claim: false, why: 'quoted source' };
  const count = words(prose);
  const ended = /[.!。！…]$/u.test(bare);
  if (count < (facts.cited ? 2 : 3)) return { claim: false, why: 'fragment' };
  if (!facts.cited && !ended && count <= 6 && !/\d/.test(prose)) return { claim: false, why: 'fragment' };
  if (block.context.cell === 'body' && !facts.cited && count < 8) return { claim: false, why: 'table cell' };
  if (!facts.cited) {
    // "The evidence points three ways:" introduces a list; the list items carry the claims.
    if (/[:：]$/u.test(bare)) return { claim: false, why: 'lead-in' };
    const lower = prose.toLowerCase().replace(/^[*_\s]+/, '');
    if (startsWithPhrase(lower, lexicon.selfReference) || mentionsDocument(lower)) {
      return { claim: false, why: 'about the document' };
    }
    if (startsWithPhrase(lower, lexicon.offers)) return { claim: false, why: 'offer' };
    if (isRecommendation(lower)) return { claim: false, why: 'recommendation' };
    if (startsWithPhrase(lower, lexicon.narration) || speaksInFirstPerson(prose)) {
      return { claim: false, why: 'narration' };
    }
  }
  return { claim: true };
}
