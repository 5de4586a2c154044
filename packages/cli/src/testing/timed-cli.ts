/*
 * `main()` in a child process, timed there and killed at a cap.
 *
 * The child (the same TypeScript source, loaded with tsx) warms up on a small briefing, then
 * times `main()` alone, not its own start-up; a run that blocks the event loop for minutes can
 * be killed, which an in-process run could not be by the test's timeout. Several runs share one
 * child, so that a growth check pays the start-up once.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

const repo = fileURLToPath(new URL('../../../../', import.meta.url));
const mainSource = fileURLToPath(new URL('../main.ts', import.meta.url));

export interface TimedRun {
  code: number | null;
  /** Wall time of main() alone, in seconds (the cap when killed). */
  seconds: number;
  stderr: string;
  stdoutBytes: number;
  stdoutHead: string;
  stackInStdout: boolean;
  /** The JSON report's file paths and claim count, when stdout was a JSON report. */
  json: { paths: string[]; claims: number } | null;
  killed: boolean;
}

/** One run of the command line: from `cwd`, with `argv`. */
export interface CliJob {
  cwd: string;
  argv: string[];
}

const CHILD = String.raw`
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
const [mainPath, jobs] = JSON.parse(process.env.CITECHECK_TIMED_JOBS);
const { main } = await import(mainPath);
const io = (out) => ({ cwd: out.cwd, isTTY: false, stderrIsTTY: false, stdout: (s) => { out.stdout += s; }, stderr: (s) => { out.stderr += s; } });
const warm = mkdtempSync(join(tmpdir(), 'citecheck-warm-'));
writeFileSync(join(warm, '.git'), '');
writeFileSync(join(warm, 'w.md'), '# Prices\n\nPrices rose by a third in 2021 [1]. Wages fell in most regions [2].\n\n[1]: https://example.org/1\n[2]: https://example.org/2\n');
await main(['lint', 'w.md', '--format', 'json'], io({ cwd: warm, stdout: '', stderr: '' }));
rmSync(warm, { recursive: true, force: true });
for (const job of jobs) {
  const out = { cwd: job.cwd, stdout: '', stderr: '' };
  const started = performance.now();
  const code = await main(job.argv, io(out));
  const seconds = (performance.now() - started) / 1000;
  let json = null;
  try {
    const report = JSON.parse(out.stdout);
    json = { paths: report.files.map((f) => f.path), claims: report.summary.claims };
  } catch {}
  // One line a run, so that the runs finished before a kill are still read.
  process.stdout.write(JSON.stringify({ code, seconds, stderr: out.stderr.slice(0, 4000), stdoutBytes: out.stdout.length, stdoutHead: out.stdout.slice(0, 400), stackInStdout: /\n\s+at /.test(out.stdout), json }) + '\n');
}
`;

/**
 * The runs `jobs`, in order, in one child process killed after `capSeconds` (plus its
 * start-up). Runs the kill cut short come back `killed`, with the cap as their time.
 */
export function timedCliRuns(jobs: CliJob[], capSeconds: number): Promise<TimedRun[]> {
  return new Promise((resolvePromise) => {
    execFile(
      process.execPath,
      ['--conditions=source', '--import', 'tsx', '--input-type=module', '-e', CHILD],
      {
        cwd: repo,
        env: { ...process.env, CITECHECK_TIMED_JOBS: JSON.stringify([mainSource, jobs]) },
        // Start-up (loading the pipeline through tsx) and warm-up come on top of the cap.
        timeout: (capSeconds + 30) * 1000,
        killSignal: 'SIGKILL',
        maxBuffer: 16 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const killed = error !== null && (error as { killed?: boolean }).killed === true;
        const runs: TimedRun[] = [];
        for (const line of stdout.split('\n')) {
          if (line === '') continue;
          try {
            runs.push({ ...(JSON.parse(line) as Omit<TimedRun, 'killed'>), killed: false });
          } catch {
            break;
          }
        }
        while (runs.length < jobs.length) {
          runs.push({
            code: null,
            seconds: capSeconds,
            stderr: `${killed ? `[killed after ${capSeconds + 30} s] ` : '[the child process ended early] '}${stderr.slice(-4000)}`,
            stdoutBytes: 0,
            stdoutHead: '',
            stackInStdout: /\n\s+at /.test(stdout),
            json: null,
            killed,
          });
        }
        resolvePromise(runs);
      },
    );
  });
}

/** `citecheck ...argv` from `cwd` in a child process, killed after `capSeconds`. */
export async function timedCli(cwd: string, capSeconds: number, ...argv: string[]): Promise<TimedRun> {
  const [run] = await timedCliRuns([{ cwd, argv }], capSeconds);
  if (run === undefined) throw new Error('timedCliRuns returned no run');
  return run;
}

/**
 * What a user may see for a file: a JSON report naming it (exit 0 or 1), or one line
 * `citecheck: file:line:col: what is wrong` (exit 2); never a stack trace, never an "unexpected
 * problem".
 */
export function expectCleanOutcome(run: TimedRun, file: string): void {
  expect(run.killed, `killed at the cap; stderr: ${run.stderr.slice(0, 300)}`).toBe(false);
  expect(run.code, `no exit code; stderr: ${run.stderr.slice(0, 600)}`).not.toBeNull();
  expect(run.stderr).not.toMatch(/\n\s+at /);
  expect(run.stackInStdout).toBe(false);
  expect(run.stderr).not.toMatch(/unexpected problem/);
  if (run.code === 0 || run.code === 1) {
    expect(run.json?.paths).toEqual([file]);
  } else {
    expect(run.code).toBe(2);
    const escaped = file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    expect(run.stderr).toMatch(new RegExp(`^citecheck: ${escaped}:\\d+:\\d+: \\S[^\\n]*\\n$`));
  }
}

/** How much dearer one doubling of the input may be: linear time, give or take timer noise. */
export const DOUBLING_RATIO = 2.5;
/** Seconds of noise (a GC pause, a busy neighbour) a doubling may add on top. */
export const NOISE_SECONDS = 0.15;

export interface GrowthPoint {
  /** The size handed to the input's maker. */
  size: number;
  bytes: number;
  /** Median seconds of main() over the repeats. */
  seconds: number;
  /** Every run at this size (the first is the one checked for its outcome). */
  runs: TimedRun[];
}

export interface GrowthCase {
  /** Writes the input of `size` into `cwd` (a fresh folder per size) and returns its bytes. */
  write: (cwd: string, size: number) => number;
  /** The command line, run from each size's folder. */
  argv: string[];
  /** The smallest size; the case runs at n, 2n and 4n. Choose it so the run at n takes ≥ ~0.3 s. */
  n: number;
  /** Runs per size, interleaved across sizes so a slow spell of the machine hits all of them. */
  repeats?: number;
  /** Seconds after which the child is killed: the case has failed long before. */
  capSeconds?: number;
}

/** Folders for the sizes of one case, made by the caller (so it removes them). */
export type FolderFor = (size: number) => string;

/**
 * Runs `c` at n, 2n and 4n, median time per size. A measurement that looks super-linear is
 * taken once more with three interleaved runs a size before it is believed: a GC pause or a
 * neighbour's burst on a shared machine inflates one run, a quadratic input inflates them all.
 */
export async function measureGrowth(c: GrowthCase, folderFor: FolderFor): Promise<GrowthPoint[]> {
  const sizes = [c.n, 2 * c.n, 4 * c.n];
  const bytes = sizes.map((size) => c.write(folderFor(size), size));
  const measure = async (repeats: number): Promise<GrowthPoint[]> => {
    const jobs: CliJob[] = [];
    for (let r = 0; r < repeats; r++) for (const size of sizes) jobs.push({ cwd: folderFor(size), argv: c.argv });
    const runs = await timedCliRuns(jobs, c.capSeconds ?? 120);
    return sizes.map((size, s) => {
      const mine = runs.filter((_, j) => j % sizes.length === s);
      const times = mine.map((run) => run.seconds).sort((a, b) => a - b);
      return { size, bytes: bytes[s] ?? 0, seconds: times[Math.floor(times.length / 2)] ?? Number.NaN, runs: mine };
    });
  };
  const first = await measure(c.repeats ?? 1);
  const killed = first.some((p) => p.runs.some((r) => r.killed));
  return killed || isLinear(first) ? first : measure(Math.max(3, c.repeats ?? 1));
}

function isLinear(points: GrowthPoint[]): boolean {
  return points.every((p, i) => i === 0 || p.seconds <= DOUBLING_RATIO * (points[i - 1]?.seconds ?? 0) + NOISE_SECONDS);
}

/** Each doubling of the input costs at most DOUBLING_RATIO times the time before it (plus noise). */
export function expectLinearGrowth(name: string, points: GrowthPoint[]): void {
  for (let i = 1; i < points.length; i++) {
    const before = points[i - 1];
    const after = points[i];
    if (before === undefined || after === undefined) continue;
    expect(
      after.seconds,
      `${name}: ${before.bytes} bytes took ${before.seconds.toFixed(2)} s, ${after.bytes} bytes ${after.seconds.toFixed(2)} s (×${(after.seconds / before.seconds).toFixed(2)})`,
    ).toBeLessThanOrEqual(DOUBLING_RATIO * before.seconds + NOISE_SECONDS);
  }
}

/** `name  bytes  seconds` lines of the points, for the suite to print. */
export function describeGrowth(name: string, points: GrowthPoint[]): string[] {
  return points.map((p) => `${name.padEnd(44)} ${String(p.bytes).padStart(9)} bytes  ${p.seconds.toFixed(2).padStart(7)} s  exit ${p.runs[0]?.code ?? null}${p.runs.some((r) => r.killed) ? ' (killed)' : ''}`);
}
