import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

// The ready-made integrations run the built command line, as users' CI and hooks do.
const repo = fileURLToPath(new URL('../../../', import.meta.url));

interface Step {
  id?: string;
  name?: string;
  run?: string;
  uses?: string;
  env?: Record<string, string>;
}
interface Action {
  inputs: Record<string, { default: string }>;
  runs: { using: string; steps: Step[] };
}

const action = parse(readFileSync(join(repo, 'action.yml'), 'utf8')) as Action;

function runCheckStep(env: Record<string, string>): { code: number | null; stdout: string; output: string; summary: string; dir: string } {
  const step = action.runs.steps.find((s) => s.id === 'lint');
  if (step?.run === undefined) throw new Error('action.yml has no "lint" step');
  const dir = mkdtempSync(join(tmpdir(), 'citecheck-action-'));
  cpSync(join(repo, 'fixtures/seed'), join(dir, 'seed'), { recursive: true });
  execFileSync('git', ['init', '-q'], { cwd: dir });
  const output = join(dir, 'output.txt');
  const summary = join(dir, 'summary.md');
  writeFileSync(output, '');
  writeFileSync(summary, '');
  const result = spawnSync('bash', ['-e', '-c', step.run], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, GITHUB_ACTION_PATH: repo, GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: summary, RUNNER_TEMP: dir, INPUT_CHANGED_ONLY: 'false', INPUT_BASE: '', INPUT_MIN_COVERAGE: '', INPUT_MAX_WARNINGS: '', INPUT_BASELINE: '', ...env },
  });
  return { code: result.status, stdout: result.stdout, output: readFileSync(output, 'utf8'), summary: readFileSync(summary, 'utf8'), dir };
}

describe('the GitHub Action', () => {
  it('is a composite action whose inputs the check step reads', () => {
    expect(action.runs.using).toBe('composite');
    const step = action.runs.steps.find((s) => s.id === 'lint');
    for (const input of Object.keys(action.inputs).filter((i) => i !== 'upload-sarif')) {
      expect(step?.env?.[`INPUT_${input.toUpperCase().replaceAll('-', '_')}`]).toBeDefined();
    }
    expect(action.runs.steps.some((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))).toBe(true);
  });

  it('annotates, writes the job summary and a SARIF file, and hands on the exit code', () => {
    const run = runCheckStep({ INPUT_PATHS: 'seed/briefing.txt' });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^::warning file=seed\/briefing\.txt,line=13,/m);
    expect(run.summary).toMatch(/^### ⚠️ citecheck: 0 errors, 1 warning/);
    expect(run.output).toContain('exit-code=0\n');
    const sarifPath = /^sarif=(.+)$/m.exec(run.output)?.[1] ?? '';
    const sarif = JSON.parse(readFileSync(sarifPath, 'utf8')) as { version: string; runs: { results: unknown[] }[] };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]?.results).toHaveLength(1);
  });

  it('passes a broken threshold on as exit code 1 for the verdict step', () => {
    const run = runCheckStep({ INPUT_PATHS: 'seed/briefing.txt', INPUT_MIN_COVERAGE: '95' });
    expect(run.code).toBe(0);
    expect(run.output).toContain('exit-code=1\n');
  });
});

describe('the pre-commit hook', () => {
  const [hook] = parse(readFileSync(join(repo, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string; entry: string; files: string }[];

  it('checks staged briefings, not registries', () => {
    const files = new RegExp(hook?.files ?? '$^');
    expect(['brief.md', 'docs/a.markdown', 'notes.txt'].every((f) => files.test(f))).toBe(true);
    expect(['brief.refs.json', 'references.yaml'].some((f) => files.test(f))).toBe(false);
  });

  it('runs citecheck lint on the file names pre-commit passes', () => {
    expect(hook?.entry).toBe('npx --no-install citecheck lint');
    const result = spawnSync('npx', ['--no-install', 'citecheck', 'lint', 'fixtures/seed/briefing.txt'], { cwd: repo, encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('12/13 claims cited');
  });
});

describe('the workspace script', () => {
  it('`pnpm citecheck` reads paths from the folder it is run in, as the README says', () => {
    const run = spawnSync('pnpm', ['--silent', 'citecheck', 'lint', 'briefing.txt', '--format', 'json'], { cwd: join(repo, 'fixtures', 'seed'), encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as { files: { path: string }[] };
    expect(report.files.map((f) => f.path)).toEqual(['briefing.txt']);
  });
});
