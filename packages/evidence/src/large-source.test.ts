/*
 * Issue 12: a text snapshot of ~125,000 sentences crashed the evidence index (its passages were
 * spread into push), and a paragraph of short sentences ending in numbers took time quadratic in
 * their number (retext merges "rose by 12." into the next sentence, splicing the paragraph).
 */
import { describe, expect, it } from 'vitest';
import { EvidenceIndex } from './evidence.js';
import { toPassages } from './passages.js';

const SENTENCES = 150_000;
const WORDS = ['prices', 'wages', 'rents', 'fares', 'yields', 'exports', 'tariffs', 'harvests'];

/** `count` short sentences in one paragraph, "Prices rose in region 17 again." or, `numbered`, "… of 3." */
function snapshot(count: number, numbered = false): string {
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(`${WORDS[i % WORDS.length]?.replace(/^./, (c) => c.toUpperCase())} rose in region ${i % 101} ${numbered ? `of ${i % 7}` : 'again'}.`);
  return out.join(' ');
}

describe('the evidence index over a very large source', () => {
  it(`indexes a snapshot of ${SENTENCES.toLocaleString('en')} sentences, one passage each, and finds the one a claim is about`, () => {
    const text = `${snapshot(SENTENCES)} Harvests collapsed in the northern valley after the drought.`;
    const index = new EvidenceIndex({ texts: new Map([['1', [text]]]), problems: [] });
    // Every sentence is a passage: cutting the text into pieces for the parser lost none.
    expect(index.passages('1')).toHaveLength(SENTENCES + 1);
    const [best] = index.match('Harvests collapsed in the northern valley', new Set(['1']));
    expect(best?.passage.text).toBe('Harvests collapsed in the northern valley after the drought.');
  }, 60_000);

  it('splits sentences ending in numbers as retext would, in time linear in their number', () => {
    const time = (count: number): number => {
      const started = performance.now();
      const passages = toPassages('1', [snapshot(count, true)]);
      expect(passages.length).toBeGreaterThan(0);
      return performance.now() - started;
    };
    time(2_000);
    const small = Math.min(time(10_000), time(10_000));
    const large = Math.min(time(40_000), time(40_000));
    // Two doublings of the sentences: at most 2.5 times the time each (quadratic would be 16).
    expect(large, `10,000 sentences ${small.toFixed(0)} ms, 40,000 ${large.toFixed(0)} ms`).toBeLessThanOrEqual(2.5 * 2.5 * small + 50);
  }, 60_000);
});
