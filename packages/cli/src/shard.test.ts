import { join } from 'node:path';
import { CitecheckError } from '@citecheck/model';
import { describe, expect, it } from 'vitest';
import { parseShard, type Shard, shardKey, shardOf } from './shard.js';

const paths = (n: number, prefix = 'briefs'): string[] => Array.from({ length: n }, (_, i) => `${prefix}/topic-${i}/brief-${i * 7}.md`);
const identity = (p: string): string => p;
const slices = (count: number): Shard[] => Array.from({ length: count }, (_, i) => ({ index: i + 1, count }));

describe('parseShard', () => {
  it('reads K/N', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    expect(parseShard('1/1')).toEqual({ index: 1, count: 1 });
    expect(parseShard(' 3 / 3 ')).toEqual({ index: 3, count: 3 });
  });

  it.each([
    ['2', /not a slice/],
    ['a/b', /not a slice/],
    ['1.5/4', /not a slice/],
    ['-1/4', /not a slice/],
    ['', /not a slice/],
    ['0/4', /counted from 1/],
    ['5/4', /no slice 5 of 4/],
    ['1/0', /0 slices/],
  ])('rejects %j, showing the form', (text, reason) => {
    const error = (() => {
      try {
        parseShard(text);
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(CitecheckError);
    expect((error as CitecheckError).message).toMatch(reason);
    expect((error as CitecheckError).message).toContain('--shard 2/4');
  });
});

describe('shardOf', () => {
  it('puts every item in exactly one slice, keeping input order', () => {
    const all = paths(200);
    for (const count of [1, 2, 3, 4, 7]) {
      const parts = slices(count).map((s) => shardOf(all, identity, s));
      expect(parts.flat().sort()).toEqual([...all].sort());
      expect(new Set(parts.flat()).size).toBe(all.length);
      for (const part of parts) expect(part).toEqual(all.filter((p) => part.includes(p)));
    }
  });

  it('never moves a file when others are added, removed or reordered', () => {
    const before = paths(300);
    const after = [...paths(50, 'new'), ...before.slice(100).reverse()];
    for (const shard of slices(4)) {
      const kept = new Set(shardOf(before, identity, shard));
      const now = new Set(shardOf(after, identity, shard));
      for (const path of before.slice(100)) expect(now.has(path)).toBe(kept.has(path));
    }
  });

  it('balances 1000 paths within 30% of the mean over 4 slices', () => {
    const all = paths(1000);
    for (const shard of slices(4)) {
      const size = shardOf(all, identity, shard).length;
      expect(size).toBeGreaterThanOrEqual(175);
      expect(size).toBeLessThanOrEqual(325);
    }
  });

  it('agrees across path spellings of different machines', () => {
    const unix = ['briefs/café.md', 'a/b/c.md', 'top.md'];
    const other = ['briefs\\cafe\u0301.md', 'a\\b\\c.md', './top.md'];
    for (const shard of slices(3)) {
      const a = shardOf(unix, identity, shard).map((p) => unix.indexOf(p));
      const b = shardOf(other, identity, shard).map((p) => other.indexOf(p));
      expect(b).toEqual(a);
    }
  });

  it('shards objects by the key given', () => {
    const items = paths(40).map((path) => ({ path }));
    const parts = slices(2).map((s) => shardOf(items, (i) => i.path, s));
    expect(parts.flat()).toHaveLength(40);
  });
});

describe('shardKey', () => {
  it('is the path relative to the root, with forward slashes', () => {
    const root = join('/work', 'project');
    expect(shardKey(root, join(root, 'briefs', 'a.md'))).toBe('briefs/a.md');
  });
});
