import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it } from 'vitest';
import { cli, noStack } from './testing/cli.js';

const repo = fileURLToPath(new URL('../../../', import.meta.url));


let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'citecheck-cli-'));
  // A git root stops the config and registry search inside the temp folder.
  writeFileSync(join(dir, '.git'), '');
  cpSync(join(repo, 'fixtures/seed'), join(dir, 'seed'), { recursive: true });
});


describe('citecheck lint on the seed briefing', () => {
  it('finds its sibling registry and reports only the uncited claim, exit 0', async () => {
    const run = await cli(dir, 'lint', 'seed/briefing.txt');
    expect(run.code).toBe(0);
    const rows = run.stdout.split('\n').filter((l) => l.startsWith('  '));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatch(/^ {2}seed\/briefing\.txt:13:\d+ {2}warning {2}Uncited claim "Meanwhile, prosecutions for online offences/);
    expect(rows[0]).toMatch(/uncited-claim$/);
    expect(run.stdout).toContain('12/13 claims cited');
    expect(run.stdout).not.toContain('\u001b[');
    expect(run.stderr).toBe('');
  });

  it('writes the SPEC json, equal to the expected output checked by reading', async () => {
    const run = await cli(repo, 'lint', 'fixtures/seed/briefing.txt', '--format', 'json');
    const expected = JSON.parse(readFileSync(join(repo, 'fixtures/seed/expected.json'), 'utf8')) as unknown;
    expect(JSON.parse(run.stdout)).toEqual(expected);
  });

  it('-o writes the report to a file and nothing to stdout', async () => {
    const run = await cli(dir, 'lint', 'seed/briefing.txt', '--format', 'json', '-o', 'out.json');
    expect(run.stdout).toBe('');
    expect(JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8'))).toMatchObject({ summary: { claims: 13, cited: 12 } });
  });

  it('--max-warnings 0 fails the run on the one warning; --quiet hides it', async () => {
    expect((await cli(dir, 'lint', 'seed/briefing.txt', '--max-warnings', '0')).code).toBe(1);
    const quiet = await cli(dir, 'lint', 'seed/briefing.txt', '--quiet');
    expect(quiet.code).toBe(0);
    expect(quiet.stdout).not.toContain('warning  ');
  });

  it('a config file re-grades a rule to error, which fails the run', async () => {
    writeFileSync(join(dir, 'citecheck.config.json'), JSON.stringify({ rules: { 'uncited-claim': 'error' } }));
    const run = await cli(dir, 'lint', 'seed/briefing.txt');
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/ error {2}Uncited claim/);
  });
});

describe('errors a user can act on', () => {
  it('unknown-reference: a cited id the registry lacks is an error, exit 1', async () => {
    writeFileSync(join(dir, 'brief.md'), 'Attrition is steep [12].\n');
    const run = await cli(dir, 'lint', 'brief.md', '--registry', 'seed/briefing.refs.json');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('brief.md:1:20');
    expect(run.stdout).toMatch(/\[12\] cites reference 12, which seed\/briefing\.refs\.json does not have \(it has 1–11\)/);
  });

  it('a broken registry: exit 2, file, line and column, no stack trace', async () => {
    writeFileSync(join(dir, 'bad.refs.json'), '{\n  "references": [\n    { "id": 1, "title": "A" }\n    { "id": 2 }\n  ]\n}\n');
    writeFileSync(join(dir, 'bad.md'), 'Attrition is steep [1].\n');
    const run = await cli(dir, 'lint', 'bad.md');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/bad\.refs\.json:4:\d+/);
    noStack(run);
  });

  it('a broken config: exit 2, naming the file and what is wrong', async () => {
    writeFileSync(join(dir, 'citecheck.config.json'), JSON.stringify({ rules: { 'uncited-claims': 'warning' } }));
    const run = await cli(dir, 'lint', 'seed/briefing.txt');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('citecheck.config.json');
    expect(run.stderr).toContain('uncited-claims');
    noStack(run);
  });

  it('bad arguments, a missing file and an unknown format: exit 2', async () => {
    for (const argv of [['lint', '--nope'], ['lint', 'missing.md'], ['lint', 'seed/briefing.txt', '--format', 'xml'], ['frobnicate'], ['lint', 'x.md', '--max-warnings', 'many']]) {
      const run = await cli(dir, ...argv);
      expect(run.code, argv.join(' ')).toBe(2);
      expect(run.stderr).toMatch(/^citecheck: /);
      noStack(run);
    }
  });

  it('a file that is not UTF-8: exit 2 with a plain message', async () => {
    writeFileSync(join(dir, 'latin1.md'), Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0xff, 0xfe, 0x0a]));
    const run = await cli(dir, 'lint', 'latin1.md');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('not UTF-8');
  });

  it('no registry anywhere: says so once and still reports uncited claims', async () => {
    writeFileSync(join(dir, 'lonely.md'), 'Attrition is steep [1]. Few cases reach court.\n');
    const run = await cli(dir, 'lint', 'lonely.md');
    expect(run.code).toBe(0);
    expect(run.stderr.match(/no reference registry found/g)).toHaveLength(1);
    expect(run.stdout).toContain('Uncited claim "Few cases reach court."');
  });
});

describe('the installed command', () => {
  it('node_modules/.bin/citecheck runs the CLI', () => {
    const out = execFileSync(join(repo, 'node_modules/.bin/citecheck'), ['--version'], { encoding: 'utf8' });
    expect(out.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe('claim verification end to end', () => {
  it('reads excerpts and snapshots, reports verified coverage and quotes the source', async () => {
    const run = await cli(repo, 'lint', 'fixtures/gold/tune/wildfire-smoke.txt', '--format', 'json');
    const report = JSON.parse(run.stdout) as { files: { coverage: { supported: number; unverifiable: number; cited: number }; findings: { ruleId: string; message: string }[] }[] };
    const [file] = report.files;
    expect(file?.coverage.supported).toBeGreaterThan(8);
    expect(file?.coverage.unverifiable).toBe(0);
    const numbers = file?.findings.filter((f) => f.ruleId === 'unsupported-number') ?? [];
    expect(numbers.map((f) => f.message)).toEqual([expect.stringMatching(/^"about a third" is not in the text of \[4\].*closest figure there is "about a fifth"/)]);
    expect(file?.findings.some((f) => f.ruleId === 'overgeneralised-claim' && /"invariably"/.test(f.message))).toBe(true);
  });
});
