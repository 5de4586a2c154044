import { ParseEnglish } from 'parse-english';
import type { Paragraph, Sentence } from 'nlcst';
import { type Passage, sentencePieces } from '@citecheck/model';

const parser = new ParseEnglish();
/** Characters parsed at a time: retext is quadratic in the sentences of one paragraph. */
const PIECE = 8_000;

/**
 * A source's text as sentence-sized passages: claims are usually one sentence, and a passage of
 * the same size makes "how much of the claim does this passage cover" a fair question.
 */
export function toPassages(refId: string, texts: readonly string[]): Passage[] {
  const passages: Passage[] = [];
  for (const whole of texts) {
    const cuts = sentencePieces(whole, PIECE);
    for (let c = 1; c < cuts.length; c++) {
      const text = whole.slice(cuts[c - 1], cuts[c]);
      for (const paragraph of parser.parse(text).children) {
        if (paragraph.type !== 'ParagraphNode') continue;
        for (const sentence of (paragraph as Paragraph).children) {
          if (sentence.type !== 'SentenceNode') continue;
          const start = (sentence as Sentence).position?.start.offset ?? 0;
          const end = (sentence as Sentence).position?.end.offset ?? 0;
          const body = text.slice(start, end).replace(/\s+/g, ' ').trim();
          if (/[\p{L}\p{N}]/u.test(body)) passages.push({ refId, text: body, ordinal: passages.length });
        }
      }
    }
  }
  return passages;
}
