import { describe, expect, it } from 'vitest';
import { closestName, editDistance } from './suggest.js';

const FIELDS = ['id', 'title', 'url', 'publisher', 'date', 'kind', 'excerpts', 'snapshot'];

describe('closestName', () => {
  it('finds slips, swaps and case differences', () => {
    expect(closestName('tittle', FIELDS)).toBe('title');
    expect(closestName('tilte', FIELDS)).toBe('title');
    expect(closestName('URL', FIELDS)).toBe('url');
    expect(closestName('excerpt', FIELDS)).toBe('excerpts');
    expect(closestName('publsher', FIELDS)).toBe('publisher');
  });

  it('offers nothing for unrelated words', () => {
    expect(closestName('link', FIELDS)).toBeUndefined();
    expect(closestName('author', FIELDS)).toBeUndefined();
    expect(closestName('x', [])).toBeUndefined();
  });
});

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and adjacent swaps as one each', () => {
    expect(editDistance('title', 'title')).toBe(0);
    expect(editDistance('title', 'titl')).toBe(1);
    expect(editDistance('title', 'tiXle')).toBe(1);
    expect(editDistance('title', 'tilte')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
});
