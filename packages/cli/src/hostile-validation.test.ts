/*
 * Issue 12, what citecheck prints and what it accepts as values, end to end through the command
 * line (in process):
 *
 * - text from documents and registries cannot drive a terminal: controls, bidi overrides and
 *   lone surrogates come out of stylish, github and markdown as visible `\uXXXX` (item 5);
 * - the Markdown reports keep their tables whole and show paths and ids exactly (item 14);
 * - merged and baseline reports are checked against report.schema.json, naming file and field,
 *   and every report the CLI writes validates against it (item 9);
 * - invisible characters inside markers: the harmless read as what they look like, bidi
 *   controls make a marker malformed (item 11);
 * - registry ids stay exact past 2^53; ids no numbered marker can cite are warned about (item 12);
 * - import/extract write only registries citecheck can read; `registry validate` says what
 *   failed (item 13);
 * - counts and percentages in options are plain digits (item 16); `--jobs` is capped (item 17);
 * - fast-check properties: any JSON or YAML value as the config, any mutation of a valid report
 *   given to `merge` and `--baseline`: exit 0/1/2, never a stack, "unexpected problem" or NaN.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { stringify as toYaml } from 'yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Report } from '@citecheck/model';
import { parseDataFile, schemaProblems } from '@citecheck/registry';
import { cli, noStack, type Run } from './testing/cli.js';

const repo = resolve(import.meta.dirname, '../../..');
const reportSchema = JSON.parse(readFileSync(resolve(import.meta.dirname, '../schema/report.schema.json'), 'utf8')) as object;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'citecheck-values-'));
  // A git root stops the config and registry search inside the temp folder.
  writeFileSync(join(dir, '.git'), '');
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const write = (name: string, text: string): string => {
  const path = join(dir, name);
  mkdirSync(resolve(path, '..'), { recursive: true });
  writeFileSync(path, text);
  return path;
};
const registry = (references: unknown[]): string => JSON.stringify({ references });
const json = (run: Run): Report => JSON.parse(run.stdout) as Report;

/** Problems with `report` as report.schema.json sees it; none for a valid report. */
function schemaErrors(text: string, name = 'report.json'): string[] {
  return schemaProblems(parseDataFile(name, text), reportSchema).map((p) => p.message);
}

// Characters that must never reach a terminal raw.
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

// ---------------------------------------------------------------------------------------------
// Item 5: control characters.

describe('control characters from documents and registries (item 5)', () => {
  const ESC_TITLE = '\u001b]0;pwned\u0007\u001b[2J';
  beforeEach(() => {
    // The file's own name carries an ESC; its claims carry colour codes, a bidi override and a BEL.
    write(
      'esc\u001b[31m.md',
      [
        'The harbour \u001b[8mhid\u001b[0m traffic grew by 40 percent in 2021.',
        '',
        'Rents rose \u202eevery\u202c year \u0007 in the old town.',
        '',
        'Fares fell by a tenth [1].',
        '',
      ].join('\n'),
    );
    write('esc\u001b[31m.refs.json', registry([{ id: 1, title: ESC_TITLE, url: 'https://example.org/a' }]));
  });

  for (const format of ['stylish', 'github', 'markdown']) {
    it(`--format ${format} shows them as \\u escapes`, async () => {
      const run = await cli(dir, 'lint', '.', '--format', format);
      noStack(run);
      expect(run.code).toBeLessThan(2);
      expect(run.stdout).not.toMatch(RAW_CONTROL);
      // Visible, searchable escapes in place of the characters.
      expect(run.stdout).toContain(format === 'markdown' ? '\\\\u001b' : '\\u001b');
      expect(run.stdout).toContain(format === 'markdown' ? '\\\\u202e' : '\\u202e');
    });
  }

  it('registry validate prints registry ids and URLs with controls escaped', async () => {
    write('bad.json', registry([{ id: 'a\u001b[2J', title: 'A', url: 'https://example.org/a' }, { id: '\u202eb', title: 'B', url: 'https://example.org/a' }]));
    for (const format of ['stylish', 'github', 'markdown']) {
      const run = await cli(dir, 'registry', 'validate', 'bad.json', '--format', format);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('duplicate-url');
      expect(run.stdout).not.toMatch(RAW_CONTROL);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Item 14: Markdown tables and code spans.

/** GFM table cells: split on pipes a backslash does not escape, outer pipes dropped. */
const cells = (row: string): string[] => row.replace(/^\|/, '').replace(/\|$/, '').split(/(?<!\\)\|/);

/**
 * What a code span in a table cell displays, by CommonMark's rules: the fence is the run of
 * backticks it opens with; one space is stripped from each side when both sides have one; GFM
 * first turns `\|` into `|` inside a table cell.
 */
function codeSpanText(cell: string): string {
  const trimmed = cell.trim();
  const fence = /^`+/.exec(trimmed)?.[0] ?? '';
  expect(fence).not.toBe('');
  expect(trimmed.endsWith(fence)).toBe(true);
  let inner = trimmed.slice(fence.length, -fence.length).replaceAll('\\|', '|');
  expect(inner).not.toContain(fence);
  if (inner.startsWith(' ') && inner.endsWith(' ') && inner.trim() !== '') inner = inner.slice(1, -1);
  return inner;
}

describe('Markdown reports with hostile file names and ids (item 14)', () => {
  const NAME = 'a|b`c``d.md';
  beforeEach(() => {
    write(NAME, 'Fares fell by a tenth in the first year [^key_with*stars].\n\nRents rose every year in the old town.\n');
    write('a|b`c``d.refs.json', registry([{ id: 'key_with*stars', title: 'A | B', url: 'https://example.org/a' }]));
  });

  it('lint --format markdown: every row has the header\'s cells and the path shows as written', async () => {
    const run = await cli(dir, 'lint', '.', '--format', 'markdown');
    noStack(run);
    const lines = run.stdout.split('\n');
    // The documents table and the findings table.
    const documentRow = lines.find((l) => l.startsWith('| `') && l.includes('b'));
    expect(documentRow).toBeDefined();
    const tables = run.stdout.split('\n\n').filter((block) => block.startsWith('|'));
    expect(tables.length).toBe(2);
    for (const table of tables) {
      const [head = '', ...rows] = table.trim().split('\n');
      for (const row of rows) expect(cells(row)).toHaveLength(cells(head).length);
    }
    expect(codeSpanText(cells(documentRow ?? '')[0] ?? '')).toBe(NAME);
    const findingRow = tables[1]?.split('\n').find((l) => l.includes('uncited-claim')) ?? '';
    expect(codeSpanText(cells(findingRow)[0] ?? '')).toBe(`${NAME}:3:1`);
  });

  it('report --format markdown: headings, the sources table and ids show exactly', async () => {
    write('x`y.md', 'Bus use doubled in a year [1].\n');
    write('x`y.refs.json', registry([{ id: 1, title: 'Bus', url: 'https://example.org/b' }]));
    const run = await cli(dir, 'report', NAME, '--format', 'markdown');
    noStack(run);
    const heading = run.stdout.split('\n').find((l) => l.startsWith('## `') || l.startsWith('## ``')) ?? '';
    expect(codeSpanText(heading.slice(3))).toBe(NAME);
    const sourceRow = run.stdout.split('\n').find((l) => l.includes('stars')) ?? '';
    expect(cells(sourceRow)).toHaveLength(5);
    // Backslashes do not escape inside a code span: the id must not gain any.
    expect(codeSpanText(cells(sourceRow)[0] ?? '')).toBe('key_with*stars');
  });

  it('a file name with a newline stays on its table row', async () => {
    write('line\nbreak.md', 'Rents rose every year in the old town.\n');
    const run = await cli(dir, 'lint', 'line\nbreak.md', '--format', 'markdown');
    const rows = run.stdout.split('\n').filter((l) => l.startsWith('| `'));
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(cells(row).length).toBeGreaterThanOrEqual(4);
  });
});

// ---------------------------------------------------------------------------------------------
// Item 9: reports read back.

const BRIEFING = 'Fares fell by a tenth in the first year [1].\n\nRents rose every year in the old town.\n\nBus use doubled [2].\n';
const REFS = registry([
  { id: 1, title: 'Fares', url: 'https://example.org/f', excerpts: ['Fares fell by a tenth in the first year.'] },
  { id: 2, title: 'Buses', url: 'https://example.org/b' },
]);

async function validReport(): Promise<string> {
  write('brief.md', BRIEFING);
  write('brief.refs.json', REFS);
  const run = await cli(dir, 'lint', 'brief.md', '--format', 'json');
  expect(run.code, run.stderr).toBe(0);
  // Findings to fingerprint, and claims to count.
  expect(json(run).summary.findings.warning).toBeGreaterThan(0);
  return run.stdout;
}

describe('merge and --baseline check reports against report.schema.json (item 9)', () => {
  const broken: [string, (r: Report & Record<string, unknown>) => void, RegExp][] = [
    ['start: null', (r) => Object.assign(r.files[0]?.claims[0] ?? {}, { start: null }), /field files\[0\]\.claims\[0\]\.start must be an object, got null/],
    ['citations: "x"', (r) => Object.assign(r.files[0]?.claims[0] ?? {}, { citations: 'x' }), /field files\[0\]\.claims\[0\]\.citations must be a list, got "x"/],
    ['coverage.claims as text', (r) => Object.assign(r.files[0]?.coverage ?? {}, { claims: '3' }), /field files\[0\]\.coverage\.claims must be a whole number, got "3"/],
    ['a negative count', (r) => Object.assign(r.files[0]?.coverage ?? {}, { cited: -1 }), /field files\[0\]\.coverage\.cited must be at least 0/],
    ['a finding without its place', (r) => delete (r.files[0]?.findings[0] as Partial<Report['files'][0]['findings'][0]>).start, /field files\[0\]\.findings\[0\] has no "start"/],
  ];
  for (const [what, spoil, message] of broken) {
    it(`merge refuses ${what}, naming the file and the field`, async () => {
      const good = await validReport();
      const report = JSON.parse(good) as Report & Record<string, unknown>;
      spoil(report);
      write('shard-1.json', good);
      write('shard-2.json', JSON.stringify(report, null, 2));
      for (const run of [await cli(dir, 'merge', 'shard-1.json', 'shard-2.json'), await cli(dir, 'lint', 'brief.md', '--baseline', 'shard-2.json')]) {
        noStack(run);
        expect(run.code).toBe(2);
        expect(run.stderr).toMatch(/^citecheck: shard-2\.json:\d+:\d+: /);
        expect(run.stderr).toMatch(message);
        expect(run.stderr).not.toContain('unexpected problem');
        expect(run.stdout).not.toContain('NaN');
      }
    });
  }

  it('every report the CLI writes validates against the schema', async () => {
    const outputs: string[] = [];
    const lintTargets = ['fixtures/seed/briefing.txt', 'fixtures/registries', 'fixtures/gold/tune/ai-report-cashless-payments.md', 'fixtures/markers'];
    for (const target of lintTargets) {
      const run = await cli(repo, 'lint', target, '--format', 'json');
      expect(run.code, `${target}: ${run.stderr}`).toBeLessThan(2);
      outputs.push(run.stdout);
    }
    const validated = await cli(repo, 'registry', 'validate', 'fixtures/registries/mixed-ids/wages.refs.yaml', 'fixtures/registries/real/zotero-csl-flight-test.json', '--format', 'json');
    expect(validated.code).toBeLessThan(2);
    outputs.push(validated.stdout);
    outputs.forEach((text, i) => write(`out-${i}.json`, text));
    const merged = await cli(dir, 'merge', ...outputs.map((_, i) => `out-${i}.json`), '--format', 'json');
    expect(merged.code, merged.stderr).toBeLessThan(2);
    outputs.push(merged.stdout);
    for (const text of outputs) expect(schemaErrors(text)).toEqual([]);
    // The merged report holds every file once.
    expect(json(merged).files.length).toBeGreaterThan(10);
  });

  it('a summary that disagrees with the files is recounted, not believed', async () => {
    const report = JSON.parse(await validReport()) as Report;
    write('edited.json', JSON.stringify({ ...report, summary: { ...report.summary, claims: 1000 } }));
    const run = await cli(dir, 'merge', 'edited.json', '--format', 'json');
    expect(run.code).toBe(0);
    expect(json(run).summary).toEqual(report.summary);
  });
});

// ---------------------------------------------------------------------------------------------
// Item 11: invisible characters in markers.

describe('invisible characters inside markers (item 11)', () => {
  const cases: [string, string, string[]][] = [
    ['a zero-width space', 'Fares fell by a tenth in the first year [1\u200b].', ['1']],
    ['a BOM', 'Fares fell by a tenth in the first year [\ufeff1].', ['1']],
    ['a word joiner and ZWNJ', 'Fares fell by a tenth in the first year [1\u2060\u200c].', ['1']],
    ['no-break and thin spaces', 'Fares fell by a tenth in the first year [1\u00a0,\u20092].', ['1', '2']],
    ['a narrow no-break space in a range', 'Fares fell by a tenth in the first year [1\u202f-\u202f2].', ['1', '2']],
  ];
  for (const [what, text, ids] of cases) {
    it(`${what}: read as the marker it looks like`, async () => {
      write('brief.md', `${text}\n`);
      write('brief.refs.json', REFS);
      const run = await cli(dir, 'lint', 'brief.md', '--format', 'json');
      const report = json(run);
      expect(report.files[0]?.claims[0]?.citations).toEqual(ids);
      expect(report.files[0]?.findings.map((f) => f.ruleId)).not.toContain('malformed-citation');
      expect(report.files[0]?.findings.map((f) => f.ruleId)).not.toContain('uncited-claim');
    });
  }

  for (const [what, control] of [
    ['a right-to-left override', '\u202e'],
    ['a left-to-right isolate', '\u2066'],
    ['a right-to-left mark', '\u200f'],
  ] as const) {
    it(`${what}: malformed-citation, naming the code point`, async () => {
      write('brief.md', `Fares fell by a tenth in the first year [1${control}2].\n`);
      write('brief.refs.json', REFS);
      const run = await cli(dir, 'lint', 'brief.md', '--format', 'json');
      const report = json(run);
      const malformed = report.files[0]?.findings.find((f) => f.ruleId === 'malformed-citation');
      const codePoint = `U+${control.charCodeAt(0).toString(16).toUpperCase()}`;
      expect(malformed?.message).toContain(codePoint);
      expect(malformed?.message).toContain(`[1<${codePoint}>2]`);
      expect(report.files[0]?.claims[0]?.citations).toEqual([]);
    });
  }
});

// ---------------------------------------------------------------------------------------------
// Item 12: ids.

describe('registry ids stay exact and unreachable ones are named (item 12)', () => {
  const BIG = ['9007199254740993', '9007199254740992'];

  it('two ids past 2^53 that differ in the last digit are two ids, in JSON, YAML and CSL', async () => {
    write('big.json', `{"references": [{"id": ${BIG[0]}, "title": "A", "url": "https://example.org/a"}, {"id": ${BIG[1]}, "title": "B", "url": "https://example.org/b"}]}`);
    write('big.yaml', `references:\n  - id: ${BIG[0]}\n    title: A\n    url: https://example.org/a\n  - id: ${BIG[1]}\n    title: B\n    url: https://example.org/b\n`);
    write('big.csl.json', `[{"id": ${BIG[0]}, "title": "A", "URL": "https://example.org/a"}, {"id": ${BIG[1]}, "title": "B", "URL": "https://example.org/b"}]`);
    const run = await cli(dir, 'registry', 'validate', 'big.json', 'big.yaml', 'big.csl.json', '--format', 'json');
    noStack(run);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    for (const file of json(run).files) expect(file.references.map((r) => r.id)).toEqual(BIG);
  });

  it('a briefing cites an id past 2^53 exactly', async () => {
    write('brief.md', `Fares fell by a tenth in the first year [^${BIG[0]}].\n`);
    write('brief.refs.json', `{"references": [{"id": ${BIG[0]}, "title": "A", "url": "https://example.org/a", "excerpts": ["Fares fell by a tenth in the first year."]}]}`);
    const report = json(await cli(dir, 'lint', 'brief.md', '--format', 'json'));
    expect(report.files[0]?.claims[0]?.citations).toEqual([BIG[0]]);
    expect(report.files[0]?.findings.map((f) => f.ruleId)).not.toContain('unknown-reference');
  });

  it('registry validate warns about ids no numbered marker can cite', async () => {
    write('odd.yaml', 'references:\n  - {id: -1, title: A, url: "https://example.org/a"}\n  - {id: 1000, title: B, url: "https://example.org/b"}\n  - {id: "007", title: C, url: "https://example.org/c"}\n  - {id: 0, title: D, url: "https://example.org/d"}\n  - {id: 999, title: E, url: "https://example.org/e"}\n  - {id: smith2020, title: F, url: "https://example.org/f"}\n');
    const run = await cli(dir, 'registry', 'validate', 'odd.yaml', '--format', 'json');
    expect(run.code).toBe(0);
    const warned = json(run).files[0]?.findings.filter((f) => f.ruleId === 'unreachable-id') ?? [];
    expect(warned.map((f) => f.ref)).toEqual(['-1', '1000', '007', '0']);
    expect(warned.every((f) => f.severity === 'warning' && f.message.includes('[1] to [999]'))).toBe(true);
    expect(warned[1]?.message).toContain('[^1000]');
  });
});

// ---------------------------------------------------------------------------------------------
// Item 13: import, extract and validate.

describe('registry import/extract write only what citecheck reads; validate says what failed (item 13)', () => {
  it('import refuses a CSL date that does not exist, at the entry, writing nothing', async () => {
    write('lib.json', '[\n  {"id": "a", "title": "A", "URL": "https://example.org/a"},\n  {"id": "b", "title": "B", "URL": "https://example.org/b", "issued": {"date-parts": [[2020, 13, 45]]}}\n]\n');
    const run = await cli(dir, 'registry', 'import', 'lib.json', '-o', 'refs.yaml');
    noStack(run);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^citecheck: lib\.json:3:3: .*"date" must be a date.*got "2020-13-45".*nothing was written/);
    expect(existsSync(join(dir, 'refs.yaml'))).toBe(false);
  });

  it('import refuses a URL that is not a web address (a data: URL with a space)', async () => {
    write('lib.json', '[{"id": "a", "title": "A", "URL": "data:text/html,<b>hi</b> there"}]');
    const run = await cli(dir, 'registry', 'import', 'lib.json');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^citecheck: lib\.json:1:2: .*"url" must be a full web address/);
    expect(run.stdout).toBe('');
  });

  it('what import writes, citecheck reads: a registry of every real format round-trips', async () => {
    for (const source of ['fixtures/registries/real/zotero-csl-flight-test.json', 'fixtures/registries/real/zotero-bibtex-decarbonization.bib']) {
      const run = await cli(repo, 'registry', 'import', source);
      expect(run.code, run.stderr).toBe(0);
      write('imported.json', run.stdout);
      expect((await cli(dir, 'registry', 'validate', 'imported.json')).code).toBeLessThan(2);
    }
  });

  it('validate with nothing loadable does not say "✔ 0 registries checked"', async () => {
    write('broken.json', '{"references": [{"title": "no id"}]}');
    const run = await cli(dir, 'registry', 'validate', 'broken.json', 'missing.yaml');
    expect(run.code).toBe(2);
    expect(run.stdout).not.toContain('✔');
    expect(run.stdout).toMatch(/✖ 2 registries could not be read/);
  });
});

// ---------------------------------------------------------------------------------------------
// Items 16 and 17: numbers in options.

describe('numbers in options are plain digits (item 16)', () => {
  beforeEach(() => {
    write('brief.md', BRIEFING);
    write('brief.refs.json', REFS);
  });
  for (const value of ['', '0x50', '1e3', ' 5', '5 ', '+5', '-1', '1.0', '٣', 'Infinity', '99999999999999999999']) {
    it(`--max-warnings=${JSON.stringify(value)} is refused`, async () => {
      const run = await cli(dir, 'lint', 'brief.md', `--max-warnings=${value}`);
      noStack(run);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`--max-warnings takes a whole number`);
      expect(run.stderr).toContain(`not "${value}"`);
    });
  }
  for (const value of ['', '0x50', '1e2', ' 50', '-0', '50%%', '.5', '101']) {
    it(`--min-coverage=${JSON.stringify(value)} is refused`, async () => {
      const run = await cli(dir, 'lint', 'brief.md', `--min-coverage=${value}`);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('--min-coverage takes a percentage');
    });
  }
  it('plain counts and percentages still work', async () => {
    // 2 of 3 claims cited: 66.7%.
    expect((await cli(dir, 'lint', 'brief.md', '--min-coverage', '66.5%', '--format', 'json')).stderr).toBe('');
    expect((await cli(dir, 'lint', 'brief.md', '--min-coverage=67')).stderr).toMatch(/below --min-coverage 67%/);
    expect((await cli(dir, 'lint', 'brief.md', '--max-warnings', '0')).stderr).toMatch(/^citecheck: 1 warning, more than --max-warnings 0\n/);
    for (const value of ['--jobs=0', '--jobs=1e3', '--jobs=']) expect((await cli(dir, 'lint', 'brief.md', value)).code).toBe(2);
  });
});

describe('--jobs is capped (item 17)', () => {
  it('says when a request was lowered, and to what', async () => {
    write('brief.md', BRIEFING);
    write('brief.refs.json', REFS);
    const cap = 4 * availableParallelism();
    const run = await cli(dir, 'lint', 'brief.md', '--jobs', '1000000000', '--format', 'json');
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`--jobs 1000000000 lowered to ${cap}`);
    expect((await cli(dir, 'lint', 'brief.md', '--jobs', String(cap), '--format', 'json')).stderr).toBe('');
  });
});

// ---------------------------------------------------------------------------------------------
// Properties.

const RUNS = 60;

/** A run's outcome breaks the contract: a stack, "unexpected problem", an odd exit, a NaN. */
function contractProblems(run: Run): string[] {
  const problems: string[] = [];
  if (![0, 1, 2].includes(run.code)) problems.push(`exit ${run.code}`);
  if (/\n\s+at /.test(run.stderr + run.stdout)) problems.push('a stack trace');
  if (run.stderr.includes('unexpected problem')) problems.push(run.stderr);
  if (/NaN/.test(run.stdout)) problems.push('NaN in the output');
  if (run.code === 2 && !/^citecheck: /.test(run.stderr)) problems.push(`exit 2 without a message: ${run.stderr}`);
  return problems;
}

describe('properties', () => {
  it('any JSON or YAML value as citecheck.config.json: exit 0/1/2 with a message, never a crash', async () => {
    write('brief.md', BRIEFING);
    write('brief.refs.json', REFS);
    const setting = fc.oneof(fc.constantFrom('off', 'warning', 'error', 'info', 'on'), fc.jsonValue({ maxDepth: 2 }));
    const plausible = fc.record(
      {
        include: fc.oneof(fc.array(fc.constantFrom('*.md', '**/*.md', '', '[', 'brief.md')), fc.jsonValue({ maxDepth: 1 })),
        registry: fc.oneof(fc.constantFrom('brief.refs.json', '', 'missing.json', '.', '../x'), fc.jsonValue({ maxDepth: 1 })),
        rules: fc.oneof(fc.dictionary(fc.constantFrom('uncited-claim', 'malformed-citation', 'no-such-rule', '__proto__', 'constructor'), setting), fc.jsonValue({ maxDepth: 2 })),
        $schema: fc.jsonValue({ maxDepth: 1 }),
      },
      { requiredKeys: [] },
    );
    const value = fc.oneof(plausible, fc.jsonValue({ maxDepth: 3 }));
    await fc.assert(
      fc.asyncProperty(value, fc.boolean(), async (config, asYaml) => {
        // A YAML document in a .json file is what a careless user writes; the JSON reader must say so.
        writeFileSync(join(dir, 'citecheck.config.json'), asYaml ? toYaml(config) : JSON.stringify(config));
        const run = await cli(dir, 'lint', '--format', 'json');
        expect(contractProblems(run)).toEqual([]);
        if (run.code === 2) expect(run.stderr).toMatch(/citecheck\.config\.json|no briefings|registry|rule|include/);
      }),
      { numRuns: RUNS },
    );
  });

  it('any mutation of a valid report, to merge and --baseline: a placed exit-2 message naming the field, or a correct report', async () => {
    const good = await validReport();
    const original = JSON.parse(good) as unknown;
    write('good.json', good);

    /** Every path in a JSON value, parents before children. */
    const paths = (value: unknown, at: (string | number)[] = []): (string | number)[][] => {
      const out = [at];
      if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...at, i])));
      else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...at, k]));
      return out;
    };
    const all = paths(original).slice(1);
    const mutation = fc.record({
      path: fc.constantFrom(...all),
      change: fc.oneof(fc.constant({ kind: 'delete' as const }), fc.jsonValue({ maxDepth: 2 }).map((value) => ({ kind: 'set' as const, value }))),
    });

    await fc.assert(
      fc.asyncProperty(mutation, async ({ path, change }) => {
        const copy = structuredClone(original) as Record<string | number, unknown>;
        let parent: Record<string | number, unknown> = copy;
        for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
        const last = path[path.length - 1] ?? '';
        if (change.kind === 'delete') {
          if (Array.isArray(parent)) parent.splice(Number(last), 1);
          else delete parent[last];
        } else parent[last] = change.value;
        writeFileSync(join(dir, 'mutated.json'), JSON.stringify(copy, null, 2));

        for (const run of [await cli(dir, 'merge', 'good.json', 'mutated.json', '--format', 'json'), await cli(dir, 'lint', 'brief.md', '--baseline', 'mutated.json', '--format', 'json')]) {
          expect(contractProblems(run)).toEqual([]);
          if (run.code === 2) {
            expect(run.stderr).toMatch(/^citecheck: mutated\.json:\d+:\d+: /);
            // Which field, in the JSON's own spelling, or the report as a whole.
            expect(run.stderr).toMatch(/field [\w[\].$]+|the file|written by|not a citecheck JSON report/);
          } else {
            expect(schemaErrors(run.stdout)).toEqual([]);
            const report = json(run);
            const claims = report.files.reduce((n, f) => n + f.coverage.claims, 0);
            expect(report.summary.claims).toBe(claims);
          }
        }
      }),
      { numRuns: RUNS },
    );
  });
});
