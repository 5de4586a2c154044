/**
 * Cut points that split `text` into pieces of at most `maxLength` characters (offsets, the
 * first 0 and the last `text.length`), each cut at the end of a sentence where there is one.
 *
 * retext's sentence parser is quadratic in the sentences of one paragraph (merging a sentence
 * that ends in an abbreviation or a number, like "rose by 12.", splices the paragraph's list
 * each time): a paragraph of 100,000 short sentences took minutes. Parsing bounded pieces keeps
 * it linear; a cut falls after a sentence end followed by a space and a capital or digit, so
 * the sentences are the ones a whole parse would find, only long runs without such an end are
 * cut at a space, and text without spaces where it must be.
 */
export function sentencePieces(text: string, maxLength: number): number[] {
  const cuts = [0];
  let start = 0;
  while (text.length - start > maxLength) {
    const cut = cutBefore(text, start, start + maxLength);
    cuts.push(cut);
    start = cut;
  }
  cuts.push(text.length);
  return cuts;
}

const SENTENCE_END = /[.!?。！？]/u;
const STARTS_SENTENCE = /[\p{Lu}\p{N}]/u;

/** The best cut in (from, limit]: after a sentence end, else after a space, else at the limit. */
function cutBefore(text: string, from: number, limit: number): number {
  // Only the last part of the window is searched, so a piece never shrinks below half its size
  // (which would make the number of pieces, not their size, grow with the input).
  const floor = from + Math.floor((limit - from) / 2);
  let space = -1;
  for (let i = limit; i > floor; i--) {
    const c = text[i - 1] ?? '';
    if (c !== ' ' && c !== '\n' && c !== '\t') continue;
    if (space === -1) space = i;
    if (STARTS_SENTENCE.test(text[i] ?? '') && SENTENCE_END.test(text[i - 2] ?? '')) return i;
  }
  if (space !== -1) return space;
  // Never between the two halves of a surrogate pair.
  const code = text.charCodeAt(limit - 1);
  return code >= 0xd800 && code <= 0xdbff ? limit - 1 : limit;
}
