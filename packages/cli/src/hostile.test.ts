/*
 * Issue 6, hostile input, end to end through the command line:
 *
 * - pathological briefings (200,000 `[` on a line, 100,000 markers in a sentence, lists nested
 *   3,000 deep, blockquotes 5,000 deep, a 5 MB briefing, a one-megabyte line, binary data,
 *   invalid UTF-8): exit 0/1 with a JSON report when the file can be linted, else exit 2 with
 *   one `citecheck: file:line:col: …` line; never a stack trace; time linear in the size;
 * - bad registries and configs of every kind: exit 2, a message naming file, line and column
 *   and what to fix;
 * - reports written atomically: only the `--output` file appears, no temp file is left, a
 *   failed write leaves no half report.
 *
 * The size-scaling cases run `main()` in a child process (the same TypeScript source, loaded
 * with tsx) so that a run that blocks the event loop for minutes can be killed at a cap; an
 * in-process run could not be interrupted by the test's timeout. The child warms up on a small
 * briefing first and times `main()` alone, not its own start-up.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Report } from '@citecheck/model';
import { cli, noStack, type Run } from './testing/cli.js';
import { describeGrowth, expectCleanOutcome, expectLinearGrowth, type GrowthPoint, measureGrowth } from './testing/timed-cli.js';

// A write that fails half-way (a full disk, a killed process) is simulated by this switch; off,
// node:fs/promises behaves as it always does.
const writeFault = vi.hoisted(() => ({ on: false }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  const writeFile: typeof real.writeFile = async (path, data, options) => {
    if (!writeFault.on) return real.writeFile(path, data, options);
    // Half the data reaches the disk, then the disk is full.
    const text = typeof data === 'string' ? data : String(data);
    await real.writeFile(path, text.slice(0, Math.floor(text.length / 2)), options);
    const error = new Error(`ENOSPC: no space left on device, write`) as NodeJS.ErrnoException;
    error.code = 'ENOSPC';
    throw error;
  };
  return { ...real, default: { ...real, writeFile }, writeFile };
});

const repo = fileURLToPath(new URL('../../../', import.meta.url));

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'citecheck-hostile-'));
  // A git root stops the config and registry search inside the temp folder.
  writeFileSync(join(dir, '.git'), '');
});
afterEach(() => {
  writeFault.on = false;
  rmSync(dir, { recursive: true, force: true });
});

/** Timings of every pathological case, printed at the end for the report. */
const timings: string[] = [];
const record = (name: string, bytes: number, run: { seconds: number; code: number | null; killed?: boolean }): void => {
  timings.push(`${name.padEnd(34)} ${String(bytes).padStart(9)} bytes  ${run.seconds.toFixed(2).padStart(7)} s  exit ${run.code}${run.killed ? ' (killed)' : ''}`);
};

// ---------------------------------------------------------------------------------------------
// Pathological briefings.

const SENTENCE = 'Prices rose sharply last year';

/** A Markdown briefing of about `bytes` bytes: sections of cited claims and one Sources list. */
function bigBriefing(bytes: number): string {
  const verbs = ['rose', 'fell', 'doubled', 'halved', 'stalled', 'recovered'];
  const things = ['prices', 'wages', 'rents', 'admissions', 'emissions', 'ridership', 'exports', 'arrests'];
  const parts = ['# A very long briefing\n\nExecutive summary\n\n'];
  let size = parts[0]?.length ?? 0;
  for (let s = 0; size < bytes - 4_000; s++) {
    let section = `## Section ${s}: ${things[s % things.length]}\n\n`;
    for (let p = 0; p < 3; p++) {
      const sentences: string[] = [];
      for (let k = 0; k < 4; k++) {
        const n = s * 12 + p * 4 + k;
        const thing = things[n % things.length] ?? 'prices';
        const verb = verbs[(n * 7) % verbs.length] ?? 'rose';
        sentences.push(`In region ${n % 97}, ${thing} ${verb} by ${(n % 60) + 1}% between ${2000 + (n % 20)} and ${2001 + (n % 20)} [${(n % 50) + 1}].`);
      }
      section += `${sentences.join(' ')}\n\n`;
    }
    parts.push(section);
    size += section.length;
  }
  parts.push('## Sources\n\n');
  for (let i = 1; i <= 50; i++) parts.push(`${i}. [Source number ${i}](https://example.org/source/${i})\n`);
  return parts.join('');
}

/** One line of about `bytes` characters: cited sentences, no line break until the end. */
function longLine(bytes: number): string {
  const sentences: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const s = `Claim number ${i} says prices rose by ${i % 97}% in the region [${(i % 9) + 1}]. `;
    sentences.push(s);
    size += s.length;
  }
  return `${sentences.join('')}\n`;
}

function repeatedReport(bytes: number): string {
  const report = readFileSync(join(repo, 'fixtures/gold/tune/ai-report-cashless-payments.md'), 'utf8');
  return `${report}\n\n`.repeat(Math.ceil(bytes / (report.length + 2)));
}

function manyMarkers(count: number): string {
  const markers: string[] = [];
  for (let i = 0; i < count; i++) markers.push(`[${(i % 50) + 1}]`);
  return `${SENTENCE} ${markers.join('')}.\n`;
}

interface ScalingCase {
  name: string;
  /** The size the issue names; the case runs at a quarter, a half and all of it. */
  size: number;
  text: (size: number) => string;
}

const SCALING: ScalingCase[] = [
  { name: '200,000 [ on a line', size: 200_000, text: (n) => `${SENTENCE} ${'['.repeat(n)} and then fell.\n` },
  { name: '100,000 markers in a sentence', size: 100_000, text: manyMarkers },
  { name: 'a list nested 3,000 deep', size: 3_000, text: (n) => `${'- '.repeat(n)}${SENTENCE} [1].\n` },
  {
    name: 'lists nested 3,000 deep by indentation',
    size: 3_000,
    text: (n) => Array.from({ length: n }, (_, i) => `${'  '.repeat(i)}- ${SENTENCE} [${(i % 9) + 1}].`).join('\n') + '\n',
  },
  { name: 'blockquotes 5,000 deep', size: 5_000, text: (n) => `${'>'.repeat(n)} ${SENTENCE} [1].\n` },
  { name: 'blockquotes 10,000 deep', size: 10_000, text: (n) => `${'>'.repeat(n)} ${SENTENCE} [1].\n` },
  { name: 'a one-megabyte line', size: 1_048_576, text: longLine },
  { name: 'a 5 MB briefing', size: 5 * 1_048_576, text: bigBriefing },
  // Real text: an AI research report from the gold set (narration, headings, lists, footnote
  // markers and definitions) over and over, as a wiki export of many reports would be.
  { name: 'a 5 MB briefing of real reports', size: 5 * 1_048_576, text: repeatedReport },
];

/** A run that takes longer than this is killed: the case has failed long before. */
const CAP_SECONDS = 120;

describe('pathological briefings: linted or refused with a clear message, in time linear in their size', () => {
  it.each(SCALING.map((c) => [c.name, c] as const))(
    '%s',
    async (_name, c) => {
      // No budget in seconds (a loaded machine is slow without anything having regressed): the
      // outcome at every size, and each doubling of the input costing about double the time.
      const points = await measureGrowth(
        {
          n: Math.floor(c.size / 4),
          argv: ['lint', 'x.md', '--format', 'json', '--jobs', '1'],
          capSeconds: 3 * CAP_SECONDS,
          write: (folder, size) => {
            const text = c.text(size);
            writeFileSync(join(folder, 'x.md'), text);
            return Buffer.byteLength(text);
          },
        },
        (size) => {
          const folder = join(dir, String(size));
          mkdirSync(folder, { recursive: true });
          writeFileSync(join(folder, '.git'), '');
          return folder;
        },
      );
      timings.push(...describeGrowth(c.name, points));
      for (const point of points) for (const run of point.runs) expectCleanOutcome(run, 'x.md');
      expectLinearGrowth(c.name, points);
    },
    (3 * CAP_SECONDS + 60) * 1000,
  );

  afterAll(() => {
    console.log(`pathological cases (size, seconds of main()):\n${timings.join('\n')}`);
  });
});

// Files that are not UTF-8 text, linted in process.

/** A deterministic stream of pseudo-random bytes (xorshift), so a failure can be reproduced. */
function randomBytes(length: number, seed: number, max = 256): Buffer {
  const bytes = Buffer.alloc(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    bytes[i] = (x >>> 0) % max;
  }
  return bytes;
}

/**
 * `citecheck lint file` in process on the file `make(k)` gives at k = 1, 2, 4: the run at each
 * size, after checking that each doubling costs about double the time (a hang or a quadratic
 * scan shows as a ratio, not as a budget in seconds).
 */
async function lintAtSizes(file: string, make: (k: number) => Buffer | string): Promise<Run[]> {
  const points: GrowthPoint[] = [];
  const runs: Run[] = [];
  for (const k of [1, 2, 4]) {
    const content = make(k);
    writeFileSync(join(dir, file), content);
    const started = performance.now();
    const run = await cli(dir, 'lint', file, '--format', 'json');
    const seconds = (performance.now() - started) / 1000;
    const timed = { code: run.code, seconds, stderr: run.stderr, stdoutBytes: run.stdout.length, stdoutHead: '', stackInStdout: false, json: null, killed: false };
    points.push({ size: k, bytes: statSync(join(dir, file)).size, seconds, runs: [timed] });
    record(file, points.at(-1)?.bytes ?? 0, { seconds, code: run.code });
    runs.push(run);
  }
  expectLinearGrowth(file, points);
  return runs;
}

/** Exit 2 and one line naming the file, the line and column, and what to do. */
function expectRefusal(run: Run, file: string, where: string | null, problem: RegExp): void {
  noStack(run);
  expect(run.code).toBe(2);
  expect(run.stderr).not.toMatch(/unexpected problem/);
  const escaped = file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const place = where === null ? '\\d+:\\d+' : where.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  expect(run.stderr).toMatch(new RegExp(`^citecheck: ${escaped}:${place}: \\S[^\\n]*\\n$`));
  expect(run.stderr).toMatch(problem);
}

describe('files that are not UTF-8 text', () => {
  it('binary data (random bytes with NULs) named .md: exit 2, the file, where, and that it is not UTF-8 text', async () => {
    const sized = await lintAtSizes('blob.md', (k) => {
      const bytes = randomBytes(k * 256 * 1024, 6);
      bytes[10] = 0;
      bytes[11] = 0xff;
      return bytes;
    });
    for (const run of sized) expectRefusal(run, 'blob.md', null, /UTF-8/);
  }, 60_000);

  it('binary data that happens to be valid UTF-8 (bytes 0-127, NULs included): linted, or refused with a clear message', async () => {
    const sized = await lintAtSizes('ascii-blob.md', (k) => randomBytes(k * 256 * 1024, 7, 128));
    for (const run of sized) {
      noStack(run);
      expect(run.stderr).not.toMatch(/unexpected problem/);
      if (run.code === 2) expectRefusal(run, 'ascii-blob.md', null, /binary|NUL|text/);
      else expect((JSON.parse(run.stdout) as Report).files.map((f) => f.path)).toEqual(['ascii-blob.md']);
    }
  }, 60_000);

  it('invalid UTF-8 (a 0xFF byte on line 4): exit 2 at 4:7, saying to save it as UTF-8', async () => {
    writeFileSync(join(dir, 'bad.md'), Buffer.concat([Buffer.from('# Title\n\nPrices rose sharply [1].\nWages '), Buffer.from([0xff]), Buffer.from(' fell.\n')]));
    const run = await cli(dir, 'lint', 'bad.md', '--format', 'json');
    expectRefusal(run, 'bad.md', '4:7', /UTF-8/);
  });

  it('a UTF-16 briefing (with its BOM): exit 2 at 1:1, saying it is UTF-16 and to save it as UTF-8', async () => {
    writeFileSync(join(dir, 'utf16.md'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('# Title\n\nPrices rose sharply [1].\n', 'utf16le')]));
    const run = await cli(dir, 'lint', 'utf16.md', '--format', 'json');
    expectRefusal(run, 'utf16.md', '1:1', /UTF-16.*UTF-8/);
  });

  it('an encoded surrogate (ED A0 80) in a long file: exit 2 at its line and column', async () => {
    const lines = (k: number): number => k * 10_000;
    const sized = await lintAtSizes('surrogate.md', (k) =>
      Buffer.concat([Buffer.from(`${'Prices rose sharply last year [1].\n'.repeat(lines(k))}Wages `), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from(' fell.\n')]),
    );
    sized.forEach((run, i) => expectRefusal(run, 'surrogate.md', `${lines(2 ** i) + 1}:7`, /UTF-8/));
  }, 60_000);
});

// ---------------------------------------------------------------------------------------------
// Bad registries and configs.

const BRIEF = `# Prices\n\nPrices rose sharply last year [1].\n`;

type Content = string | Buffer | { folder: true };

function put(path: string, content: Content): void {
  const full = join(dir, path);
  if (typeof content === 'object' && !Buffer.isBuffer(content)) mkdirSync(full, { recursive: true });
  else writeFileSync(full, content);
}

interface BadFile {
  name: string;
  file: string;
  content: Content;
  /** `line:col` where the problem is, or null when the file has no line to point at. */
  where: string | null;
  /** What the message must say. */
  problem: RegExp;
}

const BAD_REGISTRIES: BadFile[] = [
  { name: 'JSON syntax error (a missing comma)', file: 'refs.json', content: '{"references": [\n  {"id": 1 "title": "A"}\n]}\n', where: '2:12', problem: /JSON syntax error/ },
  { name: 'JSON with a trailing comma', file: 'refs.json', content: '{"references": [\n  {"id": 1, "title": "A"},\n]}\n', where: '2:26', problem: /JSON syntax error: trailing comma/ },
  { name: 'JSON cut short', file: 'refs.json', content: '{"references": [\n  {"id": 1, "title": "A"\n', where: null, problem: /JSON syntax error.*never closed|ends too early/ },
  { name: 'YAML syntax error (an unclosed quote)', file: 'refs.yaml', content: 'references:\n  - id: 1\n    title: "unclosed\n  - id: 2\n', where: null, problem: /YAML syntax error/ },
  { name: 'YAML with a tab for indentation', file: 'refs.yaml', content: 'references:\n\t- id: 1\n', where: '2:1', problem: /YAML syntax error|tab/i },
  { name: 'YAML alias to an undefined anchor', file: 'refs.yaml', content: 'references:\n  - *nothing\n', where: '2:5', problem: /nothing|alias|anchor/i },
  { name: 'wrong type: title a number', file: 'refs.json', content: '{"references": [\n  {"id": 1, "title": 5}\n]}\n', where: '2:22', problem: /"title"/ },
  { name: 'wrong type: id a list', file: 'refs.json', content: '{"references": [\n  {"id": [1], "title": "A"}\n]}\n', where: '2:10', problem: /"id"/ },
  { name: 'wrong type: id empty text', file: 'refs.yaml', content: 'references:\n  - id: ""\n    title: A\n', where: '2:9', problem: /"id"/ },
  { name: 'wrong type: references an object', file: 'refs.json', content: '{"references": {"id": 1}}\n', where: '1:16', problem: /"references"/ },
  { name: 'wrong type: excerpts a string', file: 'refs.yaml', content: 'references:\n  - id: 1\n    excerpts: one passage\n', where: '3:15', problem: /"excerpts"/ },
  { name: 'a date that is not a date', file: 'refs.json', content: '{"references": [\n  {"id": 1, "date": "May 2021"}\n]}\n', where: '2:21', problem: /"date".*2021-05-01/ },
  { name: 'an unknown kind', file: 'refs.yaml', content: 'references:\n  - id: 1\n    kind: blog\n', where: '3:11', problem: /"kind".*(government|news)/ },
  { name: 'an unknown field', file: 'refs.json', content: '{"references": [\n  {"id": 1, "tittle": "A"}\n]}\n', where: '2:13', problem: /unknown field "tittle".*did you mean "title"/ },
  { name: 'a missing id', file: 'refs.yaml', content: 'references:\n  - title: A\n', where: '2:5', problem: /"id"/ },
  { name: 'duplicate ids', file: 'refs.json', content: '{"references": [\n  {"id": 1, "title": "A"},\n  {"id": 1, "title": "B"}\n]}\n', where: '3:10', problem: /the id 1 is already used by reference #1 at line 2, column 10/ },
  { name: 'duplicate ids, a number and a string', file: 'refs.yaml', content: 'references:\n  - id: 1\n  - id: "1"\n', where: '3:9', problem: /already used by reference #1 at line 2, column 9/ },
  { name: 'an empty file', file: 'refs.json', content: '', where: '1:1', problem: /empty/ },
  { name: 'a file of blank lines', file: 'refs.yaml', content: '\n\n   \n', where: '1:1', problem: /empty/ },
  { name: 'a top level that is text', file: 'refs.yaml', content: 'just some text\n', where: '1:1', problem: /references/ },
  { name: 'a UTF-16 file', file: 'refs.json', content: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"references": []}', 'utf16le')]), where: '1:1', problem: /UTF-16/ },
  { name: 'a Latin-1 file', file: 'refs.yaml', content: Buffer.from('references:\n  - id: 1\n    title: Caf\xe9\n', 'latin1'), where: '3:15', problem: /UTF-8/ },
  { name: 'a NUL byte', file: 'refs.json', content: '{"references": [{"id": 1, "title": "a\u0000b"}]}', where: '1:38', problem: /NUL|binary/ },
  { name: 'BibTeX syntax error', file: 'refs.bib', content: '@article{smith2020,\n  title = {A},\n  year = 2020 x\n}\n', where: '3:15', problem: /BibTeX syntax error/ },
  { name: 'BibTeX with an unclosed entry', file: 'refs.bib', content: '@article{smith2020,\n  title = {A},\n', where: null, problem: /BibTeX syntax error/ },
  { name: 'BibTeX with CR line ends and a syntax error', file: 'refs.bib', content: '@article{smith2020,\r  title = {A},\r  year = 2020 x\r}\r', where: '3:15', problem: /BibTeX syntax error/ },
  { name: 'BibTeX with a repeated key', file: 'refs.bib', content: '@article{smith2020,\n  title = {A}\n}\n@book{smith2020,\n  title = {B}\n}\n', where: '4:1', problem: /smith2020/ },
  { name: 'a CSL item without an id', file: 'refs.json', content: '[\n  {"type": "book", "title": "A"}\n]\n', where: '2:3', problem: /no "id"/ },
  { name: 'a CSL item that is not an object', file: 'refs.json', content: '[\n  {"id": "a", "type": "book"},\n  7\n]\n', where: '3:3', problem: /entry #2/ },
  { name: 'JSON nested 3,000 deep', file: 'refs.json', content: `${'['.repeat(3_000)}${']'.repeat(3_000)}`, where: null, problem: /deep|nest|entry|list/i },
];

describe('bad registries: exit 2, the file, line and column, and what to fix', () => {
  it.each(BAD_REGISTRIES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    put('b.md', BRIEF);
    put(c.file, c.content);
    const run = await cli(dir, 'lint', 'b.md', '--registry', c.file, '--format', 'json');
    expectRefusal(run, c.file, c.where, c.problem);
    expect(run.stdout).toBe('');
  });

  it('a folder given as --registry: exit 2, naming it and saying it is a folder', async () => {
    put('b.md', BRIEF);
    put('refs.json', { folder: true });
    const run = await cli(dir, 'lint', 'b.md', '--registry', 'refs.json', '--format', 'json');
    noStack(run);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^citecheck: [^\n]*refs\.json[^\n]*folder[^\n]*\n$/);
  });

  it('a folder where the sibling registry would be: skipped or refused, never a crash', async () => {
    put('b.md', BRIEF);
    put('b.refs.json', { folder: true });
    put('references.yaml', { folder: true });
    const run = await cli(dir, 'lint', 'b.md', '--format', 'json');
    noStack(run);
    expect(run.stderr).not.toMatch(/unexpected problem/);
    if (run.code === 2) expect(run.stderr).toMatch(/^citecheck: [^\n]*(b\.refs\.json|references\.yaml)[^\n]*folder/);
    else expect((JSON.parse(run.stdout) as Report).files[0]?.registry ?? null).toBeNull();
  });

  it('a registry named in front matter that is broken: exit 2 at the registry\'s line and column', async () => {
    put('b.md', `---\nreferences: refs.yaml\n---\n${BRIEF}`);
    put('refs.yaml', 'references:\n  - id: 1\n    title: [unclosed\n');
    const run = await cli(dir, 'lint', 'b.md', '--format', 'json');
    expectRefusal(run, 'refs.yaml', null, /YAML syntax error/);
  });

  it('registry validate on a broken registry: exit 2, the same placed message', async () => {
    put('refs.json', '{"references": [\n  {"id": 1, "tittle": "A"}\n]}\n');
    const run = await cli(dir, 'registry', 'validate', 'refs.json');
    noStack(run);
    expect(run.code).toBe(2);
    expect(`${run.stdout}${run.stderr}`).toMatch(/refs\.json:2:13/);
  });
});

const BAD_CONFIGS: BadFile[] = [
  { name: 'a config with an unknown rule', file: 'citecheck.config.json', content: '{\n  "rules": { "uncited-claims": "error" }\n}\n', where: '2:14', problem: /unknown rule "uncited-claims".*uncited-claim/ },
  { name: 'a config with a bad severity', file: 'citecheck.config.json', content: '{\n  "rules": { "uncited-claim": "fatal" }\n}\n', where: '2:31', problem: /off, info, warning, error[^\n]*"fatal"/ },
  { name: 'a config with a severity of the wrong type', file: 'citecheck.config.json', content: '{\n  "rules": { "uncited-claim": 2 }\n}\n', where: '2:31', problem: /(off|info|warning|error)/ },
  { name: 'a config that is a list', file: 'citecheck.config.json', content: '["*.md"]\n', where: '1:1', problem: /object|\{/ },
  { name: 'a config with a trailing comma', file: 'citecheck.config.json', content: '{\n  "include": ["*.md"],\n}\n', where: '2:22', problem: /JSON syntax error: trailing comma/ },
  { name: 'a config with an unknown field', file: 'citecheck.config.json', content: '{\n  "inclde": ["*.md"]\n}\n', where: '2:3', problem: /"inclde".*did you mean "include"/ },
  { name: 'a config whose include is a string', file: 'citecheck.config.json', content: '{\n  "include": "*.md"\n}\n', where: '2:14', problem: /"include"/ },
  { name: 'a config with an empty include glob', file: 'citecheck.config.json', content: '{\n  "include": [""]\n}\n', where: '2:15', problem: /"include"/ },
  { name: 'an empty config', file: 'citecheck.config.json', content: '', where: '1:1', problem: /empty/ },
  { name: 'a config that is UTF-16', file: 'citecheck.config.json', content: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{}', 'utf16le')]), where: '1:1', problem: /UTF-16/ },
  { name: 'a .citecheckrc.json with a syntax error', file: '.citecheckrc.json', content: '{\n  "rules": {\n    "uncited-claim" "error"\n  }\n}\n', where: '3:21', problem: /JSON syntax error/ },
  { name: 'a config whose registry is a number', file: 'citecheck.config.json', content: '{\n  "registry": 5\n}\n', where: '2:15', problem: /"registry"/ },
];

describe('bad configs: exit 2, the file, line and column, and what to fix', () => {
  it.each(BAD_CONFIGS.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    put('b.md', BRIEF);
    put(c.file, c.content);
    const run = await cli(dir, 'lint', 'b.md', '--format', 'json');
    expectRefusal(run, c.file, c.where, c.problem);
    expect(run.stdout).toBe('');
  });

  it('--config naming a folder: exit 2, naming it and saying it is a folder', async () => {
    put('b.md', BRIEF);
    put('conf', { folder: true });
    const run = await cli(dir, 'lint', 'b.md', '--config', 'conf', '--format', 'json');
    noStack(run);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^citecheck: [^\n]*conf[^\n]*folder[^\n]*\n$/);
  });

  it('a config whose registry does not exist: exit 2, naming the registry', async () => {
    put('b.md', BRIEF);
    put('citecheck.config.json', '{\n  "registry": "missing.yaml"\n}\n');
    const run = await cli(dir, 'lint', 'b.md', '--format', 'json');
    noStack(run);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^citecheck: [^\n]*missing\.yaml[^\n]*\n$/);
  });
});

// ---------------------------------------------------------------------------------------------
// Reports are written atomically, and only where --output says.

/** Every file and folder under `root`, relative to it. */
function tree(root: string): string[] {
  const out: string[] = [];
  const walk = (folder: string): void => {
    for (const name of readdirSync(folder).sort()) {
      const path = join(folder, name);
      const info = statSync(path);
      if (info.isDirectory()) {
        out.push(`${relative(root, path)}/`);
        walk(path);
      } else {
        out.push(relative(root, path));
      }
    }
  };
  walk(root);
  return out;
}

describe('atomic output', () => {
  // The briefing has its registry, so standard error holds nothing but what went wrong.
  beforeEach(() => {
    put('b.refs.json', '{"references": [{"id": 1, "title": "A", "url": "https://example.org/a"}]}');
  });

  it('-o out/report.json writes that one file (and its folder), nothing else, no temp file left', async () => {
    put('b.md', BRIEF);
    const before = tree(dir);
    const run = await cli(dir, 'lint', 'b.md', '--format', 'json', '-o', 'out/report.json');
    noStack(run);
    expect([0, 1]).toContain(run.code);
    expect(run.stdout).toBe('');
    expect(tree(dir)).toEqual([...before, 'out/', 'out/report.json'].sort());
    const report = JSON.parse(readFileSync(join(dir, 'out/report.json'), 'utf8')) as Report;
    expect(report.files.map((f) => f.path)).toEqual(['b.md']);
  });

  it('every format and the badge: only the named files appear', async () => {
    put('b.md', BRIEF);
    const before = tree(dir);
    for (const format of ['stylish', 'json', 'sarif', 'github', 'markdown', 'html', 'junit']) {
      const run = await cli(dir, 'lint', 'b.md', '--format', format, '-o', `out/report.${format}`);
      noStack(run);
      expect([0, 1]).toContain(run.code);
    }
    const report = await cli(dir, 'report', 'b.md', '-o', 'out/coverage.html', '--badge', 'out/badge.svg');
    expect([0, 1]).toContain(report.code);
    const added = tree(dir).filter((p) => !before.includes(p));
    expect(added.sort()).toEqual(['out/', 'out/badge.svg', 'out/coverage.html', ...['stylish', 'json', 'sarif', 'github', 'markdown', 'html', 'junit'].map((f) => `out/report.${f}`)].sort());
  });

  it('an output path that is a folder: exit 2 with a message naming it, no temp file left', async () => {
    put('b.md', BRIEF);
    put('out/report.json', { folder: true });
    const before = tree(dir);
    const run = await cli(dir, 'lint', 'b.md', '--format', 'json', '-o', 'out/report.json');
    noStack(run);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^citecheck: [^\n]*out\/report\.json[^\n]*folder[^\n]*\n$/);
    expect(tree(dir)).toEqual(before);
  });

  it('an output path under a file: exit 2 with a message, nothing written', async () => {
    put('b.md', BRIEF);
    put('out', 'a file, not a folder');
    const before = tree(dir);
    const run = await cli(dir, 'lint', 'b.md', '--format', 'json', '-o', 'out/report.json');
    noStack(run);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^citecheck: [^\n]*out\/report\.json[^\n]*\n$/);
    expect(tree(dir)).toEqual(before);
  });

  it('a run that fails (a broken registry) leaves an earlier report untouched and writes nothing', async () => {
    put('b.md', BRIEF);
    put('refs.json', '{"references": [');
    mkdirSync(join(dir, 'out'));
    put('out/report.json', '{"earlier": true}');
    const before = tree(dir);
    const run = await cli(dir, 'lint', 'b.md', '--registry', 'refs.json', '--format', 'json', '-o', 'out/report.json', '--badge', 'out/badge.svg');
    noStack(run);
    expect(run.code).toBe(2);
    expect(readFileSync(join(dir, 'out/report.json'), 'utf8')).toBe('{"earlier": true}');
    expect(tree(dir)).toEqual(before);
  });

  it('a write interrupted half-way (disk full): exit 2 naming the output, no half report, no temp file, the earlier report kept', async () => {
    put('b.md', BRIEF);
    mkdirSync(join(dir, 'out'));
    put('out/report.json', '{"earlier": true}');
    const before = tree(dir);
    writeFault.on = true;
    const run = await cli(dir, 'lint', 'b.md', '--format', 'json', '-o', 'out/report.json');
    writeFault.on = false;
    noStack(run);
    expect(run.code).toBe(2);
    expect(readFileSync(join(dir, 'out/report.json'), 'utf8')).toBe('{"earlier": true}');
    expect(tree(dir)).toEqual(before);
    expect(run.stderr).toMatch(/^citecheck: [^\n]*out\/report\.json[^\n]*\n$/);
    expect(run.stderr).not.toMatch(/unexpected problem/);
  });

  it('a large report (a one-megabyte line) written with -o: the whole JSON, nothing else', async () => {
    put('big.md', longLine(1_048_576));
    const before = tree(dir);
    const run = await cli(dir, 'lint', 'big.md', '--format', 'json', '-o', 'report.json', '--jobs', '1');
    noStack(run);
    expect([0, 1]).toContain(run.code);
    expect(tree(dir)).toEqual([...before, 'report.json'].sort());
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report;
    expect(report.files[0]?.claims.length).toBeGreaterThan(10_000);
  }, 120_000);
});
