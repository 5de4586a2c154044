import { changeOf, extractFigures } from './figures.js';
import { wording } from './lexicon.js';
import { contentTerms } from './terms.js';

export type StrongKind = 'quantifier' | 'booster' | 'scope' | 'causal' | 'primacy';

/** A word or phrase that states a claim broadly: "all", "proves", "nationwide", "causes". */
export interface StrongWord {
  phrase: string;
  kind: StrongKind;
  /** For quantifiers, the share of cases implied (1 = all); 1 for the other kinds. */
  strength: number;
  start: number;
  end: number;
  /** For a place-wide scope ("across Europe"), the place. */
  place?: string;
  /** For a scope with a known reach ("worldwide" → "global"), its family in the lexicon. */
  family?: string;
  /** For a booster, whether it is certainty about the future ("will inevitably"). */
  forecast?: boolean;
}

interface Word {
  lower: string;
  start: number;
  end: number;
  quoted: boolean;
}

const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*%?|["“”]/gu;

function wordsOf(text: string): Word[] {
  const out: Word[] = [];
  let quoted = false;
  for (const m of text.matchAll(WORD)) {
    const raw = m[0];
    if (raw === '"' || raw === '“' || raw === '”') {
      quoted = raw === '“' ? true : raw === '”' ? false : !quoted;
      continue;
    }
    out.push({ lower: raw.toLowerCase().replace(/’/g, "'"), start: m.index ?? 0, end: (m.index ?? 0) + raw.length, quoted });
  }
  return out;
}

interface Phrase {
  words: string[];
  kind: StrongKind | 'hedge' | 'association' | 'attribution' | 'negator' | 'weak' | 'sourceCausal' | 'evidence';
  strength: number;
}

const split = (phrase: string): string[] => phrase.toLowerCase().split(/\s+/);
const PHRASES: Phrase[] = [
  ...wording.quantifiers.map((q) => ({ words: split(q.phrase), kind: 'quantifier' as const, strength: q.strength })),
  ...wording.weakQuantifiers.map((q) => ({ words: split(q.phrase), kind: 'weak' as const, strength: q.strength })),
  ...[...wording.boosters, ...wording.forecastBoosters].map((p) => ({ words: split(p), kind: 'booster' as const, strength: 1 })),
  ...[...wording.scope, ...Object.values(wording.scopeFamilies).flatMap((f) => f.claim)].map((p) => ({ words: split(p), kind: 'scope' as const, strength: 1 })),
  ...wording.causal.map((p) => ({ words: split(p), kind: 'causal' as const, strength: 1 })),
  ...wording.primacy.map((p) => ({ words: split(p), kind: 'primacy' as const, strength: 1 })),
  ...wording.hedges.map((p) => ({ words: split(p), kind: 'hedge' as const, strength: 0 })),
  ...wording.associations.map((p) => ({ words: split(p), kind: 'association' as const, strength: 0 })),
  ...wording.attribution.map((p) => ({ words: split(p), kind: 'attribution' as const, strength: 0 })),
  ...wording.negators.map((p) => ({ words: split(p), kind: 'negator' as const, strength: 0 })),
  ...wording.wideNegators.map((p) => ({ words: split(p), kind: 'negator' as const, strength: 8 })),
].sort((a, b) => b.words.length - a.words.length);

const SOURCE_CAUSAL = wording.sourceCausal.map(split);
const PRIMACY_LICENCES = wording.primacyLicences.map(split);
const FORECAST = new Set(wording.forecastBoosters.map((p) => p.toLowerCase()));
const EVIDENCE_VERBS = new Set(wording.evidenceVerbs);
const ATTRIBUTION_ALONE = new Set(wording.attributionAlone);

/** Phrases of the given kinds by their first word, built once per set of kinds. */
const phraseTables = new Map<ReadonlySet<Phrase['kind']>, Map<string, Phrase[]>>();
function phrasesByFirstWord(kinds: ReadonlySet<Phrase['kind']>): Map<string, Phrase[]> {
  let table = phraseTables.get(kinds);
  if (table === undefined) {
    table = new Map();
    for (const p of PHRASES) {
      if (!kinds.has(p.kind)) continue;
      const first = p.words[0] ?? '';
      const list = table.get(first);
      if (list) list.push(p);
      else table.set(first, [p]);
    }
    phraseTables.set(kinds, table);
  }
  return table;
}

/** Phrase matches, longest first at each word, each word used once. Linear in the words. */
function matches(words: Word[], kinds: ReadonlySet<Phrase['kind']>): { phrase: Phrase; from: number; to: number }[] {
  const byFirst = phrasesByFirstWord(kinds);
  const out: { phrase: Phrase; from: number; to: number }[] = [];
  for (let i = 0; i < words.length; i++) {
    const candidates = byFirst.get(words[i]?.lower ?? '');
    const hit = candidates?.find((p) => p.words.every((w, k) => words[i + k]?.lower === w));
    if (hit) {
      out.push({ phrase: hit, from: i, to: i + hit.words.length });
      i += hit.words.length - 1;
    }
  }
  return out;
}

const QUANTITY_KINDS = new Set<Phrase['kind']>(['quantifier', 'weak']);
const PASSAGE_KINDS = new Set<Phrase['kind']>(['booster', 'scope', 'hedge', 'association']);
const CLAIM_KINDS = new Set<Phrase['kind']>(['quantifier', 'weak', 'booster', 'scope', 'causal', 'primacy', 'hedge', 'association', 'attribution', 'negator']);
const TEMPORAL = new Set(['never', 'always', 'almost never', 'almost always', 'invariably']);

function weakerQuantifierBefore(words: Word[], found: readonly { phrase: Phrase; from: number }[], at: number): boolean {
  const phrase = found.find((f) => f.from === at)?.phrase;
  if (!phrase || !TEMPORAL.has(phrase.words.join(' '))) return false;
  // … or quantifies what follows: "prosecutors never get most cases".
  return found.some((f) => f.from !== at && Math.abs(at - f.from) <= (f.from < at ? 6 : 3) && (f.phrase.kind === 'weak' || (f.phrase.kind === 'quantifier' && f.phrase.strength < 0.85))) ||
    words.slice(Math.max(0, at - 6), at).some((w) => /^\d+%?$/.test(w.lower));
}

/** "the most common", "most important": a superlative, not the quantifier "most". */
function superlative(words: Word[], at: number): boolean {
  const before = words[at - 1]?.lower;
  const after = words[at + 1]?.lower ?? '';
  if (before === 'the' || before === 'a' || before === 'among') return true;
  // "most important factor" is a superlative; "most existing taxes" quantifies the taxes.
  const then = words[at + 2]?.lower ?? '';
  return /(al|ive|ant|ent|ous|ic|able|ible|ful|ly|est|ed|ing)$/.test(after) && !/s$/.test(after) && !/s$/.test(then);
}

const FREQUENCY = new Set(wording.frequencyNouns);
const EXCEPTIONS = new Set(['except', 'excepting', 'excluding', 'apart', 'bar', 'save']);
const NOT_QUANTIFIER_AFTER_NO = new Set(wording.noNotQuantifier);
const NOT_AN_OBJECT = new Set(wording.notAnObject);
// Bounded: a preposition, an optional "the", then one to three capitalised words.
const PLACE_SCOPE = /\b(?:[Aa]cross|[Tt]hroughout|[Aa]ll over|[Ee]verywhere in)\s+(?:the\s+)?((?:\p{Lu}[\p{L}.'-]*)(?:\s+\p{Lu}[\p{L}.'-]*){0,2})/gu;
const PLACE_IDIOMS = new Set(wording.placeIdioms.map((p) => p.toLowerCase()));
const ANAPHORS = new Set(['which', 'whom', 'these', 'those', 'them', 'this', 'that', 'it', 'of']);
const DETERMINERS = new Set(['a', 'an', 'the', 'one', 'main', 'common', 'leading', 'root', 'major', 'primary', 'likely', 'probable', 'underlying', 'its', 'their', 'no']);

/** "the most common cause of delay", "causes of death": the noun, not the verb. */
function causeAsNoun(words: Word[], from: number, to: number): boolean {
  const phrase = words.slice(from, to).map((w) => w.lower).join(' ');
  if (phrase !== 'cause' && phrase !== 'causes') return false;
  return words[to]?.lower === 'of' || DETERMINERS.has(words[from - 1]?.lower ?? '');
}

/** "No household can afford it" is universal; "there is no evidence", "no longer" are not. */
function noAsQuantifier(text: string, words: Word[], from: number, to: number): boolean {
  const before = text.slice(0, words[from]?.start ?? 0).trimEnd();
  const opensClause = before === '' || /[,;:—–(]$/u.test(before) || /\bthat$/iu.test(before);
  return opensClause && !NOT_QUANTIFIER_AFTER_NO.has(words[to]?.lower ?? '');
}

type Match = ReturnType<typeof matches>[number];

/** Does the phrase occur, word for word, in the lower-cased words? */
function containsPhrase(lower: readonly string[], phrase: readonly string[]): boolean {
  return lower.some((_, i) => phrase.every((w, k) => lower[i + k] === w));
}

/**
 * Is a quantifier phrase really saying how many? "half of all hospitals", "in all,", "not at
 * all", "all of which", "all but five", "every day", "the whole of 2022", "the most common",
 * "no longer" use the words for something else. Shared by claims and source passages.
 */
function quantifies(text: string, words: Word[], found: readonly Match[], m: Match): boolean {
  const phrase = m.phrase.words.join(' ');
  const first = words[m.from] as Word;
  const last = words[m.to - 1] as Word;
  const after = words[m.to]?.lower ?? '';
  if (phrase === 'no') return noAsQuantifier(text, words, m.from, m.to);
  if (phrase === 'most') return !superlative(words, m.from);
  // "many reports never become charges": "never" ranges over the reports already quantified.
  if (weakerQuantifierBefore(words, found, m.from)) return false;
  if (m.phrase.words[0] === 'all') {
    // "above all", "after all", "all in all": idioms, not quantities.
    if (['above', 'after'].includes(words[m.from - 1]?.lower ?? '') || (phrase === 'all' && after === 'in' && words[m.to + 1]?.lower === 'all')) return false;
    // "all of which", "all of these": a summary of what the sentence listed, not of the world.
    if (ANAPHORS.has(after)) return false;
    // "46% of all" names the whole a share is taken of; "in all," means in total; "at all" stresses a negation.
    const totalIn = words[m.from - 1]?.lower === 'in' && /^\s*([,;:.]|$)/.test(text.slice(last.end));
    if (phrase === 'all' && (['of', 'at'].includes(words[m.from - 1]?.lower ?? '') || totalIn)) return false;
    if (phrase === 'all but' && /^(\d|one|two|three|four|five|six|seven|eight|nine|ten|a)/.test(after)) return false;
    // "four fatalities in Mexico, all related to …": "all" of the things just counted.
    if (phrase === 'all' && /,\s*$/.test(text.slice(0, first.start)) && words.slice(Math.max(0, m.from - 6), m.from).some((w) => /^\d|^(two|three|four|five|six|seven|eight|nine|ten|both)$/.test(w.lower))) return false;
  }
  // "the whole of 2022", "the whole year": a stretch of time.
  if (phrase === 'the whole' && (FREQUENCY.has(after) || (after === 'of' && /^\d/.test(words[m.to + 1]?.lower ?? '')))) return false;
  // "every day" is how often, not how many.
  if (/^(every|each)$/.test(phrase) && (FREQUENCY.has(after) || /^(\d|one|two|three|four|five|six|seven|eight|nine|ten|twelve|hundred|thousand)/.test(after))) return false;
  return true;
}

export interface ClaimWording {
  /** Broad wording the author states as their own: not quoted, negated or attributed. */
  strong: StrongWord[];
  /** The sentence hedges ("may", "suggests", "is associated with"): nothing is flagged. */
  hedged: boolean;
}

/**
 * Reads a claim for over-broad wording. A phrase in quotation marks, right after a negation
 * ("not all"), or after an attribution ("advocates argue that all …") is not the author's own
 * generalisation; a hedge anywhere in the sentence softens all of it.
 */
export function readClaimWording(text: string): ClaimWording {
  const words = wordsOf(text);
  const found = matches(words, CLAIM_KINDS);
  // "more patients than they could safely look after": a modal in a comparison hedges nothing.
  const hedged = found.some((m) => m.phrase.kind === 'hedge' && !words.slice(Math.max(0, m.from - 2), m.from).some((w) => w.lower === 'than'));
  // "is associated with" takes back a cause, not a quantity or a reach.
  const associative = found.some((m) => m.phrase.kind === 'association');
  const firstAttribution =
    found.find((m) => m.phrase.kind === 'attribution' && (ATTRIBUTION_ALONE.has(m.phrase.words.join(' ')) || words[m.to]?.lower === 'that'))?.from ?? Infinity;
  const strong: StrongWord[] = [];
  for (const m of found) {
    const kind = m.phrase.kind;
    if (kind !== 'quantifier' && kind !== 'booster' && kind !== 'scope' && kind !== 'causal' && kind !== 'primacy') continue;
    const first = words[m.from] as Word;
    const last = words[m.to - 1] as Word;
    // "a nationally representative survey" describes a sample, not the claim's reach.
    if (kind === 'scope' && words[m.to]?.lower === 'representative') continue;
    if (words.slice(m.from, m.to).some((w) => w.quoted) || m.from > firstAttribution) continue;
    // A negator's reach: 2 words ("not all"), or its strength for wide ones ("rather than … all").
    const negates = (n: (typeof found)[number]): boolean => n.phrase.kind === 'negator' || n.phrase.words.join(' ') === 'no';
    const negated = found.some((n) => negates(n) && n.to <= m.from && m.from - n.to <= Math.max(2, n.phrase.kind === 'negator' ? n.phrase.strength : 0));
    if (negated) continue;
    if (kind === 'causal' && (associative || causeAsNoun(words, m.from, m.to))) continue;
    // "won price guarantees in successive auctions": a noun, where the verb would take an object.
    if (kind === 'booster' && m.to - m.from === 1 && /(s|ed)$/.test(m.phrase.words[0] ?? '') && NOT_AN_OBJECT.has(words[m.to]?.lower ?? '')) continue;
    if (kind === 'causal' && m.to - m.from === 1 && !/^caus/.test(m.phrase.words[0] ?? '') && (words[m.to] === undefined || NOT_AN_OBJECT.has(words[m.to]?.lower ?? ''))) continue;
    if (kind === 'quantifier' && !quantifies(text, words, found, m)) continue;
    const family = kind === 'scope' ? SCOPE_FAMILY.get(m.phrase.words.join(' ')) : undefined;
    const forecast = kind === 'booster' && FORECAST.has(m.phrase.words.join(' '));
    strong.push({ phrase: text.slice(first.start, last.end), kind, strength: m.phrase.strength, start: first.start, end: last.end, ...(family ? { family } : {}), ...(forecast ? { forecast } : {}) });
  }
  // "across Europe", "throughout the UK": a place-wide scope, checked against where the source looked.
  for (const place of text.matchAll(PLACE_SCOPE)) {
    const start = place.index ?? 0;
    if (strong.some((w) => w.start <= start && start < w.end) || start > (words[firstAttribution]?.start ?? Infinity)) continue;
    // "across the Atlantic" says where, from the writer's side of it; it does not widen the claim.
    if (PLACE_IDIOMS.has((place[1] ?? '').toLowerCase())) continue;
    strong.push({ phrase: place[0], kind: 'scope', strength: 1, start, end: start + place[0].length, place: place[1] ?? '' });
  }
  strong.sort((a, b) => a.start - b.start);
  return { strong, hedged };
}

/** What a source passage commits to: how broad its quantities are, whether it claims cause or proof. */
export interface PassageWording {
  /** The broadest share it states (a quantifier, a percentage or a fraction), or null. */
  strength: number | null;
  strengthPhrase: string | null;
  causal: boolean;
  /** It hedges ("suggest", "may", "is associated with"): a claim of cause from it is too strong. */
  hedged: boolean;
  proves: boolean;
  /** It states certainty in words of its own ("will certainly"), not just evidence ("showed"). */
  certain: boolean;
  scopes: string[];
  /** It singles a cause or factor out itself ("the main driver", "the largest source"). */
  singlesOut: boolean;
}

export function readPassageWording(text: string): PassageWording {
  const words = wordsOf(text);
  // Quantities and the other cues are read in separate passes, so "across all groups" counts
  // both as a scope and as the quantifier "all". A source's "no" ("no significant change") is a
  // negation, not a licence for a universal claim.
  // "every region except the North East" is not universal: drop what an exception follows.
  const excepted = (m: { to: number }): boolean => words.slice(m.to, m.to + 3).some((w) => EXCEPTIONS.has(w.lower));
  const quantified = matches(words, QUANTITY_KINDS);
  const quantities = quantified.filter((m) => quantifies(text, words, quantified, m) && !excepted(m));
  const found = [...quantities, ...matches(words, PASSAGE_KINDS).filter((m) => !excepted(m))];
  let strength: number | null = null;
  let strengthPhrase: string | null = null;
  const consider = (value: number, phrase: string): void => {
    if (strength === null || value > strength) {
      strength = value;
      strengthPhrase = phrase;
    }
  };
  for (const m of found) {
    if (m.phrase.kind === 'quantifier' || m.phrase.kind === 'weak') {
      consider(m.phrase.strength, text.slice(words[m.from]?.start ?? 0, words[m.to - 1]?.end ?? 0));
    }
  }
  // A percentage is a share ("48% of riders", "17 of the 19", "71% said") unless it is a change
  // ("fell by 6%", "a 12% reduction").
  for (const figure of extractFigures(text)) {
    if (figure.kind !== 'percent' || figure.value > 100) continue;
    const after = text.slice(figure.end, figure.end + 40);
    if (/^\s*(\([^)]{0,20}\)\s*)?(of|of whom|of them)\b/i.test(after) || /\bof\b/i.test(figure.raw) || /\bin\b/.test(figure.raw) || changeOf(text, figure) === null) consider(figure.value / 100, figure.raw);
  }
  const lowerWords = words.map((w) => w.lower);
  const has = (phrase: readonly string[]): boolean => containsPhrase(lowerWords, phrase);
  return {
    strength,
    strengthPhrase,
    causal: SOURCE_CAUSAL.some(has),
    hedged: found.some((m) => m.phrase.kind === 'hedge' || m.phrase.kind === 'association'),
    proves: lowerWords.some((w) => EVIDENCE_VERBS.has(w)) || found.some((m) => m.phrase.kind === 'booster'),
    certain: found.some((m) => m.phrase.kind === 'booster' && !m.phrase.words.some((w) => EVIDENCE_VERBS.has(w))),
    scopes: found.filter((m) => m.phrase.kind === 'scope').map((m) => m.phrase.words.join(' ')),
    singlesOut: PRIMACY_LICENCES.some(has),
  };
}

const SCOPE_FAMILY = new Map(Object.entries(wording.scopeFamilies).flatMap(([family, { claim }]) => claim.map((p) => [p.toLowerCase(), family] as const)));
const SCOPE_SOURCE = new Map(Object.entries(wording.scopeFamilies).map(([family, { source }]) => [family, source.map(split)]));

/** Does a text speak at a scope family's reach ("global", "the world's population")? */
export function speaksAt(family: string, text: string): boolean {
  const lower = wordsOf(text).map((w) => w.lower);
  return (SCOPE_SOURCE.get(family) ?? []).some((phrase) => containsPhrase(lower, phrase));
}

/** "in 16 states", "in three countries": the scope a source actually covers, for messages. */
export function scopeOf(text: string): string | null {
  const m = /\b(?:in|across)\s+(?:\d+|two|three|four|five|six|seven|eight|nine|ten|several|some|a few|[\d,]+)\s+(?:states|countries|regions|cities|counties|provinces|districts|sites|hospitals|schools)\b/i.exec(text);
  return m ? m[0] : null;
}

/**
 * The content terms of the wording lexicons ("undeniably", "proves", "nationwide", "causes"):
 * how strongly a claim is put, not what it is about, so support scoring leaves them out.
 */
export const wordingTerms: ReadonlySet<string> = new Set(PHRASES.filter((p) => p.kind !== 'weak').flatMap((p) => contentTerms(p.words.join(' '))));
