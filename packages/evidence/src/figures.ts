import { numbers } from './lexicon.js';

/**
 * A figure as a reader would compare it: "one-third", "33%" and "one in three" are all the
 * percent 33.3; "$4.2bn" and "4.2 billion dollars" the money 4.2e9; "fewer than 5%" is the
 * percent 5 with the comparator '<'.
 */
export interface Figure {
  raw: string;
  start: number;
  end: number;
  kind: 'percent' | 'count' | 'money' | 'year' | 'ratio' | 'rate' | 'duration' | 'measure' | 'age';
  /** For a measure, its dimension ("length", "volume"…); values are in that dimension's base unit. */
  unit?: string;
  value: number;
  /** '~' approximately, '<' at most, '>' at least, '=' as stated. */
  comparator: '=' | '~' | '<' | '>';
  /** How far the value may be off and still be the same figure, as written (rounding). */
  tolerance: number;
  /** Worked out, not written ("17 of whom" → 89%): used to read a source, never checked in a claim. */
  derived?: boolean;
}

interface Token {
  text: string;
  lower: string;
  start: number;
  end: number;
  number: number | null;
}

const TOKEN = /\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|[\p{L}]+(?:[-'’][\p{L}]+)*|[%$€£~<>–—-]/gu;
const CURRENCY = new Set(['$', '€', '£']);
const SUBUNITS = /^\s?(?:cents?|pence)\b/i;
const CURRENCY_WORDS = new Set(['dollars', 'dollar', 'euros', 'euro', 'pounds', 'usd', 'eur', 'gbp', 'yuan', 'yen', 'rupees']);
// A number after one of these words names a thing ("Article 9", "Phase 3"), it is no figure.
const NAMING = new Set([
  'article', 'section', 'title', 'chapter', 'figure', 'fig', 'table', 'no', 'phase', 'level', 'tier', 'grade',
  'class', 'route', 'stage', 'version', 'model', 'series', 'type', 'step', 'part', 'item', 'rule', 'act',
  'paragraph', 'clause', 'page', 'pp', 'p', 'vol', 'volume', 'issue', 'category', 'zone', 'district', 'ward',
  'interstate', 'highway', 'flight', 'gate', 'room', 'building', 'appendix', 'exhibit', 'box', 'case', 'docket',
  'proposition', 'prop', 'amendment', 'bill', 'order', 'measure', 'resolution', 'directive', 'regulation',
]);

const MONTHS = new Set(['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec']);
const TIME_UNITS = new Set(numbers.timeUnits);
const ORDINALS = new Set(['first', 'second', 'third', 'fourth', 'last', 'final', 'next', 'previous', 'past', 'latest']);
// "25 of its 35 libraries", "41 of the 48 states".
const DETERMINERS = new Set(['the', 'its', 'their', 'his', 'her', 'our', 'these', 'those', 'all']);
const boundsAfter = Object.entries(numbers.boundAfter).map(([phrase, comparator]) => ({ words: phrase.split(/\s+/), comparator }));
const unitWords = new Map(Object.entries(numbers.units));
const scaleWords = new Map(Object.entries(numbers.scales));
const multiplierWords = new Map(Object.entries(numbers.multipliers));
const fractionPhrases = Object.entries(numbers.fractions)
  .map(([phrase, value]) => ({ words: phrase.split(/\s+/), value }))
  .sort((a, b) => b.words.length - a.words.length);
// Looked up by a token's first word: every token of every text passes here.
const fractionsByFirstWord = new Map<string, typeof fractionPhrases>();
for (const phrase of fractionPhrases) {
  const first = phrase.words[0] ?? '';
  fractionsByFirstWord.set(first, [...(fractionsByFirstWord.get(first) ?? []), phrase]);
}
const phraseList = (list: string[]) => list.map((p) => p.split(/\s+/)).sort((a, b) => b.length - a.length);
// Longest first across the three lists: "just over" is an approximation, not "over".
const COMPARATORS = [
  ...phraseList(numbers.below).map((words) => ({ words, comparator: '<' as const })),
  ...phraseList(numbers.above).map((words) => ({ words, comparator: '>' as const })),
  ...phraseList(numbers.approximate).map((words) => ({ words, comparator: '~' as const })),
].sort((a, b) => b.words.length - a.words.length);
const MEASURES = new Map(Object.entries(numbers.measures));
const PART_QUALIFIERS = new Set(['only', 'just', 'about', 'around', 'some', 'nearly', 'almost', 'roughly']);
const TEMPERATURE = /^\s?(?:°\s?|º\s?|degrees?\s+)(celsius|fahrenheit|centigrade|c|f)\b/i;
const CLOCK = /^\s?(a\.m\.|p\.m\.|am\b|pm\b|gmt\b|utc\b|bst\b|cet\b|hrs\b)/i;

/** "seven", "twenty-five" → 7, 25; other words → null. */
function wordNumber(word: string): number | null {
  const whole = unitWords.get(word);
  if (whole !== undefined) return whole;
  const [tens, ones] = word.split('-');
  const a = unitWords.get(tens ?? '');
  const b = unitWords.get(ones ?? '');
  return a !== undefined && b !== undefined && a >= 20 && a % 10 === 0 && b < 10 ? a + b : null;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const raw = m[0];
    const start = m.index ?? 0;
    // "five-day", "three-year": the number, then its unit.
    const dash = raw.indexOf('-');
    const head = dash > 0 ? raw.slice(0, dash).toLowerCase() : '';
    if (dash > 0 && unitWords.has(head) && wordNumber(raw.toLowerCase()) === null && !/-fold$/i.test(raw)) {
      tokens.push({ text: raw.slice(0, dash), lower: head, start, end: start + dash, number: unitWords.get(head) ?? null });
      tokens.push({ text: raw.slice(dash + 1), lower: raw.slice(dash + 1).toLowerCase(), start: start + dash + 1, end: start + raw.length, number: null });
      continue;
    }
    const isNumber = /^\d/.test(raw);
    tokens.push({
      text: raw,
      lower: raw.toLowerCase(),
      start,
      end: start + raw.length,
      number: isNumber ? Number(raw.replace(/,/g, '')) : wordNumber(raw.toLowerCase()),
    });
  }
  return tokens;
}

/** Does the phrase (as words) end right before token i? Returns its first token index. */
function phraseBefore(tokens: Token[], i: number, phrases: string[][]): number {
  for (const phrase of phrases) {
    const from = i - phrase.length;
    if (from < 0) continue;
    if (phrase.every((w, k) => tokens[from + k]?.lower === w)) return from;
  }
  return -1;
}

function phraseAt(tokens: Token[], i: number, words: string[]): boolean {
  return words.every((w, k) => tokens[i + k]?.lower === w);
}

/** Half a unit of the last significant digit written: "1.2 million" may stand for 1,150,000. */
function roundingOf(written: string, scale: number): number {
  const digits = written.replace(/,/g, '');
  const decimals = digits.includes('.') ? (digits.split('.')[1]?.length ?? 0) : 0;
  if (decimals > 0) return (0.5 * scale) / 10 ** decimals;
  if (scale > 1) return 0.5 * scale;
  // "1,200" may be a rounded 1,187, but "100 countries" is not 150: round zeros, at most 5%.
  const trailingZeros = /0+$/.exec(digits)?.[0].length ?? 0;
  return trailingZeros === 0 ? 0 : Math.min(0.5 * 10 ** trailingZeros, 0.05 * Number(digits));
}

/**
 * Every figure in a text. Linear: one pass over the tokens, looking at most a few tokens back
 * for a comparator and ahead for a unit.
 */
export function extractFigures(text: string): Figure[] {
  const tokens = tokenize(text);
  const figures: Figure[] = [];
  const comparatorBefore = (i: number): { comparator: Figure['comparator']; from: number } => {
    // Only right before the number: in "over a 20-year period" or "above the 0.9-minute
    // target", the word compares something else with a figure stated exactly.
    // "aged 80 and over, 41% said": the comparator belongs to the clause before.
    if (/[,;:()]/.test(text.slice(tokens[i - 1]?.end ?? 0, tokens[i]?.start ?? 0))) return { comparator: '=', from: i };
    for (const { words, comparator } of COMPARATORS) {
      const from = phraseBefore(tokens, i, [words]);
      if (from === -1) continue;
      // "Over 20 years, methane traps …": a clause-opening "over" or "across" a span of time
      // means during it, not more than it.
      const during = (words[0] === 'over' || words[0] === 'across') && from === 0 && TIME_UNITS.has(tokens[i + 1]?.lower ?? '') && /^\s*,/.test(text.slice(tokens[i + 1]?.end ?? 0));
      return during ? { comparator: '=', from: i } : { comparator, from };
    }
    return { comparator: '=', from: i };
  };

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;

    // Fraction words: "two-thirds", "a third of", "one in three", "1 in 5".
    const fraction = fractionsByFirstWord.get(token.lower)?.find((f) => phraseAt(tokens, i, f.words));
    // A fraction of something ("a third of"), a change by one ("by a fifth"), or a bound ("at
    // least a fifth"); not "a year and a half".
    const fractionEnd = i + (fraction?.words.length ?? 0);
    const asFigure =
      fraction !== undefined &&
      !ORDINALS.has(tokens[i - 1]?.lower ?? '') &&
      (tokens[fractionEnd]?.lower === 'of' || /-/.test(fraction.words[0] ?? '') || tokens[i - 1]?.lower === 'by' || comparatorBefore(i).comparator !== '=');
    // "a quarter of a million", "half a trillion": a count, not a share.
    const ofA = tokens[fractionEnd]?.lower === 'of' ? fractionEnd + 1 : fractionEnd;
    const scaleAt = tokens[ofA]?.lower === 'a' ? ofA + 1 : -1;
    const scaled = scaleAt !== -1 ? scaleWords.get(tokens[scaleAt]?.lower ?? '') : undefined;
    if (fraction && scaled !== undefined && scaled >= 1e3) {
      const { comparator, from } = comparatorBefore(i);
      const lastToken = tokens[scaleAt] as Token;
      const start = tokens[from]?.start ?? token.start;
      figures.push({ raw: text.slice(start, lastToken.end), start, end: lastToken.end, kind: 'count', value: (fraction.value / 100) * scaled, comparator, tolerance: 0.05 * (fraction.value / 100) * scaled });
      i = scaleAt;
      continue;
    }
    if (fraction && asFigure) {
      const last = tokens[i + fraction.words.length - 1] as Token;
      const { comparator, from } = comparatorBefore(i);
      figures.push({
        raw: text.slice(tokens[from]?.start ?? token.start, last.end),
        start: tokens[from]?.start ?? token.start,
        end: last.end,
        kind: 'percent',
        value: fraction.value,
        comparator: comparator === '=' ? '~' : comparator,
        tolerance: 2,
      });
      i += fraction.words.length - 1;
      continue;
    }

    const fold = /^([a-z]+|\d+)-?fold$/.exec(token.lower);
    const multiplier = multiplierWords.get(token.lower) ?? (fold ? (wordNumber(fold[1] ?? '') ?? (Number(fold[1]) || undefined)) : undefined);
    if (multiplier !== undefined) {
      const { comparator, from } = comparatorBefore(i);
      const start = tokens[from]?.start ?? token.start;
      figures.push({ raw: text.slice(start, token.end), start, end: token.end, kind: 'ratio', value: multiplier, comparator, tolerance: 0 });
      continue;
    }

    if (token.number === null) continue;
    const prev = tokens[i - 1];
    const next = tokens[i + 1];
    // "6-fold", "11 fold": the tokenizer splits digits from the word.
    const foldAt = next?.lower === 'fold' ? i + 1 : next?.text === '-' && tokens[i + 2]?.lower === 'fold' ? i + 2 : -1;
    if (foldAt !== -1) {
      const { comparator, from } = comparatorBefore(i);
      const start = tokens[from]?.start ?? token.start;
      const end = tokens[foldAt]?.end ?? token.end;
      figures.push({ raw: text.slice(start, end), start, end, kind: 'ratio', value: token.number, comparator, tolerance: roundingOf(token.text, 1) });
      // The plain number stays available ("six- to 11-fold" borrows "fold" for the six).
      figures.push({ raw: token.text, start: token.start, end: token.end, kind: 'count', value: token.number, comparator: '=', tolerance: 0, derived: true });
      i = foldAt;
      continue;
    }
    // "40.3°C (104.5°F)": temperatures in degrees Celsius, whatever scale they are written in.
    const degrees = TEMPERATURE.exec(text.slice(token.end, token.end + 20));
    if (degrees) {
      const fahrenheit = /^f/i.test(degrees[1] ?? '');
      const negative = text[token.start - 1] === '-' || text[token.start - 1] === '−';
      const written = negative ? -token.number : token.number;
      const { comparator, from } = comparatorBefore(i);
      const start = tokens[from]?.start ?? token.start;
      const end = token.end + degrees[0].length;
      const value = fahrenheit ? ((written - 32) * 5) / 9 : written;
      figures.push({ raw: text.slice(start, end), start, end, kind: 'measure', unit: 'temperature', value, comparator, tolerance: (token.text.includes('.') ? roundingOf(token.text, 1) : 0.5) * (fahrenheit ? 5 / 9 : 1) + 0.01 });
      while (i + 1 < tokens.length && (tokens[i + 1]?.start ?? Infinity) < end) i++;
      continue;
    }
    // Identifiers and ordinals: "COVID-19", "H100", "G7", "3rd", "5G" (but "4.2bn" is a figure).
    if (/^\d/.test(token.text)) {
      const before = text[token.start - 1] ?? '';
      const after = text.slice(token.end, token.end + 8);
      const gluedBefore = /\p{L}/u.test(before) || (before === '-' && /\p{L}/u.test(text[token.start - 2] ?? ''));
      const gluedUnit = /^\p{L}[\p{L}/]*/u.exec(after)?.[0].toLowerCase() ?? '';
      const gluedAfter = gluedUnit !== '' && !/^(k|m|bn|mn|b|tn)$/.test(gluedUnit) && !(gluedUnit.length >= 2 && MEASURES.has(gluedUnit));
      if (gluedBefore || gluedAfter) continue;
      // Clock times and N:M notation ("08:32", "8.32 a.m.", "1:8") are not quantities to check.
      // … but a staffing ratio "1:4" states the four: one nurse to four patients.
      const ratioNotation = /^:\d{1,3}\b/.exec(after);
      if (ratioNotation && token.text === '1' && !CLOCK.test(text.slice(token.end + ratioNotation[0].length))) {
        const n = Number(ratioNotation[0].slice(1));
        const end = token.end + ratioNotation[0].length;
        figures.push({ raw: text.slice(token.start, end), start: token.start + 2, end, kind: 'count', value: n, comparator: '=', tolerance: 0, derived: true });
        i++;
        continue;
      }
      if (/^:\d/.test(after) || (before === ':' && /\d/.test(text[token.start - 2] ?? '')) || CLOCK.test(after)) continue;
    }
    if (prev && NAMING.has(prev.lower) && /^\p{Lu}/u.test(prev.text)) continue;
    // "Boeing 737", "S&P 500", "Windows 11": a number right after a name is part of the name.
    // … but "Colorado's 178 districts" is a possessive, then a count.
    const afterName = prev !== undefined && i > 1 && /^\p{Lu}/u.test(prev.text) && !/['’]s$/.test(prev.text) && !MONTHS.has(prev.lower) && /\s/.test(text[token.start - 1] ?? '');
    const yearLike = /^\d{4}$/.test(token.text) && token.number >= 1800 && token.number <= 2100;
    if (afterName && /^\d+$/.test(token.text) && !yearLike && !numbers.percentWords.some((w) => tokens[i + 1]?.lower === w.split(' ')[0]) && !scaleWords.has(next?.lower ?? '')) continue;
    // "two decades", "three-day": a spelled-out duration is how long, seldom the figure a claim
    // turns on, so it is read in sources but not checked in claims.
    const spelledDuration = !/^\d/.test(token.text) && TIME_UNITS.has(next?.lower ?? '');

    // "June 7, 2023", "7 February 2024": a day of the month is part of a date, not a figure.
    const dayOfMonth = token.number >= 1 && token.number <= 31 && !/\./.test(token.text);
    if (dayOfMonth && ((prev && MONTHS.has(prev.lower)) || MONTHS.has(next?.lower ?? ''))) continue;

    // "41 of the 48 states", "17 out of 22 donors": a count that is also a share.
    const ofAt = next?.lower === 'of' ? i + 2 : next?.lower === 'out' && tokens[i + 2]?.lower === 'of' ? i + 3 : -1;
    // "of the 48 states", "of Colorado's 178 districts": a determiner or a possessive before the whole.
    let wholeAt = ofAt;
    while (wholeAt !== -1 && wholeAt < ofAt + 2 && (DETERMINERS.has(tokens[wholeAt]?.lower ?? '') || /['’]s$/.test(tokens[wholeAt]?.text ?? ''))) wholeAt++;
    const whole = wholeAt !== -1 ? tokens[wholeAt] : undefined;
    if (whole?.number != null && whole.number > token.number) {
      // "nine out of ten" is a share as written; "41 of the 48 states" also states two counts.
      const outOf = next?.lower === 'out';
      figures.push({ raw: text.slice(token.start, whole.end), start: token.start, end: whole.end, kind: 'percent', value: (100 * token.number) / whole.number, comparator: '~', tolerance: outOf ? 2 : 1, ...(outOf ? {} : { derived: true }) });
      if (outOf) {
        i = wholeAt;
        continue;
      }
    }

    // "20 per 100,000", "two for every 10,000": a rate.
    // A few words may stand between: "27.3 deaths per 100,000", "18.4 older adults per 1,000".
    let gap = i + 1;
    while (gap < i + 5 && tokens[gap] !== undefined && tokens[gap]?.number === null && /^\p{L}+$/u.test(tokens[gap]?.text ?? '') && !['per', 'for', 'in', 'of'].includes(tokens[gap]?.lower ?? '')) gap++;
    const perWord = tokens[gap];
    const perAt = perWord?.lower === 'per' ? gap + 1 : perWord?.lower === 'for' && tokens[gap + 1]?.lower === 'every' ? gap + 2 : -1;
    const per = perAt !== -1 ? tokens[perAt] : undefined;
    // "10 hours per 24 hours", "5 kg per capita" measure something: the unit reads first.
    const measured = tokens.slice(i + 1, gap).some((t) => MEASURES.has(t.lower));
    if (per?.number != null && per.number >= 10 && !measured) {
      let base = per.number;
      let last = per;
      const scaleAfter = tokens[perAt + 1];
      if (scaleAfter && scaleWords.has(scaleAfter.lower) && scaleAfter.lower.length > 1) {
        base *= scaleWords.get(scaleAfter.lower) ?? 1;
        last = scaleAfter;
      }
      const { comparator, from } = comparatorBefore(i);
      figures.push({ raw: text.slice(tokens[from]?.start ?? token.start, last.end), start: tokens[from]?.start ?? token.start, end: last.end, kind: 'rate', value: token.number / base, comparator, tolerance: (0.5 / base) * (token.text.includes('.') ? 0.1 : 1) });
      i = perAt + (last === per ? 0 : 1);
      continue;
    }

    // "19 people were killed, 17 of whom were riders": a share of the count before.
    if (next?.lower === 'of' && ['whom', 'them', 'which', 'these'].includes(tokens[i + 2]?.lower ?? '')) {
      const part = token.number;
      const isYear = (t: Token): boolean => /^\d{4}$/.test(t.text) && (t.number ?? 0) >= 1800 && (t.number ?? 0) <= 2100;
      const whole = tokens.slice(Math.max(0, i - 12), i).reverse().find((t) => t.number != null && t.number > part && /^\d/.test(t.text) && !isYear(t));
      if (whole?.number != null) {
        figures.push({ raw: text.slice(token.start, tokens[i + 2]?.end ?? token.end), start: token.start, end: tokens[i + 2]?.end ?? token.end, kind: 'percent', value: (100 * part) / whole.number, comparator: '~', tolerance: 1, derived: true });
      }
    }

    // "Of the 12 studies that assessed diet, 9 reported gains": a share of the count before.
    if (prev?.lower === 'the' && tokens[i - 2]?.lower === 'of') {
      const whole = token.number;
      for (let k = i + 1; k < Math.min(tokens.length - 1, i + 12); k++) {
        if (tokens[k]?.text !== ',' && !(text[(tokens[k]?.start ?? 0) - 1] === ',' || text.slice(tokens[k - 1]?.end ?? 0, tokens[k]?.start ?? 0).includes(','))) continue;
        // "…, only 14 ascertained it": a qualifier may stand before the part.
        const part = tokens[k]?.number == null && PART_QUALIFIERS.has(tokens[k]?.lower ?? '') ? tokens[k + 1] : tokens[k];
        if (part?.number != null && part.number < whole && part.number > 0) {
          figures.push({ raw: text.slice(tokens[i - 2]?.start ?? token.start, part.end), start: tokens[i - 2]?.start ?? token.start, end: part.end, kind: 'percent', value: (100 * part.number) / whole, comparator: '~', tolerance: 1, derived: true });
        }
        break;
      }
    }

    // "one in three", "1 in 5", "one passenger in eight"
    const inAt = next?.lower === 'in' ? i + 1 : tokens[i + 2]?.lower === 'in' && next?.number === null && /^\p{L}+$/u.test(next?.text ?? '') ? i + 2 : -1;
    if (inAt !== -1 && tokens[inAt + 1]?.number != null && !/^\d{4}$/.test(tokens[inAt + 1]?.text ?? '') && !/^\d{4}$/.test(token.text)) {
      const of = tokens[inAt + 1]?.number ?? 0;
      if (of >= 2 && of <= 1000 && token.number < of) {
        const { comparator, from } = comparatorBefore(i);
        const endToken = tokens[inAt + 1] as Token;
        figures.push({
          raw: text.slice(tokens[from]?.start ?? token.start, endToken.end),
          start: tokens[from]?.start ?? token.start,
          end: endToken.end,
          kind: 'percent',
          value: (100 * token.number) / of,
          comparator: comparator === '=' ? '~' : comparator,
          tolerance: 2,
        });
        i = inAt + 1;
        continue;
      }
    }

    let value = token.number;
    let end = token.end;
    let j = i + 1;
    let scale = 1;
    // Spelled-out compounds ("twenty-five") arrive as one token only when hyphenated; "five million".
    const scaleWord = tokens[j];
    if (scaleWord && scaleWords.has(scaleWord.lower) && (scaleWord.lower.length > 1 || scaleWord.start === token.end)) {
      scale = scaleWords.get(scaleWord.lower) ?? 1;
      value *= scale;
      end = scaleWord.end;
      j++;
    }
    // "41 cents", "80 pence": hundredths of the currency, so they meet "$0.41" and "£0.80".
    const currencyBefore = prev !== undefined && CURRENCY.has(prev.text);
    const hundredths = currencyBefore ? null : SUBUNITS.exec(text.slice(end, end + 8));
    if (hundredths) {
      value /= 100;
      end += hundredths[0].length;
    }
    const money = hundredths !== null || currencyBefore || (tokens[j] !== undefined && CURRENCY_WORDS.has(tokens[j]?.lower ?? ''));
    let kind: Figure['kind'] = money ? 'money' : 'count';
    let unit: string | undefined;
    let last = j - 1;
    const percentAt = numbers.percentWords.map((p) => p.split(/\s+/)).find((p) => phraseAt(tokens, j, p));
    // A unit right after the number, glued ("3,500km"), spaced ("16 megalitres") or hyphenated ("300-year").
    const unitIndex = tokens[j]?.text === '-' ? j + 1 : j;
    const unitToken = tokens[unitIndex];
    const perSuffix = unitToken ? /^\/[a-z]+/i.exec(text.slice(unitToken.end, unitToken.end + 4))?.[0] ?? '' : '';
    const unitKeys = unitToken ? [unitToken.text + perSuffix, unitToken.lower + perSuffix.toLowerCase(), unitToken.text, unitToken.lower] : [];
    let measureKey = unitKeys.find((k) => MEASURES.has(k));
    // "2.5 to 10.2 tonnes", "between 40 and 60 km": the first number of a range takes the unit of the second.
    // A year does not start a range of measures: "in early 2015 to 507 megalitres".
    const rangeTo = ['to', 'and', '-', '–', '—'].includes(tokens[j]?.lower ?? '') && tokens[j + 1]?.number != null;
    const rangeUnit = !measureKey && !yearLike && rangeTo ? tokens[j + 2] : undefined;
    if (rangeUnit && MEASURES.has(rangeUnit.lower)) measureKey = rangeUnit.lower;
    // A unit follows the number directly, after white space, or after a hyphen ("300-year");
    // "2024's" is a possessive, not 2,024 seconds.
    const between = unitToken ? text.slice(tokens[unitIndex - 1]?.end ?? token.end, unitToken.start) : '';
    const attached = /^[\s-]*$/.test(between) && (unitToken?.lower.length ?? 0) + (between === '' ? 0 : 1) >= 2;
    const measure = unitToken && measureKey && (attached || rangeUnit !== undefined) ? MEASURES.get(measureKey) : undefined;
    // "aged 5–17 months" is an age in months, which reads as a duration like any other.
    const inMonths = measure !== undefined && measure[0] === 'time' && !/^y/.test(measureKey ?? '');
    const isAge =
      (!inMonths && (prev?.lower === 'aged' || prev?.lower === 'age' || prev?.lower === 'ages')) ||
      (['year', 'years'].includes(unitToken?.lower ?? '') && (tokens[unitIndex + 1]?.lower === 'old' || (tokens[unitIndex + 1]?.lower === 'of' && tokens[unitIndex + 2]?.lower === 'age')));
    // "7–11% of cases", "between 20 and 30 percent": the first number of a range is a percentage too.
    const rangePercent = !percentAt && rangeTo && numbers.percentWords.some((p) => phraseAt(tokens, j + 2, p.split(/\s+/)));
    if (percentAt) {
      kind = 'percent';
      last = j + percentAt.length - 1;
      end = tokens[last]?.end ?? end;
    } else if (rangePercent && !money) {
      kind = 'percent';
    } else if (isAge && !money) {
      kind = 'age';
      figures.push({ raw: token.text, start: token.start, end: token.end, kind: 'count', value, comparator: '=', tolerance: 0, derived: true });
    } else if (measure && !money && unitToken) {
      kind = measure[0] === 'time' ? 'duration' : 'measure';
      if (measure[0] !== 'time') unit = measure[0];
      // The plain number stays available to a reader of the source ("five" in "five-day").
      figures.push({ raw: token.text, start: token.start, end: token.end, kind: 'count', value, comparator: '=', tolerance: roundingOf(token.text, scale), derived: true });
      value *= measure[1];
      // A range's first number keeps its own extent; its unit is borrowed from the second.
      if (rangeUnit === undefined) {
        last = unitIndex;
        end = unitToken.end;
      }
    } else if (tokens[j]?.lower === 'times' && !['a', 'per', 'each', 'every'].includes(tokens[j + 1]?.lower ?? '')) {
      figures.push({ raw: token.text, start: token.start, end: token.end, kind: 'count', value, comparator: '=', tolerance: 0, derived: true });
      kind = 'ratio';
      last = j;
      end = tokens[j]?.end ?? end;
    } else if (!money && scale === 1 && /^\d{4}$/.test(token.text) && value >= 1800 && value <= 2100) {
      kind = 'year';
    }
    // The second number of a year span ("2023–24") belongs to the first.
    const yearBefore = text[token.start - 1] === '/' ? prev : prev && /[–—-]/.test(prev.text) ? tokens[i - 2] : undefined;
    if (yearBefore !== undefined && /^\d{4}$/.test(yearBefore.text) && token.text.length === 2) continue;
    if (kind === 'count' && !/^\d/.test(token.text) && value < 2 && scale === 1) continue; // "one of the", "zero-sum"
    let { comparator, from } = comparatorBefore(currencyBefore ? i - 1 : i);
    const start = tokens[from]?.start ?? (currencyBefore ? prev.start : token.start);
    // "20% or more", "18 weeks or less": the bound follows the figure, perhaps after its noun.
    if (last < i) last = i;
    const trailing = boundsAfter.find((b) => [1, 2, 3].some((k) => phraseAt(tokens, last + k, b.words)));
    if (trailing && comparator === '=') comparator = trailing.comparator;
    // An age is a threshold a source words its own way ("aged 45 and over", "45 or older").
    if (kind === 'age') comparator = '=';
    // "60%" is sixty percent, not "some tens of percent": only decimals widen a percentage.
    const rounding = roundingOf(token.text, scale);
    const tolerance =
      kind === 'percent' ? (token.text.includes('.') ? roundingOf(token.text, 1) : 0.5) :
      kind === 'year' || kind === 'age' ? 0 :
      kind === 'duration' || kind === 'measure' ? Math.max(rounding * (value / (token.number * scale || 1)), 0.02 * value) :
      rounding;
    // The plain number worked out of this figure ("65" of "older than 65 years") keeps its bound.
    for (let k = figures.length - 1; k >= 0 && figures[k]?.start === token.start && figures[k]?.derived; k--) {
      (figures[k] as Figure).comparator = comparator;
    }
    const figure: Figure = { raw: text.slice(start, end), start, end, kind, value, comparator, tolerance };
    // … unless the writer qualifies it ("nearly five hours"): then it is a figure being claimed.
    if (spelledDuration && comparator === '=') figure.derived = true;
    if (unit !== undefined) figure.unit = unit;
    figures.push(figure);
  }
  return figures;
}

/** Figures of one family compare: money with counts, measures only within their dimension. */
export const figureFamily = (f: Figure): string => (f.kind === 'money' ? 'count' : f.kind === 'measure' ? `measure:${f.unit ?? ''}` : f.kind);
const family = figureFamily;

/**
 * Is the claim's figure the source's figure in another form? Exact values within rounding;
 * approximate or bounded claims ("about", "fewer than") within what their words allow.
 */
export function sameFigure(claim: Figure, source: Figure): boolean {
  // "doubled" is a rise of 100%, "halved" a fall of 50%.
  // "almost double" is also a 94% rise: an approximate multiple allows a tenth either way.
  const changeSlack = (change: number): number => (claim.comparator === '=' ? 1 : Math.max(1, 0.1 * change));
  if (claim.kind === 'ratio' && source.kind === 'percent') return Math.abs(Math.abs(claim.value - 1) * 100 - source.value) <= changeSlack(source.value);
  if (claim.kind === 'percent' && source.kind === 'ratio') return Math.abs(Math.abs(source.value - 1) * 100 - claim.value) <= changeSlack(claim.value);
  // "1961 adults" and "1,961 adults": a four-digit count reads like a year.
  const yearOrCount = (f: Figure): boolean => f.kind === 'year' || f.kind === 'count';
  if (yearOrCount(claim) && yearOrCount(source) && claim.kind !== source.kind) return claim.value === source.value;
  // An age is a threshold each writer bounds in their own words ("under ten", "aged under 10").
  if ((claim.kind === 'age' || source.kind === 'age') && (claim.kind === 'count' || source.kind === 'count' || claim.kind === source.kind)) return claim.value === source.value;
  if (family(claim) !== family(source)) return false;
  const a = claim.value;
  const b = source.value;
  const exact = Math.abs(a - b) <= Math.abs(a) * 1e-9;
  const slack = Math.max(claim.tolerance, source.tolerance, Math.abs(a) * 1e-9);
  // A bound holds when the source's value lies beyond it ("more than half" is not 48%).
  // The same bound in other words: "over 18 months" and "more than 78 weeks".
  if (claim.comparator !== '=' && claim.comparator === source.comparator && Math.abs(a - b) <= slack) return true;
  // … and near it: "more than 5,000" is not borne out by a source's 7,000-strong waiting list.
  if (claim.comparator === '<') return source.comparator !== '>' && ((b < a && b >= a / 2) || (exact && source.comparator === '<'));
  if (claim.comparator === '>') return source.comparator !== '<' && ((b > a && b <= 1.5 * a) || (exact && source.comparator === '>'));
  if (claim.comparator === '~' || source.comparator === '~') return Math.abs(a - b) <= Math.max(slack, 0.1 * Math.abs(a));
  return source.comparator === '=' && Math.abs(a - b) <= slack;
}

/**
 * Does a claim's figure follow from two figures a source gives together ("more than four times"
 * from £402m against £97m; "almost 1,000 fewer" from 11,949 and 10,951)? Only ever asked of the
 * passages that match the claim, where the two figures are about the same thing.
 */
export function derivableFrom(claim: Figure, stated: readonly Figure[]): boolean {
  // "almost 1,000 fewer" from 11,949 and 10,951: an approximate difference of two counts.
  if ((claim.kind === 'count' || claim.kind === 'money') && claim.comparator !== '=') {
    const counts = stated.filter((f) => family(f) === family(claim));
    return counts.some((x) => counts.some((y) => x !== y && x.value > y.value && sameFigure(claim, { ...claim, value: x.value - y.value, comparator: '~', tolerance: 0 })));
  }
  if (claim.kind !== 'ratio' && claim.kind !== 'percent') return false;
  const values = stated.filter((f) => (f.kind === 'count' || f.kind === 'money' || f.kind === 'percent' || f.kind === 'measure') && f.value > 0);
  for (const x of values) {
    for (const y of values) {
      if (x === y || family(x) !== family(y)) continue;
      const ratio = x.value / y.value;
      const derived: Figure = { ...claim, kind: claim.kind, value: claim.kind === 'ratio' ? ratio : 100 * ratio, comparator: '~', tolerance: 0 };
      if (claim.kind === 'percent' && (ratio >= 1 || x.kind === 'percent')) continue;
      if (sameFigure(claim, derived)) return true;
    }
  }
  return false;
}

/** Which way a percentage changes something. */
export type Change = 'fall' | 'rise' | 'either';

/**
 * Is a claimed percentage change ("fell by almost 40%") the change between two figures of the
 * same kind a source gives (31 serious injuries before, 19 after)? A fall is taken from the
 * larger figure, a rise from the smaller.
 */
export function changeBetween(claim: Figure, stated: readonly Figure[], direction: Change): boolean {
  if (claim.kind !== 'percent') return false;
  const values = stated.filter((f) => f.kind !== 'percent' && f.kind !== 'year' && f.value > 0);
  const changes = (x: Figure, y: Figure): number[] => {
    const [low, high] = x.value < y.value ? [x.value, y.value] : [y.value, x.value];
    return [...(direction !== 'rise' ? [(100 * (high - low)) / high] : []), ...(direction !== 'fall' ? [(100 * (high - low)) / low] : [])];
  };
  return values.some((x) =>
    values.some((y) => x !== y && figureFamily(x) === figureFamily(y) && changes(x, y).some((value) => sameFigure(claim, { ...claim, value, comparator: '=', tolerance: 0.5 }))),
  );
}

const CHANGE_CUES = (['fall', 'rise', 'either'] as const).map((direction) => ({ direction, before: new Set(numbers.changeWords[direction].before), after: new Set(numbers.changeWords[direction].after) }));
const WORDS_BEFORE = /(?:[\p{L}-]+[\s,]+){0,4}$/u;

/**
 * Is a percentage a change ("fell by 6%", "a 12% reduction"), and which way? Null for a share
 * or a level ("48% of riders", "71% said"). Reads four words before the figure ("decreased by
 * an average of 6%") and one after.
 */
export function changeOf(text: string, figure: Figure): Change | null {
  const before = (WORDS_BEFORE.exec(text.slice(Math.max(0, figure.start - 40), figure.start))?.[0] ?? '').toLowerCase().split(/[\s,]+/).filter(Boolean);
  const after = /^\s*([\p{L}-]+)/u.exec(text.slice(figure.end, figure.end + 30))?.[1]?.toLowerCase() ?? '';
  for (const cue of CHANGE_CUES) if (cue.after.has(after)) return cue.direction;
  for (const word of before.reverse()) for (const cue of CHANGE_CUES) if (cue.before.has(word)) return cue.direction;
  return null;
}
