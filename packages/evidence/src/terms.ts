import { stemmer } from 'stemmer';
import { stopwords } from './lexicon.js';
import { memoize } from './memo.js';

// A corpus uses a few thousand distinct words many times over.
const stem = memoize(stemmer, 50_000);

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu;

/** Lower-case words of a text, without their trailing punctuation. */
export function words(text: string): string[] {
  const out: string[] = [];
  for (const match of text.toLowerCase().matchAll(WORD)) {
    const word = match[0].replace(/['’.-]+$/u, '').replace(/’/g, "'");
    if (word !== '') out.push(word);
  }
  return out;
}

/**
 * The content terms of a text: words minus function words, stemmed ("prosecutions" and
 * "prosecuted" meet at "prosecut"), so a claim and a source that paraphrase each other share terms.
 */
export function contentTerms(text: string): string[] {
  const out: string[] = [];
  // "sugar-sweetened" is also "sugar" and "sweetened".
  const all = words(text).flatMap((w) => (/^\p{L}+(-\p{L}+)+$/u.test(w) ? [w, ...w.split('-')] : [w]));
  for (const word of all) {
    if (stopwords.has(word) || word.length < 2) continue;
    out.push(/^\p{N}/u.test(word) ? word.replace(/,/g, '') : stem(word));
  }
  return out;
}
