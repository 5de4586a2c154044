/*
 * Every registry format a new user brings, tried the way they would: a briefing that cites a
 * file exported from Zotero, Better BibTeX or pandoc (fixtures/registries/real, copied verbatim
 * from public repositories), or a document that carries its own footnotes, link definitions or
 * numbered source list. Each briefing cites some entries, misses one key and leaves others
 * unused; the expectations below were worked out by reading the briefing and its export.
 */
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Finding, Report } from '@citecheck/model';
import { cli, noStack } from './testing/cli.js';

const folder = fileURLToPath(new URL('../../../fixtures/registries/', import.meta.url));

async function lintJson(path: string): Promise<{ code: number; registry: string | null; findings: Finding[]; citations: string[][] }> {
  const run = await cli(folder, 'lint', path, '--format', 'json');
  noStack(run);
  const report = JSON.parse(run.stdout) as Report;
  const file = report.files[0];
  if (file === undefined) throw new Error(`no result for ${path}: ${run.stderr}`);
  return { code: run.code, registry: file.registry, findings: file.findings, citations: file.claims.map((c) => c.citations) };
}

const refs = (findings: Finding[], ruleId: string): (string | null)[] => findings.filter((f) => f.ruleId === ruleId).map((f) => f.ref);

/** The keys of a BibTeX file, in order, read with a plain pattern rather than the tool's parser. */
const bibKeys = (file: string): string[] => [...readFileSync(folder + file, 'utf8').matchAll(/^@\w+\{([^,]+),/gm)].map((m) => m[1] ?? '');

describe('BibTeX exported by Better BibTeX, named by pandoc front matter', () => {
  it('resolves the cited keys, suggests the misspelt one, and lists the 24 entries nothing cites where they stand', async () => {
    const result = await lintJson('better-bibtex/hrv.md');
    expect(result.registry).toBe('real/bbt-bibtex-neurokit2-hrv.bib');
    expect(result.code).toBe(1);
    const unknown = result.findings.filter((f) => f.ruleId === 'unknown-reference');
    expect(unknown.map((f) => f.ref)).toEqual(['costaHeartRateFragmentaton2017']);
    expect(unknown[0]?.message).toMatch(/does not have; did you mean costaHeartRateFragmentation2017\?$/);
    const cited = ['cicconeReminderRMSSDSD12017', 'shafferOverviewHeartRate2017', 'brennanExistingMeasuresPoincare2001', 'costaMultiscaleEntropyAnalysis2002'];
    const keys = bibKeys('real/bbt-bibtex-neurokit2-hrv.bib');
    expect(keys).toHaveLength(28);
    expect(refs(result.findings, 'unused-reference')).toEqual(keys.filter((k) => !cited.includes(k)));
    // An unused entry points at its own `@article{key,` line in the .bib, as an editor would jump there.
    const lines = readFileSync(folder + 'real/bbt-bibtex-neurokit2-hrv.bib', 'utf8').split('\n');
    for (const finding of result.findings.filter((f) => f.ruleId === 'unused-reference')) {
      expect(finding.file).toBe('real/bbt-bibtex-neurokit2-hrv.bib');
      expect(lines[finding.start.line - 1]).toContain(`{${finding.ref},`);
    }
  });

  it('reads prefixes and locators: [see @a; also @b] and [@a, p. 4]', async () => {
    const result = await lintJson('better-bibtex/hrv.md');
    expect(result.citations).toContainEqual(['shafferOverviewHeartRate2017']);
    expect(result.citations).toContainEqual(['costaMultiscaleEntropyAnalysis2002', 'costaHeartRateFragmentaton2017']);
  });
});

describe("BibTeX exported by Zotero's own exporter", () => {
  it('a key the .bib lacks is unknown (listing what it has); the uncited entry is unused', async () => {
    const result = await lintJson('zotero-bibtex/decarbonization.md');
    expect(result.registry).toBe('real/zotero-bibtex-decarbonization.bib');
    const unknown = result.findings.filter((f) => f.ruleId === 'unknown-reference');
    expect(unknown.map((f) => f.ref)).toEqual(['pielke_climate_fix_2010']);
    expect(unknown[0]?.message).toContain('(it has pielke_evaluation_2011, pielke_british_2009, pielke_mamizu_2009)');
    expect(refs(result.findings, 'unused-reference')).toEqual(['pielke_mamizu_2009']);
  });
});

describe('CSL-JSON exported by Better BibTeX', () => {
  it('uses citation-key ids; a truncated key is unknown and the entry it meant stays unused', async () => {
    const result = await lintJson('better-csl/commits.md');
    expect(result.registry).toBe('real/bbt-csl-turbocommit.json');
    expect(refs(result.findings, 'unknown-reference')).toEqual(['IntroducingChatGP']);
    const unused = refs(result.findings, 'unused-reference');
    expect(unused).toHaveLength(13 - 4);
    expect(unused).toContain('IntroducingChatGPT');
    expect(unused).not.toContain('vaswaniAttentionAllYou2017');
  });
});

describe("CSL-JSON exported by Zotero's own exporter", () => {
  it('loads, and explains that item URIs are not citation keys', async () => {
    const result = await lintJson('zotero-csl/brevity.md');
    expect(result.registry).toBe('real/zotero-csl-flight-test.json');
    const unknown = result.findings.filter((f) => f.ruleId === 'unknown-reference');
    expect(unknown.map((f) => f.ref)).toEqual(['fm3-97.18']);
    expect(unknown[0]?.message).toMatch(/Zotero item addresses, not citation keys; export with Better BibTeX/);
    const unused = result.findings.filter((f) => f.ruleId === 'unused-reference');
    expect(unused.map((f) => f.message.match(/\("([^"]+)"\)/)?.[1])).toEqual([
      'Engineering a Safer World: Systems Thinking Applied to Safe…',
      'STPA Handbook',
      'Multiservice Brevity Codes',
      'Multi-Service Tactics, Techniques, and Procedures for Multi…',
    ]);
  });
});

describe('a pandoc document as its author published it', () => {
  it('finds its Better CSL JSON through `bibliography:` and has nothing unknown or unused', async () => {
    const result = await lintJson('real/pandoc-page/sample.md');
    expect(result.registry).toBe('real/pandoc-page/bib.json');
    expect(result.citations.flat()).toEqual(['knuthLiterateProgramming1983']);
    expect(refs(result.findings, 'unknown-reference')).toEqual([]);
    expect(refs(result.findings, 'unused-reference')).toEqual([]);
  });
});

describe('reference lists inside the document', () => {
  it.each([
    ['GFM footnotes', 'footnotes/energy.md', ['desnz'], ['nea']],
    ['link definitions', 'link-definitions/transit.md', ['4'], ['3']],
    ['a numbered "Sources" list', 'sources-list/heat.md', ['3'], ['4']],
  ])('%s: unknown and unused ids', async (_name, path, unknown, unused) => {
    const result = await lintJson(path);
    expect(result.registry).toBe(path);
    expect(refs(result.findings, 'unknown-reference')).toEqual(unknown);
    expect(refs(result.findings, 'unused-reference')).toEqual(unused);
  });
});

describe('a native registry that mixes numbers and keys', () => {
  it('[1] and [@dube2010] resolve side by side', async () => {
    const result = await lintJson('mixed-ids/wages.md');
    expect(result.registry).toBe('mixed-ids/wages.refs.yaml');
    expect(result.citations).toEqual([['1'], ['dube2010'], ['cengiz2019', '2']]);
    expect(refs(result.findings, 'unknown-reference')).toEqual(['2']);
    expect(refs(result.findings, 'unused-reference')).toEqual(['3']);
  });
});

describe('snapshots are read only from inside the project', () => {
  it('a path that climbs out, or a link that points out, is an unreadable-snapshot error at the entry, and its text is never used', async () => {
    const root = mkdtempSync(join(tmpdir(), 'citecheck-project-'));
    const outside = mkdtempSync(join(tmpdir(), 'citecheck-elsewhere-'));
    writeFileSync(join(root, '.git'), '');
    writeFileSync(join(outside, 'secret.txt'), 'Court backlogs grew by 40% between 2019 and 2022.');
    mkdirSync(join(root, 'sources'));
    symlinkSync(join(outside, 'secret.txt'), join(root, 'sources', 'link.txt'));
    writeFileSync(join(root, 'brief.md'), '# Courts\n\nCourt backlogs grew by 40% between 2019 and 2022 [1]. Judges blame staffing [2].\n');
    writeFileSync(
      join(root, 'brief.refs.yaml'),
      `references:\n  - id: 1\n    snapshot: ${relative(root, join(outside, 'secret.txt'))}\n  - id: 2\n    snapshot: sources/link.txt\n`,
    );
    const run = await cli(root, 'lint', 'brief.md', '--format', 'json');
    noStack(run);
    expect(run.code).toBe(1);
    const file = (JSON.parse(run.stdout) as Report).files[0];
    const unreadable = file?.findings.filter((f) => f.ruleId === 'unreadable-snapshot') ?? [];
    expect(unreadable.map((f) => [f.ref, f.file, f.start.line, f.severity])).toEqual([
      ['1', 'brief.refs.yaml', 2, 'error'],
      ['2', 'brief.refs.yaml', 4, 'error'],
    ]);
    for (const finding of unreadable) expect(finding.message).toMatch(/lies outside the project, so it is not read/);
    // The outside text would have backed claim 0: unverifiable means it was not read.
    expect(file?.claims.map((c) => c.support)).toEqual(['unverifiable', 'unverifiable']);
  });
});
