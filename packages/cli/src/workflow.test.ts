/*
 * End-to-end workflows a user runs with `citecheck lint | report | merge`: output formats,
 * thresholds, the coverage report, CI sharding and merging, baselines, --changed, --cache,
 * --jobs and HTML escaping. Every test calls `main(argv, io)` in process on files in a temp dir.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Finding, Report, ReportFile } from '@citecheck/model';
import { main } from './main.js';
import { cli, noStack, type Run } from './testing/cli.js';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const tune = join(repo, 'fixtures/gold/tune');


// The SPEC's JSON report, as the model types it.
type JsonReport = Report;
type JsonFinding = Finding;
type JsonFile = ReportFile;

const parseReport = (run: Run): JsonReport => JSON.parse(run.stdout) as JsonReport;
const allFindings = (report: JsonReport): JsonFinding[] => report.files.flatMap((f) => f.findings);
const claimOf = (report: JsonReport, path: string, finding: JsonFinding): string | undefined =>
  report.files.find((f) => f.path === path)?.claims.find((c) => c.id === finding.claimId)?.text;


let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'citecheck-workflow-'));
  // A git root stops the config and registry search inside the temp folder.
  writeFileSync(join(dir, '.git'), '');
  cpSync(join(repo, 'fixtures/seed'), join(dir, 'seed'), { recursive: true });
});

/**
 * Runs over three or more files pass `--jobs 1`: they test sharding, --changed and so on, not
 * worker threads, which the --jobs tests cover (the default is one thread per core).
 */
const ONE_JOB = ['--jobs', '1'];

/** Briefings from the gold set whose registries carry excerpts only (no snapshot files). */
const GOLD = ['wildfire-smoke', 'school-meals', 'lead-service-lines', 'city-budget', 'cape-town-drought', 'groundwater-depletion'];

/** Copies gold briefings (with their sibling registries) and the seed into `<base>/<folder>/`. */
function copyBriefings(base: string, folder = 'briefs', names: readonly string[] = GOLD): string[] {
  mkdirSync(join(base, folder), { recursive: true });
  const out: string[] = [];
  for (const name of names) {
    copyFileSync(join(tune, `${name}.txt`), join(base, folder, `${name}.txt`));
    copyFileSync(join(tune, `${name}.refs.json`), join(base, folder, `${name}.refs.json`));
    out.push(`${folder}/${name}.txt`);
  }
  copyFileSync(join(repo, 'fixtures/seed/briefing.txt'), join(base, folder, 'seed-briefing.txt'));
  copyFileSync(join(repo, 'fixtures/seed/briefing.refs.json'), join(base, folder, 'seed-briefing.refs.json'));
  out.push(`${folder}/seed-briefing.txt`);
  return out.sort();
}

// ---------------------------------------------------------------------------------------------
describe('lint --format', () => {
  it('json: the SPEC object with the seed figures', async () => {
    const run = await cli(dir, 'lint', 'seed/briefing.txt', '--format', 'json');
    expect(run.code).toBe(0);
    const report = parseReport(run);
    expect(report.tool.name).toBe('citecheck');
    expect(report.files.map((f) => f.path)).toEqual(['seed/briefing.txt']);
    expect(report.summary).toMatchObject({ files: 1, claims: 13, cited: 12, findings: { error: 0, warning: 1, info: 0 } });
  });

  it('sarif: a SARIF 2.1.0 log with one result per finding', async () => {
    // Two files, so results of more than one artifact are counted.
    copyBriefings(dir, 'briefs', ['wildfire-smoke']);
    const json = parseReport(await cli(dir, 'lint', 'seed/briefing.txt', 'briefs/wildfire-smoke.txt', '--format', 'json'));
    const run = await cli(dir, 'lint', 'seed/briefing.txt', 'briefs/wildfire-smoke.txt', '--format', 'sarif');
    const log = JSON.parse(run.stdout) as {
      version: string;
      $schema: string;
      runs: { tool: { driver: { name: string; rules: { id: string }[] } }; results: { ruleId: string; level: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
    };
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/sarif/);
    expect(log.runs).toHaveLength(1);
    const [sarifRun] = log.runs;
    expect(sarifRun?.tool.driver.name).toBe('citecheck');
    const findings = allFindings(json);
    expect(findings.length).toBeGreaterThan(1);
    expect(sarifRun?.results).toHaveLength(findings.length);
    expect(sarifRun?.results.map((r) => r.ruleId).sort()).toEqual(findings.map((f) => f.ruleId).sort());
    const uris = new Set(sarifRun?.results.map((r) => r.locations[0]?.physicalLocation.artifactLocation.uri));
    expect(uris).toContain('seed/briefing.txt');
    expect(uris).toContain('briefs/wildfire-smoke.txt');
  });

  it('junit: XML with one <testsuite> per linted file', async () => {
    copyBriefings(dir, 'briefs', ['wildfire-smoke', 'school-meals']);
    const run = await cli(dir, 'lint', 'seed/briefing.txt', 'briefs', '--format', 'junit', ...ONE_JOB);
    expect(run.stdout.startsWith('<?xml')).toBe(true);
    expect(run.stdout).toMatch(/<testsuites[ >]/);
    expect(run.stdout.trimEnd().endsWith('</testsuites>')).toBe(true);
    const suites = [...run.stdout.matchAll(/<testsuite name="([^"]*)"/g)].map((m) => m[1]);
    expect(suites.sort()).toEqual(['briefs/school-meals.txt', 'briefs/seed-briefing.txt', 'briefs/wildfire-smoke.txt', 'seed/briefing.txt']);
    expect((run.stdout.match(/<testsuite /g) ?? []).length).toBe((run.stdout.match(/<\/testsuite>/g) ?? []).length);
    // The seed's one uncited claim is a failing test case.
    expect(run.stdout).toMatch(/<failure type="uncited-claim"/);
  });

  it('markdown: a summary with the verdict, the coverage table and the findings', async () => {
    const run = await cli(dir, 'lint', 'seed/briefing.txt', '--format', 'markdown');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^### /);
    expect(run.stdout).toContain('12/13 claims cited');
    expect(run.stdout).toContain('`seed/briefing.txt`');
    expect(run.stdout).toContain('uncited-claim');
    expect(run.stdout).toMatch(/^\|.*\|$/m);
  });

  it('html: a self-contained page', async () => {
    const run = await cli(dir, 'lint', 'seed/briefing.txt', '--format', 'html');
    expect(run.code).toBe(0);
    expect(run.stdout.trimStart().toLowerCase().startsWith('<!doctype html>')).toBe(true);
    expect(run.stdout).toContain('</html>');
    expect(run.stdout).toContain('seed/briefing.txt');
    // No network: nothing loaded from elsewhere.
    expect(run.stdout).not.toMatch(/<(?:script|link)[^>]+(?:src|href)="https?:/);
  });

  it('github: one workflow command per finding, then the totals notice', async () => {
    const run = await cli(dir, 'lint', 'seed/briefing.txt', '--format', 'github');
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines.filter((l) => l.startsWith('::warning '))).toHaveLength(1);
    expect(lines[0]).toMatch(/^::warning file=seed\/briefing\.txt,line=13,col=\d+,endLine=\d+,endColumn=\d+,title=citecheck uncited-claim::Uncited claim/);
    expect(lines.at(-1)).toMatch(/^::notice /);
    expect(lines.every((l) => l.startsWith('::'))).toBe(true);
  });

  it('-o writes each format to the file and nothing to standard output', async () => {
    for (const format of ['json', 'sarif', 'junit', 'markdown', 'html', 'github', 'stylish']) {
      const out = `out.${format}`;
      const run = await cli(dir, 'lint', 'seed/briefing.txt', '--format', format, '-o', out);
      expect(run.code, format).toBe(0);
      expect(run.stdout, format).toBe('');
      const direct = await cli(dir, 'lint', 'seed/briefing.txt', '--format', format);
      expect(readFileSync(join(dir, out), 'utf8'), format).toBe(direct.stdout);
    }
    const long = await cli(dir, 'lint', 'seed/briefing.txt', '--format', 'sarif', '--output', 'long.sarif');
    expect(long.stdout).toBe('');
    expect(JSON.parse(readFileSync(join(dir, 'long.sarif'), 'utf8'))).toMatchObject({ version: '2.1.0' });
  });

  it('-o into a folder that does not exist yet creates it (as eslint -o does), no internal error', async () => {
    const run = await cli(dir, 'lint', 'seed/briefing.txt', '--format', 'sarif', '-o', 'reports/ci/citecheck.sarif');
    expect(run.stderr).not.toMatch(/unexpected problem|\.tmp/);
    expect(run.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'reports/ci/citecheck.sarif'), 'utf8'))).toMatchObject({ version: '2.1.0' });
  });

  it('an unknown format is exit 2 naming the formats, and writes no file', async () => {
    const run = await cli(dir, 'lint', 'seed/briefing.txt', '--format', 'checkstyle', '-o', 'out.xml');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^citecheck: /);
    expect(run.stderr).toContain('checkstyle');
    expect(run.stderr).toContain('sarif');
    expect(run.stdout).toBe('');
    expect(existsSync(join(dir, 'out.xml'))).toBe(false);
    noStack(run);
  });
});

// ---------------------------------------------------------------------------------------------
describe('--min-coverage', () => {
  it('passes at 90 on the seed (12/13 = 92.3%)', async () => {
    const run = await cli(dir, 'lint', 'seed/briefing.txt', '--min-coverage', '90');
    expect(run.code).toBe(0);
    expect(run.stderr).not.toContain('min-coverage');
  });

  it('fails at 95, saying the coverage and the threshold', async () => {
    const run = await cli(dir, 'lint', 'seed/briefing.txt', '--min-coverage', '95');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('12/13');
    expect(run.stderr).toContain('92.3%');
    expect(run.stderr).toMatch(/--min-coverage 95\b/);
    // The report itself is still written.
    expect(run.stdout).toContain('seed/briefing.txt');
  });

  it('takes a percent sign and a decimal', async () => {
    expect((await cli(dir, 'lint', 'seed/briefing.txt', '--min-coverage', '92%')).code).toBe(0);
    expect((await cli(dir, 'lint', 'seed/briefing.txt', '--min-coverage', '92.5')).code).toBe(1);
  });

  it('150, -5 and abc are bad arguments: exit 2', async () => {
    for (const value of ['150', '-5', 'abc', '']) {
      const run = await cli(dir, 'lint', 'seed/briefing.txt', `--min-coverage=${value}`);
      expect(run.code, value).toBe(2);
      expect(run.stderr, value).toMatch(/^citecheck: .*--min-coverage/);
      noStack(run);
    }
  });

  it('works alongside --max-warnings: either threshold broken fails the run', async () => {
    const both = await cli(dir, 'lint', 'seed/briefing.txt', '--min-coverage', '90', '--max-warnings', '1');
    expect(both.code).toBe(0);
    const warnings = await cli(dir, 'lint', 'seed/briefing.txt', '--min-coverage', '90', '--max-warnings', '0');
    expect(warnings.code).toBe(1);
    expect(warnings.stderr).toContain('--max-warnings 0');
    expect(warnings.stderr).not.toContain('--min-coverage');
    const coverage = await cli(dir, 'lint', 'seed/briefing.txt', '--min-coverage', '95', '--max-warnings', '10');
    expect(coverage.code).toBe(1);
    expect(coverage.stderr).toContain('--min-coverage 95');
    expect(coverage.stderr).not.toContain('--max-warnings');
    const neither = await cli(dir, 'lint', 'seed/briefing.txt', '--min-coverage', '95', '--max-warnings', '0');
    expect(neither.code).toBe(1);
    expect(neither.stderr).toContain('--min-coverage 95');
    expect(neither.stderr).toContain('--max-warnings 0');
  });
});

// ---------------------------------------------------------------------------------------------
describe('citecheck report', () => {
  it('writes HTML by default', async () => {
    const run = await cli(dir, 'report', 'seed/briefing.txt');
    expect(run.code).toBe(0);
    expect(run.stdout.trimStart().toLowerCase().startsWith('<!doctype html>')).toBe(true);
    expect(run.stdout).toContain('seed/briefing.txt');
  });

  it('--format markdown: the coverage per document and section, and the uncited claims', async () => {
    const run = await cli(dir, 'report', 'seed/briefing.txt', '--format', 'markdown');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^# Citation coverage/);
    expect(run.stdout).toContain('13 claims');
    expect(run.stdout).toContain('12 cited');
    expect(run.stdout).toMatch(/## Uncited claims\n\n- .*seed\/briefing\.txt:13.*Meanwhile, prosecutions for online offences/);
    expect(run.stdout).toContain('Underreporting hides the true scale');
  });

  it('--format json: totals, documents, sources, uncited and flagged', async () => {
    const run = await cli(dir, 'report', 'seed/briefing.txt', '--format', 'json');
    expect(run.code).toBe(0);
    const data = JSON.parse(run.stdout) as {
      totals: { files: number; claims: number; cited: number; uncited: number };
      documents: { path: string; claims: number; cited: number; sections: { name: string | null }[] }[];
      sources: { id: string; citedBy: number }[];
      uncited: { path: string; line: number; text: string }[];
      flagged: unknown[];
    };
    expect(Object.keys(data)).toEqual(expect.arrayContaining(['totals', 'documents', 'sources', 'uncited', 'flagged']));
    expect(data.totals).toMatchObject({ files: 1, claims: 13, cited: 12, uncited: 1 });
    expect(data.documents).toHaveLength(1);
    expect(data.documents[0]).toMatchObject({ path: 'seed/briefing.txt', claims: 13, cited: 12 });
    expect(data.documents[0]?.sections.length).toBeGreaterThan(1);
    // The seed registry has 11 sources, all cited.
    expect(data.sources).toHaveLength(11);
    expect(data.sources.every((s) => s.citedBy > 0)).toBe(true);
    expect(data.uncited).toEqual([expect.objectContaining({ path: 'seed/briefing.txt', line: 13, text: expect.stringMatching(/^Meanwhile, prosecutions for online offences/) })]);
    expect(Array.isArray(data.flagged)).toBe(true);
  });

  it('--badge writes an SVG coverage badge beside the report', async () => {
    const run = await cli(dir, 'report', 'seed/briefing.txt', '--format', 'json', '-o', 'coverage.json', '--badge', 'badge.svg');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    const svg = readFileSync(join(dir, 'badge.svg'), 'utf8');
    expect(svg.trimStart().startsWith('<svg')).toBe(true);
    expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect(svg).toContain('92%');
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(existsSync(join(dir, 'coverage.json'))).toBe(true);
  });

  it('exits 0 with warnings and errors; only a threshold asked for fails it', async () => {
    writeFileSync(join(dir, 'seed', 'broken.txt'), 'Attrition is steep [12].\nFew cases reach court.\n');
    const errors = await cli(dir, 'lint', 'seed/broken.txt', '--registry', 'seed/briefing.refs.json', '--format', 'json');
    expect(errors.code).toBe(1);
    expect(parseReport(errors).summary.findings.error).toBeGreaterThan(0);

    expect((await cli(dir, 'report', 'seed/briefing.txt')).code).toBe(0);
    expect((await cli(dir, 'report', 'seed/broken.txt', '--registry', 'seed/briefing.refs.json')).code).toBe(0);
    const warnings = await cli(dir, 'report', 'seed/briefing.txt', '--format', 'markdown', '--max-warnings', '0');
    expect(warnings.code).toBe(1);
    expect(warnings.stderr).toContain('--max-warnings 0');
    const coverage = await cli(dir, 'report', 'seed/briefing.txt', '--format', 'markdown', '--min-coverage', '95');
    expect(coverage.code).toBe(1);
    expect(coverage.stderr).toContain('92.3%');
    expect((await cli(dir, 'report', 'seed/briefing.txt', '--format', 'markdown', '--min-coverage', '90')).code).toBe(0);
  });

  it('report formats are html, markdown and json: sarif, junit and stylish are exit 2', async () => {
    for (const format of ['sarif', 'junit', 'stylish', 'github']) {
      const run = await cli(dir, 'report', 'seed/briefing.txt', '--format', format);
      expect(run.code, format).toBe(2);
      expect(run.stderr, format).toContain(format);
      expect(run.stderr, format).toMatch(/html, markdown, json/);
      expect(run.stdout).toBe('');
    }
  });
});

// ---------------------------------------------------------------------------------------------
describe('--shard K/N and merge', () => {
  it('shards are disjoint, cover every file, and merge back into the unsharded report', async () => {
    const files = copyBriefings(dir);
    const whole = await cli(dir, 'lint', 'briefs', '--format', 'json', '-o', 'all.json', ...ONE_JOB);
    expect(whole.code).toBeLessThan(2);
    const all = JSON.parse(readFileSync(join(dir, 'all.json'), 'utf8')) as JsonReport;
    expect(all.files.map((f) => f.path)).toEqual(files);

    const shards: string[][] = [];
    for (const k of [1, 2, 3]) {
      const run = await cli(dir, 'lint', 'briefs', '--shard', `${k}/3`, '--format', 'json', '-o', `s${k}.json`, ...ONE_JOB);
      expect(run.code, `shard ${k}`).toBeLessThan(2);
      shards.push((JSON.parse(readFileSync(join(dir, `s${k}.json`), 'utf8')) as JsonReport).files.map((f) => f.path));
    }
    const union = shards.flat();
    expect(new Set(union).size).toBe(union.length);
    expect([...union].sort()).toEqual(files);
    // With seven files and three slices, no one slice should take everything.
    expect(shards.every((s) => s.length < files.length)).toBe(true);

    // The same slice twice is the same files.
    const again = parseReport(await cli(dir, 'lint', 'briefs', '--shard', '2/3', '--format', 'json', ...ONE_JOB));
    expect(again.files.map((f) => f.path)).toEqual(shards[1]);

    const merged = await cli(dir, 'merge', 's1.json', 's2.json', 's3.json', '--format', 'json');
    expect(merged.code).toBeLessThan(2);
    const report = parseReport(merged);
    expect(report.files).toEqual(all.files);
    expect(report.summary).toEqual(all.summary);
    // In another order, the same report.
    const reordered = parseReport(await cli(dir, 'merge', 's3.json', 's1.json', 's2.json', '--format', 'json'));
    expect(reordered.files).toEqual(all.files);
  });

  it('merge exits as lint would on the merged findings', async () => {
    writeFileSync(join(dir, 'seed', 'broken.txt'), 'Attrition is steep [12].\n');
    await cli(dir, 'lint', 'seed/broken.txt', '--registry', 'seed/briefing.refs.json', '--format', 'json', '-o', 'bad.json');
    await cli(dir, 'lint', 'seed/briefing.txt', '--format', 'json', '-o', 'good.json');
    expect((await cli(dir, 'merge', 'good.json')).code).toBe(0);
    expect((await cli(dir, 'merge', 'good.json', 'bad.json')).code).toBe(1);
    expect((await cli(dir, 'merge', 'good.json', '--max-warnings', '0')).code).toBe(1);
  });

  it('merge writes markdown and html too', async () => {
    copyBriefings(dir, 'briefs', ['wildfire-smoke', 'school-meals']);
    await cli(dir, 'lint', 'briefs', '--shard', '1/2', '--format', 'json', '-o', 'a.json', ...ONE_JOB);
    await cli(dir, 'lint', 'briefs', '--shard', '2/2', '--format', 'json', '-o', 'b.json', ...ONE_JOB);
    const unsharded = await cli(dir, 'lint', 'briefs', '--format', 'markdown', ...ONE_JOB);
    const markdown = await cli(dir, 'merge', 'a.json', 'b.json', '--format', 'markdown');
    expect(markdown.code).toBeLessThan(2);
    expect(markdown.stdout).toBe(unsharded.stdout);
    const html = await cli(dir, 'merge', 'a.json', 'b.json', '--format', 'html', '-o', 'merged.html');
    expect(html.code).toBeLessThan(2);
    expect(html.stdout).toBe('');
    const page = readFileSync(join(dir, 'merged.html'), 'utf8');
    expect(page.toLowerCase().startsWith('<!doctype html>')).toBe(true);
    for (const path of ['briefs/wildfire-smoke.txt', 'briefs/school-meals.txt', 'briefs/seed-briefing.txt']) expect(page).toContain(path);
  });

  it('merge of a file that is not a JSON report is exit 2 with a clear message', async () => {
    // A registry: JSON, but not a report.
    const registry = await cli(dir, 'merge', 'seed/briefing.refs.json');
    expect(registry.code).toBe(2);
    expect(registry.stderr).toMatch(/^citecheck: /);
    expect(registry.stderr).toMatch(/JSON report/);
    expect(registry.stderr).toContain('briefing.refs.json');
    noStack(registry);
    // A SARIF log: JSON, but not citecheck's report.
    await cli(dir, 'lint', 'seed/briefing.txt', '--format', 'sarif', '-o', 'log.sarif');
    const sarif = await cli(dir, 'merge', 'log.sarif');
    expect(sarif.code).toBe(2);
    expect(sarif.stderr).toMatch(/JSON report/);
    noStack(sarif);
    // Not JSON at all.
    const text = await cli(dir, 'merge', 'seed/briefing.txt');
    expect(text.code).toBe(2);
    expect(text.stderr).toContain('briefing.txt');
    noStack(text);
    // Missing, and nothing named.
    const missing = await cli(dir, 'merge', 'nope.json');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.json');
    expect((await cli(dir, 'merge')).code).toBe(2);
  });

  it('--shard 0/3, 4/3, 3/0 and x are exit 2, showing the K/N form', async () => {
    for (const shard of ['0/3', '4/3', '3/0', 'x', '1', '1/3/5', '-1/3']) {
      const run = await cli(dir, 'lint', 'seed/briefing.txt', `--shard=${shard}`);
      expect(run.code, shard).toBe(2);
      expect(run.stderr, shard).toMatch(/^citecheck: .*--shard/);
      expect(run.stderr, shard).toContain('K/N');
      noStack(run);
    }
  });
});

// ---------------------------------------------------------------------------------------------
describe('--baseline', () => {
  const NEW_CLAIM = 'Regional prosecutors closed the Leeds cybercrime unit in 2020.';

  async function writeBaseline(): Promise<JsonReport> {
    const run = await cli(dir, 'lint', 'seed/briefing.txt', '--format', 'json', '-o', 'base.json');
    expect(run.code).toBe(0);
    return JSON.parse(readFileSync(join(dir, 'base.json'), 'utf8')) as JsonReport;
  }

  it('suppresses every finding the baseline already has, saying how many', async () => {
    const base = await writeBaseline();
    const count = allFindings(base).length;
    expect(count).toBe(1);
    const run = await cli(dir, 'lint', 'seed/briefing.txt', '--format', 'json', '--baseline', 'base.json');
    expect(run.code).toBe(0);
    const report = parseReport(run);
    expect(allFindings(report)).toEqual([]);
    expect(report.summary.findings).toEqual({ error: 0, warning: 0, info: 0 });
    expect(run.stderr).toMatch(new RegExp(`\\b${count} findings? .*base\\.json`));
    // With a threshold: the suppressed warning no longer counts.
    expect((await cli(dir, 'lint', 'seed/briefing.txt', '--baseline', 'base.json', '--max-warnings', '0')).code).toBe(0);
  });

  it('reports only the finding a new uncited sentence adds', async () => {
    await writeBaseline();
    const path = join(dir, 'seed', 'briefing.txt');
    const lines = readFileSync(path, 'utf8').split('\n');
    lines[12] = `${lines[12]} ${NEW_CLAIM}`;
    writeFileSync(path, lines.join('\n'));
    const run = await cli(dir, 'lint', 'seed/briefing.txt', '--format', 'json', '--baseline', 'base.json');
    const report = parseReport(run);
    const findings = allFindings(report);
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.map((f) => f.ruleId)).toContain('uncited-claim');
    for (const f of findings) expect(claimOf(report, 'seed/briefing.txt', f)).toBe(NEW_CLAIM);
    expect(run.stderr).toMatch(/\b1 findings? .*base\.json/);
    expect((await cli(dir, 'lint', 'seed/briefing.txt', '--baseline', 'base.json', '--max-warnings', '0')).code).toBe(1);
  });

  it('still suppresses the old findings after lines move', async () => {
    await writeBaseline();
    const path = join(dir, 'seed', 'briefing.txt');
    const text = readFileSync(path, 'utf8');
    // Blank lines at the top, and sections 1 and 2 swapped.
    const lines = text.split('\n');
    const moved = [...lines.slice(0, 3), ...lines.slice(5, 7), ...lines.slice(3, 5), ...lines.slice(7)];
    writeFileSync(path, `\n\n\n${moved.join('\n')}`);
    const plain = parseReport(await cli(dir, 'lint', 'seed/briefing.txt', '--format', 'json'));
    // The same uncited claim, now on another line.
    expect(allFindings(plain)).toHaveLength(1);
    expect(allFindings(plain)[0]?.start.line).toBe(16);
    const run = await cli(dir, 'lint', 'seed/briefing.txt', '--format', 'json', '--baseline', 'base.json');
    expect(run.code).toBe(0);
    expect(allFindings(parseReport(run))).toEqual([]);
    expect(run.stderr).toMatch(/\b1 findings? .*base\.json/);
  });

  it('a baseline that is missing or not a report is exit 2', async () => {
    const missing = await cli(dir, 'lint', 'seed/briefing.txt', '--baseline', 'none.json');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('none.json');
    const registry = await cli(dir, 'lint', 'seed/briefing.txt', '--baseline', 'seed/briefing.refs.json');
    expect(registry.code).toBe(2);
    noStack(registry);
  });
});

// ---------------------------------------------------------------------------------------------
describe('--changed', () => {
  function git(cwd: string, ...args: string[]): string {
    return execFileSync('git', ['-c', 'commit.gpgsign=false', '-c', 'core.hooksPath=/dev/null', ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  }

  /** A repo on `main` with briefs/a.txt, briefs/b.txt and their registries committed, then a branch `feature`. */
  function makeRepo(): string {
    const root = mkdtempSync(join(tmpdir(), 'citecheck-changed-'));
    git(root, 'init', '-q', '-b', 'main');
    git(root, 'config', 'user.email', 'test@example.org');
    git(root, 'config', 'user.name', 'citecheck test');
    mkdirSync(join(root, 'briefs'));
    for (const [name, from] of [
      ['a', 'wildfire-smoke'],
      ['b', 'school-meals'],
    ] as const) {
      copyFileSync(join(tune, `${from}.txt`), join(root, 'briefs', `${name}.txt`));
      copyFileSync(join(tune, `${from}.refs.json`), join(root, 'briefs', `${name}.refs.json`));
    }
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'briefings');
    git(root, 'checkout', '-q', '-b', 'feature');
    return root;
  }

  const linted = async (root: string, ...argv: string[]): Promise<string[]> => {
    const run = await cli(root, 'lint', ...argv, '--format', 'json', ...ONE_JOB);
    expect(run.code, `${argv.join(' ')}: ${run.stderr}`).toBeLessThan(2);
    return parseReport(run).files.map((f) => f.path);
  };

  it('with no paths and no include in a config, lints the changed briefings of the whole project', async () => {
    const root = makeRepo();
    appendFileSync(join(root, 'briefs', 'a.txt'), '\nThe smoke season grew longer in 2023.\n');
    git(root, 'commit', '-q', '-am', 'edit a');
    expect(await linted(root, '--changed', 'main')).toEqual(['briefs/a.txt']);
    // Nothing changed: nothing to lint is not an error.
    expect(await linted(root, '--changed', 'feature')).toEqual([]);
  });

  it('lints only the briefing committed on the branch, then an uncommitted edit too', async () => {
    const root = makeRepo();
    appendFileSync(join(root, 'briefs', 'a.txt'), '\nThe smoke season grew longer in 2023.\n');
    git(root, 'commit', '-q', '-am', 'edit a');
    expect(await linted(root, 'briefs', '--changed', 'main')).toEqual(['briefs/a.txt']);
    expect(await linted(root, 'briefs', '--changed=main')).toEqual(['briefs/a.txt']);
    // Nothing changed against the branch itself.
    expect(await linted(root, 'briefs', '--changed', 'feature')).toEqual([]);

    appendFileSync(join(root, 'briefs', 'b.txt'), '\nMeal uptake rose in 2022.\n');
    expect(await linted(root, 'briefs', '--changed', 'main')).toEqual(['briefs/a.txt', 'briefs/b.txt']);
    // Against HEAD itself, only the uncommitted edit.
    expect(await linted(root, 'briefs', '--changed', 'HEAD')).toEqual(['briefs/b.txt']);
  });

  it('an untracked new briefing counts as changed', async () => {
    const root = makeRepo();
    copyFileSync(join(tune, 'city-budget.txt'), join(root, 'briefs', 'c.txt'));
    copyFileSync(join(tune, 'city-budget.refs.json'), join(root, 'briefs', 'c.refs.json'));
    expect(await linted(root, 'briefs', '--changed', 'main')).toEqual(['briefs/c.txt']);
  });

  it('a changed registry re-lints the briefings that use it, and only those', async () => {
    const root = makeRepo();
    const registry = join(root, 'briefs', 'b.refs.json');
    const data = JSON.parse(readFileSync(registry, 'utf8')) as { references: { title?: string }[] };
    data.references[0]!.title = 'A retitled source';
    writeFileSync(registry, JSON.stringify(data, null, 2));
    git(root, 'commit', '-q', '-am', 'retitle a source of b');
    expect(await linted(root, 'briefs', '--changed', 'main')).toEqual(['briefs/b.txt']);

    // A registry in the folder shared by both briefings: both are re-linted.
    git(root, 'rm', '-q', 'briefs/a.refs.json', 'briefs/b.refs.json');
    const shared = JSON.parse(readFileSync(join(tune, 'wildfire-smoke.refs.json'), 'utf8')) as object;
    writeFileSync(join(root, 'briefs', 'references.json'), JSON.stringify(shared, null, 2));
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'one shared registry');
    git(root, 'checkout', '-q', '-b', 'feature2');
    const data2 = JSON.parse(readFileSync(join(root, 'briefs', 'references.json'), 'utf8')) as { references: { title?: string }[] };
    data2.references[0]!.title = 'Retitled again';
    writeFileSync(join(root, 'briefs', 'references.json'), JSON.stringify(data2, null, 2));
    expect(await linted(root, 'briefs', '--changed', 'feature')).toEqual(['briefs/a.txt', 'briefs/b.txt']);
  });

  it('a changed --registry file re-lints everything', async () => {
    const root = makeRepo();
    appendFileSync(join(root, 'briefs', 'a.refs.json'), '\n');
    expect(await linted(root, 'briefs', '--registry', 'briefs/a.refs.json', '--changed', 'main')).toEqual(['briefs/a.txt', 'briefs/b.txt']);
  });

  it('an unknown ref is exit 2 naming it', async () => {
    const root = makeRepo();
    for (const argv of [['--changed', 'no-such-branch'], ['--changed=no-such-branch']]) {
      const run = await cli(root, 'lint', 'briefs', ...argv, ...ONE_JOB);
      expect(run.code, argv.join(' ')).toBe(2);
      expect(run.stderr).toContain('no-such-branch');
      expect(run.stderr).toMatch(/^citecheck: /);
      noStack(run);
    }
  });

  it('a path after a bare --changed is a path, not a ref; the default branch is the base', async () => {
    const root = makeRepo();
    mkdirSync(join(root, 'other'));
    copyFileSync(join(tune, 'city-budget.txt'), join(root, 'other', 'c.txt'));
    copyFileSync(join(tune, 'city-budget.refs.json'), join(root, 'other', 'c.refs.json'));
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'other on feature');
    appendFileSync(join(root, 'briefs', 'a.txt'), '\nThe smoke season grew longer in 2023.\n');
    git(root, 'commit', '-q', '-am', 'edit a');
    // `briefs/` limits the run to that folder; `main` is found as the default branch.
    expect(await linted(root, '--changed', 'briefs/')).toEqual(['briefs/a.txt']);
    expect(await linted(root, '--changed', 'briefs')).toEqual(['briefs/a.txt']);
    expect(await linted(root, '--changed', 'other/c.txt', 'briefs/b.txt')).toEqual(['other/c.txt']);
    // A bare --changed at the end.
    expect(await linted(root, 'briefs', 'other', '--changed')).toEqual(['briefs/a.txt', 'other/c.txt']);
  });

  it('a glob after a bare --changed is a pattern, not a ref (git refs cannot hold * ? [)', async () => {
    const root = makeRepo();
    appendFileSync(join(root, 'briefs', 'a.txt'), '\nThe smoke season grew longer in 2023.\n');
    git(root, 'commit', '-q', '-am', 'edit a');
    const run = await cli(root, 'lint', '--changed', 'briefs/*.txt', '--format', 'json', ...ONE_JOB);
    expect(run.stderr).not.toMatch(/unknown git ref/);
    expect(run.code, run.stderr).toBeLessThan(2);
    expect(parseReport(run).files.map((f) => f.path)).toEqual(['briefs/a.txt']);
  });

  it('works from a subfolder of the work tree, with paths relative to it', async () => {
    const root = makeRepo();
    appendFileSync(join(root, 'briefs', 'b.txt'), '\nMeal uptake rose in 2022.\n');
    git(root, 'commit', '-q', '-am', 'edit b');
    const run = await cli(join(root, 'briefs'), 'lint', '.', '--changed', 'main', '--format', 'json', ...ONE_JOB);
    expect(run.code, run.stderr).toBeLessThan(2);
    expect(parseReport(run).files.map((f) => f.path)).toEqual(['b.txt']);
  });

  it('a changed config file re-lints everything', async () => {
    const root = makeRepo();
    git(root, 'checkout', '-q', 'main');
    writeFileSync(join(root, 'citecheck.config.json'), JSON.stringify({ include: ['briefs/*.txt'] }));
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'config');
    git(root, 'checkout', '-q', '-b', 'stricter');
    writeFileSync(join(root, 'citecheck.config.json'), JSON.stringify({ include: ['briefs/*.txt'], rules: { 'uncited-claim': 'error' } }));
    // No paths: the config's include globs.
    expect(await linted(root, '--changed', 'main')).toEqual(['briefs/a.txt', 'briefs/b.txt']);
    git(root, 'commit', '-q', '-am', 'stricter');
    expect(await linted(root, '--changed', 'main')).toEqual(['briefs/a.txt', 'briefs/b.txt']);
    expect(await linted(root, '--changed', 'stricter')).toEqual([]);
  });

  it('outside a git work tree: exit 2 with a message', async () => {
    const run = await cli(dir, 'lint', 'seed/briefing.txt', '--changed', 'main');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/git/);
    noStack(run);
  });
});

// ---------------------------------------------------------------------------------------------
describe('--cache', () => {
  const cacheFile = (): string => join(dir, 'cache', 'results.json');
  const lintJson = async (...extra: string[]): Promise<{ run: Run; report: JsonReport }> => {
    const run = await cli(dir, 'lint', 'seed/briefing.txt', '--format', 'json', '--cache', '--cache-location', cacheFile(), ...extra);
    return { run, report: parseReport(run) };
  };

  it('a second run gives the same report, read from the cache file', async () => {
    const uncached = parseReport(await cli(dir, 'lint', 'seed/briefing.txt', '--format', 'json'));
    const first = await lintJson();
    expect(existsSync(cacheFile())).toBe(true);
    const second = await lintJson();
    expect(first.report).toEqual(uncached);
    expect(second.report).toEqual(uncached);
    expect(second.run.code).toBe(first.run.code);
    expect(second.run.stderr).toBe(first.run.stderr);
    // The result really comes from the cache: an entry edited by hand (its key kept) is what is shown.
    const stored = JSON.parse(readFileSync(cacheFile(), 'utf8')) as { entries: Record<string, { result: { file: JsonFile } }> };
    const entries = Object.values(stored.entries);
    expect(entries).toHaveLength(1);
    entries[0]!.result.file.findings[0]!.message = 'served from the cache';
    writeFileSync(cacheFile(), JSON.stringify(stored));
    expect(allFindings((await lintJson()).report).map((f) => f.message)).toEqual(['served from the cache']);
  });

  it('a relative --cache-location is taken from the folder citecheck runs in', async () => {
    const name = `citecheck-workflow-cache-${process.pid}-${Date.now()}`;
    const stray = join(process.cwd(), name);
    try {
      const run = await cli(dir, 'lint', 'seed/briefing.txt', '--format', 'json', '--cache', '--cache-location', `${name}/cache.json`);
      expect(run.code).toBe(0);
      expect(existsSync(join(dir, name, 'cache.json'))).toBe(true);
      expect(existsSync(stray)).toBe(false);
    } finally {
      // A cache written to the wrong place must not be left behind in the checkout.
      rmSync(stray, { recursive: true, force: true });
    }
  });

  it('a changed briefing is checked again: a new uncited claim appears', async () => {
    await lintJson();
    appendFileSync(join(dir, 'seed', 'briefing.txt'), ' Regional prosecutors closed the Leeds cybercrime unit in 2020.');
    const { report } = await lintJson();
    expect(report.summary.claims).toBe(14);
    expect(allFindings(report).filter((f) => f.ruleId === 'uncited-claim')).toHaveLength(2);
  });

  it('a changed registry is read again: a dropped source becomes unknown-reference', async () => {
    await lintJson();
    const path = join(dir, 'seed', 'briefing.refs.json');
    const data = JSON.parse(readFileSync(path, 'utf8')) as { references: { id: number }[] };
    data.references = data.references.filter((r) => r.id !== 11);
    writeFileSync(path, JSON.stringify(data, null, 2));
    const { run, report } = await lintJson();
    expect(run.code).toBe(1);
    const unknown = allFindings(report).filter((f) => f.ruleId === 'unknown-reference');
    expect(unknown.length).toBeGreaterThan(0);
    expect(unknown.every((f) => f.ref === '11')).toBe(true);
  });

  it('a changed snapshot (a source text the registry points to) is read again', async () => {
    mkdirSync(join(dir, 'coral', 'sources'), { recursive: true });
    copyFileSync(join(tune, 'coral-bleaching.txt'), join(dir, 'coral', 'coral-bleaching.txt'));
    copyFileSync(join(tune, 'coral-bleaching.refs.json'), join(dir, 'coral', 'coral-bleaching.refs.json'));
    copyFileSync(join(tune, 'sources', 'coral-bleaching-ref5.txt'), join(dir, 'coral', 'sources', 'coral-bleaching-ref5.txt'));
    const argv = ['lint', 'coral/coral-bleaching.txt', '--format', 'json'];
    const before = await cli(dir, ...argv, '--cache', '--cache-location', cacheFile());
    expect(before.stdout).toBe((await cli(dir, ...argv)).stdout);
    writeFileSync(join(dir, 'coral', 'sources', 'coral-bleaching-ref5.txt'), 'Tides in the Bay of Fundy are the highest in the world.\n');
    const fresh = await cli(dir, ...argv);
    // The snapshot matters to this briefing's result...
    expect(fresh.stdout).not.toBe(before.stdout);
    // ...and the cache sees it.
    const after = await cli(dir, ...argv, '--cache', '--cache-location', cacheFile());
    expect(after.stdout).toBe(fresh.stdout);
  });

  it('a registry appearing where none was found before is picked up', async () => {
    writeFileSync(join(dir, 'lonely.md'), 'Attrition is steep [1]. Few cases reach court [2].\n');
    const before = await cli(dir, 'lint', 'lonely.md', '--format', 'json', '--cache', '--cache-location', cacheFile());
    expect(parseReport(before).files[0]?.registry).toBeNull();
    writeFileSync(join(dir, 'lonely.refs.json'), JSON.stringify({ references: [{ id: 1, title: 'One' }] }));
    const after = await cli(dir, 'lint', 'lonely.md', '--format', 'json', '--cache', '--cache-location', cacheFile());
    const file = parseReport(after).files[0];
    expect(file?.registry).toBe('lonely.refs.json');
    expect(file?.findings.some((f) => f.ruleId === 'unknown-reference' && f.ref === '2')).toBe(true);
    expect(after.code).toBe(1);
  });

  it('a changed config file changes the result', async () => {
    const before = await lintJson();
    expect(before.run.code).toBe(0);
    writeFileSync(join(dir, 'citecheck.config.json'), JSON.stringify({ rules: { 'uncited-claim': 'error' } }));
    const after = await lintJson();
    expect(after.run.code).toBe(1);
    expect(allFindings(after.report).map((f) => [f.ruleId, f.severity])).toEqual([['uncited-claim', 'error']]);
    writeFileSync(join(dir, 'citecheck.config.json'), JSON.stringify({ rules: { 'uncited-claim': 'off' } }));
    const off = await lintJson();
    expect(off.run.code).toBe(0);
    expect(allFindings(off.report)).toEqual([]);
  });

  it('--quiet is not served the results of a run without it', async () => {
    await lintJson();
    const { report } = await lintJson('--quiet');
    expect(allFindings(report)).toEqual([]);
    const loud = await lintJson();
    expect(allFindings(loud.report)).toHaveLength(1);
  });

  it('a damaged cache file is ignored, and replaced; a file that never was a cache is left alone', async () => {
    const expected = parseReport(await cli(dir, 'lint', 'seed/briefing.txt', '--format', 'json'));
    mkdirSync(join(dir, 'cache'), { recursive: true });
    for (const junk of ['{"format":2,"entries":{', '{"format":1,"entries":[]}', '{"format":2,"entries":{"x":1}}', '']) {
      writeFileSync(cacheFile(), junk);
      const { run, report } = await lintJson();
      expect(run.code, junk).toBe(0);
      expect(run.stderr, junk).toBe('');
      expect(report, junk).toEqual(expected);
      expect(readFileSync(cacheFile(), 'utf8'), junk).toMatch(/^\{"format":\d+,"entries":\{"/);
    }
    for (const foreign of ['null', '[1,2,3]', '\u0000\u0001garbage', '{"references": []}']) {
      writeFileSync(cacheFile(), foreign);
      const { run, report } = await lintJson();
      expect(run.code, foreign).toBe(0);
      expect(run.stderr, foreign).toMatch(/holds something other than a citecheck cache/);
      expect(report, foreign).toEqual(expected);
      expect(readFileSync(cacheFile(), 'utf8'), foreign).toBe(foreign);
    }
    writeFileSync(cacheFile(), '');
    await lintJson();
    // A cache entry of the right shape whose result was tampered with still only counts when its key matches.
    const stored = JSON.parse(readFileSync(cacheFile(), 'utf8')) as { entries: Record<string, { key: string }> };
    for (const entry of Object.values(stored.entries)) entry.key = 'not-a-digest';
    writeFileSync(cacheFile(), JSON.stringify(stored));
    expect((await lintJson()).report).toEqual(expected);
  });
});

// ---------------------------------------------------------------------------------------------
describe('--jobs', () => {
  it('--jobs 2 gives exactly the report --jobs 1 gives', async () => {
    const files = copyBriefings(dir);
    expect(files.length).toBeGreaterThanOrEqual(4);
    const one = await cli(dir, 'lint', 'briefs', '--format', 'json', '--jobs', '1');
    const two = await cli(dir, 'lint', 'briefs', '--format', 'json', '--jobs', '2');
    expect(one.code, one.stderr).toBeLessThan(2);
    expect(two.code, two.stderr).toBe(one.code);
    expect(two.stderr).toBe(one.stderr);
    expect(parseReport(one).files.map((f) => f.path)).toEqual(files);
    expect(two.stdout).toBe(one.stdout);
  }, 30_000);

  it('--jobs 0, -1, 1.5 and two are exit 2', async () => {
    for (const jobs of ['0', '-1', '1.5', 'two']) {
      const run = await cli(dir, 'lint', 'seed/briefing.txt', `--jobs=${jobs}`);
      expect(run.code, jobs).toBe(2);
      expect(run.stderr, jobs).toMatch(/^citecheck: .*--jobs/);
      noStack(run);
    }
  });
});

// ---------------------------------------------------------------------------------------------
describe('HTML escaping end to end', () => {
  const SCRIPT = '<script>alert(1)</script>';
  const IMG = '<img src=x onerror=alert(1)>';

  beforeEach(() => {
    writeFileSync(
      join(dir, 'evil.md'),
      [
        '# Findings',
        '',
        `Attrition is steep in most regions ${SCRIPT} according to the review [1].`,
        '',
        `Courts dismissed several cases in 2020 [2]. ${SCRIPT}`,
        '',
        SCRIPT,
        '',
      ].join('\n'),
    );
    writeFileSync(
      join(dir, 'evil.refs.json'),
      JSON.stringify({
        references: [
          { id: 1, title: IMG, url: 'javascript:alert(1)', excerpts: [`Attrition is steep in most regions ${IMG}.`] },
          { id: 2, title: 'Court statistics', url: 'JavaScript:alert(document.cookie)' },
          { id: 3, title: `Never cited ${IMG}`, url: 'javascript://example.org/%0Aalert(1)' },
        ],
      }),
    );
  });

  const check = (html: string): void => {
    expect(html.toLowerCase().startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toContain(SCRIPT);
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain(IMG);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/href\s*=\s*["']?\s*javascript:/i);
    // An attribute, as opposed to escaped text, would follow a raw tag.
    expect(html).not.toMatch(/<[a-z][^<>]*\sonerror\s*=/i);
    // Not vacuous: the text and the title are on the page, escaped.
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  };

  it('lint --format html', async () => {
    const run = await cli(dir, 'lint', 'evil.md', '--format', 'html');
    expect(run.code, run.stderr).toBeLessThan(2);
    check(run.stdout);
  });

  it('report (html), to a file', async () => {
    const run = await cli(dir, 'report', 'evil.md', '-o', 'report.html');
    expect(run.code, run.stderr).toBe(0);
    check(readFileSync(join(dir, 'report.html'), 'utf8'));
  });

  it('merge --format html of a report whose file cannot be read back', async () => {
    await cli(dir, 'lint', 'evil.md', '--format', 'json', '-o', 'evil.json');
    mkdirSync(join(dir, 'elsewhere'));
    copyFileSync(join(dir, 'evil.json'), join(dir, 'elsewhere', 'evil.json'));
    // Run from another folder: the briefing is not there, so its claims are listed instead.
    const run = await cli(join(dir, 'elsewhere'), 'merge', 'evil.json', '--format', 'html');
    expect(run.code).toBeLessThan(2);
    check(run.stdout);
  });
});

describe('progress', () => {
  async function run(stderrIsTTY: boolean): Promise<string> {
    for (let i = 0; i < 24; i++) copyFileSync(join(repo, 'fixtures/seed/briefing.txt'), join(dir, `b${i}.txt`));
    let stderr = '';
    const code = await main(['lint', '.', '--registry', join(repo, 'fixtures/seed/briefing.refs.json'), '--jobs', '1', '--format', 'json'], {
      cwd: dir,
      isTTY: false,
      stderrIsTTY,
      stdout: () => {},
      stderr: (s) => {
        stderr += s;
      },
    });
    expect(code).toBe(0);
    return stderr;
  }

  it('counts briefings in place on a terminal and clears the line when done', async () => {
    const stderr = await run(true);
    expect(stderr).toMatch(/^\rcitecheck: 1\/\d+ briefings/);
    expect(stderr.endsWith('\r\u001b[K')).toBe(true);
  });

  it('says nothing when standard error is not a terminal (a CI log)', async () => {
    expect(await run(false)).toBe('');
  });
});
