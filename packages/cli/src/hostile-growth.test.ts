/*
 * Issue 12, inputs whose cost grew faster than their size, and lists the size of the input that
 * crashed a stage. Each runs through the command line in a child process (killed at a cap) at
 * sizes n, 2n and 4n: it must end cleanly (a report, or one placed `citecheck:` line) at every
 * size, and each doubling may cost at most DOUBLING_RATIO times the time before it (plus a
 * noise floor). No budget in seconds: the figures are printed at the end for the record.
 *
 * n is chosen so that the run at n takes a few tenths of a second after the fix; before it,
 * these cases took from 13 s to minutes at 4n, or crashed.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeGrowth, expectCleanOutcome, expectLinearGrowth, type GrowthCase, type GrowthPoint, measureGrowth, timedCliRuns } from './testing/timed-cli.js';

const SENTENCE = 'Prices rose sharply last year';
const LINT = ['lint', 'x.md', '--format', 'json', '--jobs', '1'];

/** Writes `x.md` (and whatever else `files` holds) into the folder; returns the bytes of all. */
function put(folder: string, files: Record<string, string>): number {
  let bytes = 0;
  for (const [name, text] of Object.entries(files)) {
    const path = join(folder, name);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, text);
    bytes += Buffer.byteLength(text);
  }
  return bytes;
}

/** Footnote definitions of about `bytes` bytes, the first cited. */
function footnotes(bytes: number): string {
  const parts = [`${SENTENCE} [^0].\n\n`];
  let size = parts[0]?.length ?? 0;
  for (let i = 0; size < bytes; i++) {
    const part = `[^${i}]: Note ${i} says prices rose in region ${i % 97}.\n\n`;
    parts.push(part);
    size += part.length;
  }
  return parts.join('');
}

/** About `bytes` bytes of short sentences, one paragraph, each ending in a number (as "rose by 12." does). */
function shortSentences(bytes: number): string {
  const words = ['Prices', 'Wages', 'Rents', 'Fares', 'Yields', 'Exports', 'Tariffs'];
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const part = `${words[i % words.length]} rose by ${i % 89}. `;
    parts.push(part);
    size += part.length;
  }
  return parts.join('');
}

/** `@string{s1 = "ab"}` and `s{k} = s{k-1} # s{k-1}` for `lines` lines: s{k} is 2^k characters. */
function doublingMacros(lines: number): string {
  const out = ['@string{s1 = "ab"}'];
  for (let k = 2; k <= lines; k++) out.push(`@string{s${k} = s${k - 1} # s${k - 1}}`);
  out.push(`@article{k, title = s${lines}}`);
  return `${out.join('\n')}\n`;
}

interface Case extends GrowthCase {
  name: string;
  /** The file a refusal names (the briefing unless said). */
  file?: string;
  /** What the outcome at each size must be, beyond ending cleanly. */
  expectOutcome?: (points: GrowthPoint[]) => void;
}

const refusedAt = (where: RegExp) => (points: GrowthPoint[]) => {
  for (const p of points) {
    expect(p.runs[0]?.code).toBe(2);
    expect(p.runs[0]?.stderr).toMatch(where);
  }
};

const linted = (points: GrowthPoint[]): void => {
  for (const p of points) expect([0, 1]).toContain(p.runs[0]?.code);
};

const CASES: Case[] = [
  {
    // Each `*` between letters both opens and closes; most find no opener, and micromark walked
    // back over every event to the start of the paragraph for each (50 KB: 13 s; 200 KB: minutes).
    name: '*a repeated n times',
    n: 25_000,
    argv: LINT,
    write: (folder, n) => put(folder, { 'x.md': `${SENTENCE} ${'*a'.repeat(n)} [1].\n` }),
    expectOutcome: linted,
  },
  {
    // The same for GFM strikethrough: every other `~` between letters finds no opener, and
    // micromark-extension-gfm-strikethrough walked back to the start of the paragraph for each
    // (100 KB: 43 s; 200 KB: over two minutes).
    name: '~a repeated n times',
    n: 12_500,
    argv: LINT,
    write: (folder, n) => put(folder, { 'x.md': `Prices rose ${'~a'.repeat(n)} by 5% [1].\n` }),
    expectOutcome: linted,
  },
  {
    // A trailing-punctuation regex retried the run of `*` from each of its characters.
    name: '*×n a _×n',
    n: 200_000,
    argv: LINT,
    write: (folder, n) => put(folder, { 'x.md': `${SENTENCE} ${'*'.repeat(n)}a${'_'.repeat(n)} [1].\n` }),
    expectOutcome: linted,
  },
  {
    // The sentence splitter walked back from each period to the white space before it, to see
    // whether the word held a figure: quadratic in a run with no white space (100 KB: 14 s).
    name: 'www.a repeated n times',
    n: 20_000,
    argv: LINT,
    write: (folder, n) => put(folder, { 'x.md': `${SENTENCE} ${'www.a'.repeat(n)} [1].\n` }),
    expectOutcome: linted,
  },
  {
    // An open parenthesis joins every sentence after it into one, and the splitter counted the
    // parentheses of the whole joined sentence at each join (260 KB: 25 s).
    name: '( then n sentences',
    n: 5_000,
    argv: LINT,
    write: (folder, n) => put(folder, { 'x.md': `(${'Prices rose. '.repeat(n)} [1].\n` }),
    expectOutcome: linted,
  },
  {
    // micromark's setext heading resolver rewrote the whole document's events through an edit
    // map at each heading: quadratic in their number (10,000 headings, 50 KB: 30 s).
    name: 'n setext headings',
    n: 2_500,
    argv: LINT,
    write: (folder, n) => put(folder, { 'x.md': `${'a\n=\n\n'.repeat(n)}${SENTENCE} [1].\n` }),
    expectOutcome: linted,
  },
  {
    // yaml's default duplicate-key check compares each key with all before it.
    name: 'front matter with n keys',
    n: 25_000,
    argv: LINT,
    write: (folder, n) => put(folder, { 'x.md': `---\n${Array.from({ length: n }, (_, i) => `k${i}: v\n`).join('')}---\n${SENTENCE} [1].\n` }),
    expectOutcome: linted,
  },
  {
    // Each reference searched every list entry for its origin.
    name: 'n bytes of footnote definitions',
    // Past a megabyte the parser's heap makes GC a growing share; medians of three keep a
    // slow spell from reading as growth.
    n: 125_000,
    repeats: 3,
    argv: LINT,
    write: (folder, n) => put(folder, { 'x.md': footnotes(n) }),
    expectOutcome: linted,
  },
  {
    // Backtick runs of lengths that never recur: each opening run was looked for a closer over
    // the rest of the paragraph (160 KB: 1.4 s, 320 KB: 4.1 s); refused past a scan budget.
    name: 'backtick runs of growing lengths in n bytes',
    n: 500_000,
    argv: LINT,
    write: (folder, n) => {
      const runs: string[] = [];
      for (let k = 1, size = 0; size < n; k++, size += k + 1) runs.push(`a${'`'.repeat(k)}`);
      return put(folder, { 'x.md': `${SENTENCE} ${runs.join('')} [1].\n` });
    },
    expectOutcome: refusedAt(/^citecheck: x\.md:1:\d+: \d+ runs of backticks in the paragraph from here never close/),
  },
  {
    // 100,000 columns took 39 s and 2.9 GB; wider than any briefing's table, refused at its header.
    name: 'a table with n columns',
    n: 25_000,
    argv: LINT,
    write: (folder, n) => put(folder, { 'x.md': `${SENTENCE} [1].\n\n|${'a|'.repeat(n)}\n|${'-|'.repeat(n)}\n|${'b|'.repeat(n)}\n` }),
    expectOutcome: refusedAt(/^citecheck: x\.md:3:1: a table with about \d+ columns starts here/),
  },
  {
    // retext merges a sentence that ends in a number into the next, splicing the paragraph's
    // list each time: quadratic in the sentences of a paragraph (1.4 MB: 13 s).
    name: 'a snapshot of n bytes of short sentences',
    n: 500_000,
    argv: LINT,
    write: (folder, n) =>
      put(folder, {
        'x.md': `# Prices\n\nPrices rose by 12 in the region [1]. Wages rose by 40 [1].\n`,
        'x.refs.json': JSON.stringify({ references: [{ id: 1, title: 'Prices', url: 'https://example.org/a', snapshot: 'sources/s.txt' }] }),
        'sources/s.txt': shortSentences(n),
      }),
    expectOutcome: linted,
  },
  {
    // 25 lines of 672 bytes took 107 s and 3.8 GB; refused at the macro that crosses the bound.
    name: 'n @string macros that double',
    n: 25,
    argv: [...LINT, '--registry', 'refs.bib'],
    file: 'refs.bib',
    write: (folder, n) => put(folder, { 'x.md': `${SENTENCE} [@k].\n`, 'refs.bib': doublingMacros(n) }),
    expectOutcome: refusedAt(/^citecheck: refs\.bib:20:1: the @string macro "s20" expands to more than 1,000,000 characters/),
  },
];

let root: string;
const figures: string[] = [];
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'citecheck-growth-'));
});
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  console.log(`slow inputs (size, median seconds of main()):\n${figures.join('\n')}`);
});

/** A fresh folder per case and size, a git root so the config and registry search stops there. */
const folders = (name: string) => (size: number) => {
  const folder = join(root, name.replace(/[^a-z0-9]+/gi, '-'), String(size));
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, '.git'), '');
  return folder;
};

describe('inputs that were slow: linted or refused, in time linear in their size', () => {
  it.each(CASES.map((c) => [c.name, c] as const))(
    '%s',
    async (name, c) => {
      const points = await measureGrowth({ ...c, capSeconds: c.capSeconds ?? 120 }, folders(name));
      figures.push(...describeGrowth(name, points));
      for (const p of points) for (const run of p.runs) expectCleanOutcome(run, run.code === 2 ? (c.file ?? 'x.md') : 'x.md');
      c.expectOutcome?.(points);
      expectLinearGrowth(name, points);
    },
    300_000,
  );
});

describe('input-sized lists: no stage spreads or recurses over them', () => {
  it(
    '130,000 markers in one text run: a JSON and a stylish report, no stack overflow',
    async () => {
      const markers = Array.from({ length: 130_000 }, (_, i) => `[${(i % 50) + 1}]`).join('');
      const folder = folders('markers')(130_000);
      put(folder, { 'x.md': `${SENTENCE} ${markers}.\n` });
      const [json, stylish] = await timedCliRuns(
        [
          { cwd: folder, argv: LINT },
          { cwd: folder, argv: ['lint', 'x.md', '--format', 'stylish', '--jobs', '1'] },
        ],
        120,
      );
      if (json === undefined || stylish === undefined) throw new Error('runs missing');
      expectCleanOutcome(json, 'x.md');
      expect(json.code === 0 || json.code === 1).toBe(true);
      expect(stylish.killed).toBe(false);
      expect(stylish.stderr).not.toMatch(/unexpected problem|Maximum call stack/);
      expect([0, 1]).toContain(stylish.code);
      expect(stylish.stdoutHead).toMatch(/1 file checked/);
      figures.push(`130,000 markers (json, stylish): ${json.seconds.toFixed(2)} s, ${stylish.seconds.toFixed(2)} s`);
    },
    300_000,
  );
});
