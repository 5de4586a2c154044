/*
 * `citecheck init`, `registry validate`, `registry import` and `registry extract`, run in
 * process on temp projects as a user would type them.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Report } from '@citecheck/model';
import { loadRegistryFile } from '@citecheck/registry';
import { loadConfig } from './config.js';
import { cli, noStack } from './testing/cli.js';

const fixtures = fileURLToPath(new URL('../../../fixtures/registries/', import.meta.url));
const schemaFolder = fileURLToPath(new URL('../schema/', import.meta.url));

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'citecheck-commands-'));
  writeFileSync(join(dir, '.git'), '');
});

describe('citecheck init', () => {
  it('writes a config and an example registry that citecheck itself accepts', async () => {
    const run = await cli(dir, 'init');
    noStack(run);
    expect(run.code).toBe(0);
    const config = await loadConfig(dir);
    expect(config.file).toBe(join(dir, 'citecheck.config.json'));
    expect(config.include).toEqual(['briefs/**/*.md', 'briefs/**/*.txt']);
    const registry = await loadRegistryFile(join(dir, 'references.yaml'));
    expect(registry.references.map((r) => r.id)).toEqual(['1', 'smith2020']);
  });

  it('names schemas that the installed package ships, by their stable $id', async () => {
    await cli(dir, 'init');
    const configSchema = (JSON.parse(readFileSync(join(dir, 'citecheck.config.json'), 'utf8')) as { $schema: string }).$schema;
    const registrySchema = /\$schema=(\S+)/.exec(readFileSync(join(dir, 'references.yaml'), 'utf8'))?.[1] ?? '';
    for (const [named, id] of [[configSchema, 'config'], [registrySchema, 'registry']] as const) {
      const file = named.replace('./node_modules/citecheck/schema/', schemaFolder);
      expect(existsSync(file), file).toBe(true);
      expect((JSON.parse(readFileSync(file, 'utf8')) as { $id: string }).$id).toBe(`https://citecheck.dev/schema/${id}.schema.json`);
    }
  });

  it('replaces nothing that exists, unless --force', async () => {
    writeFileSync(join(dir, 'references.yaml'), 'references: []\n');
    const run = await cli(dir, 'init');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/references\.yaml already exists here; nothing was written/);
    expect(existsSync(join(dir, 'citecheck.config.json'))).toBe(false);
    expect(readFileSync(join(dir, 'references.yaml'), 'utf8')).toBe('references: []\n');
    expect((await cli(dir, 'init', '--force')).code).toBe(0);
    expect(readFileSync(join(dir, 'references.yaml'), 'utf8')).toContain('smith2020');
  });
});

describe('citecheck registry import', () => {
  it('turns a Zotero BibTeX export into a native YAML registry that loads with the same entries', async () => {
    const run = await cli(dir, 'registry', 'import', join(fixtures, 'real/zotero-bibtex-decarbonization.bib'), '-o', 'references.yaml');
    noStack(run);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/wrote 3 references from .* to references\.yaml/);
    const imported = await loadRegistryFile(join(dir, 'references.yaml'));
    const original = await loadRegistryFile(join(fixtures, 'real/zotero-bibtex-decarbonization.bib'));
    const strip = (r: { origin?: unknown }): object => ({ ...r, origin: undefined });
    expect(imported.references.map(strip)).toEqual(original.references.map(strip));
  });

  it.each(['references.yaml', 'sources/refs.yaml', 'sources/deeper/refs.json'])('-o %s names the schema relative to the file written, at the project\'s install', async (output) => {
    const run = await cli(dir, 'registry', 'import', join(fixtures, 'real/zotero-bibtex-decarbonization.bib'), '-o', output);
    expect(run.code, run.stderr).toBe(0);
    const text = readFileSync(join(dir, output), 'utf8');
    const named = output.endsWith('.json') ? (JSON.parse(text) as { $schema: string }).$schema : (/\$schema=(\S+)/.exec(text)?.[1] ?? '');
    expect(join(dir, output, '..', named)).toBe(join(dir, 'node_modules', 'citecheck', 'schema', 'registry.schema.json'));
  });

  it('writes JSON to standard output, numeric CSL ids as numbers', async () => {
    writeFileSync(join(dir, 'zotero.json'), JSON.stringify([{ id: 3, type: 'report', title: 'Court backlogs', URL: 'https://example.org/c', issued: { 'date-parts': [['2022', 3]] } }]));
    const run = await cli(dir, 'registry', 'import', 'zotero.json');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      $schema: './node_modules/citecheck/schema/registry.schema.json',
      references: [{ id: 3, title: 'Court backlogs', url: 'https://example.org/c', date: '2022-03', kind: 'report' }],
    });
  });

  it('will not replace an existing registry without --force', async () => {
    writeFileSync(join(dir, 'references.yaml'), '# my edits\nreferences: []\n');
    const run = await cli(dir, 'registry', 'import', join(fixtures, 'real/zotero-bibtex-pointsets.bib'), '-o', 'references.yaml');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/references\.yaml already exists; nothing was written \(add --force to replace it\)/);
    expect(readFileSync(join(dir, 'references.yaml'), 'utf8')).toBe('# my edits\nreferences: []\n');
  });

  it('says where a BibTeX file is broken, without a stack trace', async () => {
    writeFileSync(join(dir, 'broken.bib'), '@article{ok,\n  title = {Fine}\n}\n\n@article{broken\n  title = {No comma after the key}\n}\n');
    const run = await cli(dir, 'registry', 'import', 'broken.bib');
    noStack(run);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^citecheck: broken\.bib:6:3: BibTeX syntax error: expected "comma"/);
  });
});

describe('citecheck registry extract', () => {
  it("writes a document's footnotes as a registry", async () => {
    const run = await cli(dir, 'registry', 'extract', join(fixtures, 'footnotes/energy.md'));
    expect(run.code).toBe(0);
    const { references } = JSON.parse(run.stdout) as { references: { id: string; url?: string }[] };
    expect(references.map((r) => [r.id, r.url])).toEqual([
      ['ofgem', 'https://www.ofgem.gov.uk/energy-price-cap'],
      ['nea', 'https://www.nea.org.uk/'],
      ['fuelpoverty', 'https://www.gov.uk/government/statistics/annual-fuel-poverty-statistics-report-2023'],
    ]);
  });

  it('a document without a list of its own is exit 2 with what it looked for', async () => {
    writeFileSync(join(dir, 'plain.md'), 'Bills rose 54% in April 2022 [1].\n');
    const run = await cli(dir, 'registry', 'extract', 'plain.md');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/plain\.md has no reference list of its own/);
  });
});

describe('citecheck registry validate', () => {
  const BAD = `references:
  - id: 1
    title: Court backlogs
    url: https://example.org/a
    date: 2021-02-30
  - id: 2
    url: https://WWW.example.org/a/
    date: 2999
  - id: 3
    title: A source kept elsewhere
    snapshot: ../outside.md
  - id: 4
    title: A source not saved yet
    url: https://example.org/d
    snapshot: sources/d.md
  - id: 5
    title: Fine
    url: https://example.org/e
    snapshot: sources/e.md
`;

  it('reports each problem at its entry, by check, and exits 1 on errors', async () => {
    mkdirSync(join(dir, 'sources'));
    writeFileSync(join(dir, 'sources/e.md'), '# E\n');
    writeFileSync(join(dir, 'refs.yaml'), BAD);
    const run = await cli(dir, 'registry', 'validate', 'refs.yaml', '--format', 'json');
    noStack(run);
    expect(run.code).toBe(1);
    const findings = (JSON.parse(run.stdout) as Report).files[0]?.findings ?? [];
    expect(findings.map((f) => [f.ruleId, f.ref, f.start.line, f.file])).toEqual([
      ['impossible-date', '1', 2, 'refs.yaml'],
      ['missing-title', '2', 6, 'refs.yaml'],
      ['duplicate-url', '2', 6, 'refs.yaml'],
      ['impossible-date', '2', 6, 'refs.yaml'],
      ['missing-url', '3', 9, 'refs.yaml'],
      ['unreadable-snapshot', '3', 9, 'refs.yaml'],
      ['unreadable-snapshot', '4', 12, 'refs.yaml'],
    ]);
    expect(findings.map((f) => f.message)).toEqual([
      'Reference 1 is dated 2021-02-30, but February 2021 has 28 days',
      expect.stringContaining('has no title'),
      expect.stringContaining('same URL as reference 1 (line 2)'),
      expect.stringMatching(/^Reference 2 is dated 2999, which is in the future/),
      expect.stringContaining('has no URL'),
      expect.stringContaining('lies outside the project, so it is not read'),
      expect.stringContaining('was not found'),
    ]);
  });

  it('a clean registry exits 0; warnings alone exit 0 unless --max-warnings', async () => {
    writeFileSync(join(dir, 'ok.json'), JSON.stringify({ references: [{ id: 1, title: 'A', url: 'https://example.org/a', date: '2024-02-29' }] }));
    writeFileSync(join(dir, 'warn.json'), JSON.stringify({ references: [{ id: 1, url: 'https://example.org/a' }] }));
    const clean = await cli(dir, 'registry', 'validate', 'ok.json');
    expect([clean.code, clean.stdout]).toEqual([0, '✔ 1 registry checked, no problems\n']);
    expect((await cli(dir, 'registry', 'validate', 'warn.json')).code).toBe(0);
    expect((await cli(dir, 'registry', 'validate', 'warn.json', '--max-warnings', '0')).code).toBe(1);
  });

  it('a registry that breaks the schema or repeats an id is fatal (exit 2), and the other files are still checked', async () => {
    writeFileSync(join(dir, 'dup.json'), '{"references": [\n  {"id": 1, "title": "A"},\n  {"id": "1", "title": "B"}\n]}\n');
    writeFileSync(join(dir, 'warn.json'), JSON.stringify({ references: [{ id: 1, url: 'https://example.org/a' }] }));
    const run = await cli(dir, 'registry', 'validate', 'dup.json', 'warn.json');
    noStack(run);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^citecheck: dup\.json:3:10: reference #2: the id "1" is already used by reference #1 at line 2, column 10 \(written 1 there\)/);
    expect(run.stdout).toContain('warn.json:1:16  warning  Reference 1 has no title');
  });

  it('validates the exports people bring, as they are', async () => {
    const run = await cli(fixtures, 'registry', 'validate', 'real/bbt-bibtex-neurokit2-hrv.bib', 'real/zotero-csl-flight-test.json', '--format', 'json');
    expect(run.code).toBe(0);
    const [bib, csl] = (JSON.parse(run.stdout) as Report).files;
    // Better BibTeX wrote no url field; entries with a DOI get one from it.
    expect(bib?.findings.every((f) => f.ruleId === 'missing-url')).toBe(true);
    expect(bib?.findings.map((f) => f.ref)).toContain('bachlerSpectralAnalysisUnevenly2017');
    expect(bib?.findings.map((f) => f.ref)).not.toContain('acharyaHeartRateVariability2002');
    expect(csl?.findings.map((f) => [f.ruleId, f.ref])).toEqual([['missing-url', 'http://zotero.org/users/7103471/items/TTN9MQSE']]);
  });
});
