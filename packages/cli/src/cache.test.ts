import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ReportFile } from '@citecheck/model';
import { beforeEach, describe, expect, it } from 'vitest';
import { type CacheKey, defaultCachePath, ResultCache } from './cache.js';

let dir: string;
let cachePath: string;
let briefing: string;
let registry: string;
let snapshot: string;

// The tests' files lie in a temp folder; the whole machine stands for the project here.
const key: CacheKey = { version: '0.1.0', config: '{"rules":{}}', root: '/' };

function write(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

function result(path: string, message = 'a finding'): ReportFile {
  return {
    path,
    registry: 'a.refs.json',
    claims: [],
    findings: [{ ruleId: 'r', severity: 'warning', message, claimId: null, ref: null, start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 2, offset: 1 } }],
    coverage: { claims: 0, cited: 0, supported: 0, unverifiable: 0 },
    references: [],
  };
}

const bytes = (): Uint8Array => readFileSync(briefing);
const inputs = (): string[] => [registry, snapshot];

/** One run that stores a result, then a second run that looks it up. */
async function secondRun(change: () => void, nextKey: CacheKey = key): Promise<ReportFile | undefined> {
  const first = await ResultCache.open(cachePath, key);
  expect(first.get(briefing, bytes())).toBeUndefined();
  first.set(briefing, bytes(), inputs(), result('a.md'));
  await first.save();
  change();
  const second = await ResultCache.open(cachePath, nextKey);
  return second.get(briefing, bytes());
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'citecheck-cache-'));
  cachePath = defaultCachePath(dir);
  briefing = join(dir, 'a.md');
  registry = join(dir, 'a.refs.json');
  snapshot = join(dir, 'snapshots', 'one.txt');
  write(briefing, 'A claim [1].\n');
  write(registry, '{"references": [{"id": "1", "snapshot": "snapshots/one.txt"}]}');
  write(snapshot, 'The source says so.');
  return () => rmSync(dir, { recursive: true, force: true });
});

describe('ResultCache', () => {
  it('lives under node_modules/.cache', () => {
    expect(defaultCachePath('/p')).toBe(join('/p', 'node_modules', '.cache', 'citecheck', 'cache.json'));
  });

  it('hits when nothing changed', async () => {
    expect(await secondRun(() => {})).toEqual(result('a.md'));
    expect(JSON.parse(readFileSync(cachePath, 'utf8'))).toMatchObject({ format: 2 });
  });

  it.each([
    ['the briefing', () => write(briefing, 'A claim [2].\n')],
    ['the registry', () => write(registry, '{"references": []}')],
    ['a snapshot', () => write(snapshot, 'The source says otherwise.')],
    ['a snapshot that vanished', () => rmSync(snapshot)],
  ])('misses when %s changes', async (_what, change) => {
    expect(await secondRun(change)).toBeUndefined();
  });

  it('misses when the config or the version changes', async () => {
    expect(await secondRun(() => {}, { ...key, config: '{"rules":{"r":"off"}}' })).toBeUndefined();
    rmSync(cachePath);
    expect(await secondRun(() => {}, { ...key, version: '0.2.0' })).toBeUndefined();
  });

  it('misses when a registry file that was looked for and absent appears', async () => {
    const absent = join(dir, 'references.json');
    const cache = await ResultCache.open(cachePath, key);
    cache.set(briefing, bytes(), [...inputs(), absent], result('a.md'));
    expect(cache.get(briefing, bytes())).toBeDefined();
    write(absent, readFileSync(registry, 'utf8'));
    expect((await ResultCache.open(cachePath, key)).get(briefing, bytes())).toBeUndefined();
  });

  it.each([
    ['not JSON', '{"format": 1, "entr'],
    ['another format', JSON.stringify({ format: 99, entries: {} })],
    ['the wrong shape', JSON.stringify({ format: 1, entries: [] })],
  ])('ignores a cache file that is %s, and replaces it', async (_what, text) => {
    write(cachePath, text);
    const cache = await ResultCache.open(cachePath, key);
    expect(cache.get(briefing, bytes())).toBeUndefined();
    cache.set(briefing, bytes(), inputs(), result('a.md'));
    await cache.save();
    expect((await ResultCache.open(cachePath, key)).get(briefing, bytes())).toEqual(result('a.md'));
  });

  it.each([
    ['binary', '\u0000\u0001\u0002'],
    ['a registry', JSON.stringify({ references: [{ id: 1 }] })],
    ['JSON of another shape', '[{"format": 2}]'],
  ])('leaves a file at the cache path that never was a cache (%s) as it is, and says so', async (_what, text) => {
    write(cachePath, text);
    const cache = await ResultCache.open(cachePath, key);
    expect(cache.unusable).toMatch(/something other than a citecheck cache/);
    cache.set(briefing, bytes(), inputs(), result('a.md'));
    await cache.save();
    expect(readFileSync(cachePath, 'utf8')).toBe(text);
  });

  it('ignores a cache path it cannot read or write', async () => {
    mkdirSync(cachePath, { recursive: true });
    const cache = await ResultCache.open(cachePath, key);
    cache.set(briefing, bytes(), inputs(), result('a.md'));
    await expect(cache.save()).resolves.toBeUndefined();
  });

  it('drops entries of vanished files, keeps those merely not linted this run', async () => {
    const other = join(dir, 'b.md');
    const gone = join(dir, 'c.md');
    write(other, 'B.\n');
    write(gone, 'C.\n');
    const first = await ResultCache.open(cachePath, key);
    for (const file of [briefing, other, gone]) first.set(file, readFileSync(file), [], result(file));
    await first.save();

    rmSync(gone);
    const second = await ResultCache.open(cachePath, key);
    expect(second.get(briefing, bytes())).toBeDefined();
    await second.save();

    const stored = JSON.parse(readFileSync(cachePath, 'utf8')) as { entries: Record<string, unknown> };
    expect(Object.keys(stored.entries).sort()).toEqual([briefing, other].sort());
  });

  it('stores whatever the caller replays, such as notices beside the result', async () => {
    const withNotices = (value: unknown): value is { file: ReportFile; notices: string[] } => typeof value === 'object' && value !== null && 'notices' in value;
    const cache = await ResultCache.open(cachePath, key, withNotices);
    cache.set(briefing, bytes(), inputs(), { file: result('a.md'), notices: ['no registry found'] });
    await cache.save();
    const again = await ResultCache.open(cachePath, key, withNotices);
    expect(again.get(briefing, bytes())?.notices).toEqual(['no registry found']);
  });

  it('does not write when nothing changed', async () => {
    const cache = await ResultCache.open(cachePath, key);
    expect(cache.get(briefing, bytes())).toBeUndefined();
    await cache.save();
    expect(existsSync(cachePath)).toBe(false);
  });
});
