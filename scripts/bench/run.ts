/**
 * `pnpm bench`: how fast citecheck is, against the floor and against a peer.
 *
 * Generates a deterministic corpus at several sizes (1× is the 63 tuning briefings of the gold
 * set with their registries, which carry excerpts and snapshots so verification runs; k× is k
 * copies of each, every copy with its own registry) and times, as whole processes, medians of
 * interleaved runs:
 *   - citecheck  `citecheck lint <corpus> --format json --jobs 1` (and `--jobs 2` at the largest size)
 *   - floor      remark-parse alone over the same files, in one process
 *   - textlint   textlint with textlint-rule-write-good over the same files
 * It prints seconds, the ratios citecheck/floor and citecheck/textlint, peak memory, and how
 * time grows from the smallest to each larger size.
 *
 *   pnpm bench                    sizes 1, 4, 16; 3 runs each
 *   pnpm bench --sizes 1,4 --runs 5
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const gold = join(repo, 'fixtures/gold/tune');
const measure = join(repo, 'scripts/bench/measure.mjs');

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '1,4,16' }, runs: { type: 'string', default: '3' } } });
const sizes = (values.sizes ?? '').split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0);
const runs = Number(values.runs);

interface Sample {
  seconds: number;
  maxRssMiB: number;
}

/** The corpus for size k: k copies of every gold briefing, each with its own registry. */
function generate(k: number): { dir: string; files: string[]; bytes: number } {
  const dir = join(tmpdir(), 'citecheck-bench', `x${k}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  // A git root stops citecheck's config and registry search inside the corpus.
  writeFileSync(join(dir, '.git'), '');
  cpSync(join(gold, 'sources'), join(dir, 'sources'), { recursive: true });
  const briefings = readdirSync(gold).filter((f) => /\.(md|txt)$/.test(f)).sort();
  const files: string[] = [];
  let bytes = 0;
  for (let copy = 0; copy < k; copy++) {
    for (const name of briefings) {
      const base = name.replace(/\.(md|txt)$/, '');
      const target = join(dir, `${String(copy).padStart(2, '0')}-${name}`);
      const text = readFileSync(join(gold, name));
      writeFileSync(target, text);
      cpSync(join(gold, `${base}.refs.json`), target.replace(/\.(md|txt)$/, '.refs.json'));
      files.push(target);
      bytes += text.length;
    }
  }
  return { dir, files, bytes };
}

/** One whole-process run: wall seconds, and the peak memory measure.mjs reports. */
function run(args: string[], cwd: string): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [measure, ...args], { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = (performance.now() - started) / 1000;
      const rss = /citecheck-bench maxrss=(\d+)/.exec(stderr);
      // citecheck exits 1 on findings and textlint on problems: only a crash is a failure.
      if (rss === null || (code !== 0 && code !== 1)) reject(new Error(`${args.join(' ')} exited ${code}:\n${stderr.slice(-2000)}`));
      else resolve({ seconds, maxRssMiB: Number(rss[1]) / 1024 });
    });
  });
}

const median = (xs: number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

interface Row {
  size: number;
  files: number;
  megabytes: number;
  results: Record<string, { seconds: number; maxRssMiB: number }>;
}

const citecheckBin = join(repo, 'packages/cli/bin/citecheck.js');
const textlintBin = join(repo, 'node_modules/textlint/bin/textlint.js');

async function benchSize(k: number, withJobs: boolean): Promise<Row> {
  const { dir, files, bytes } = generate(k);
  const commands: Record<string, { args: string[]; cwd: string }> = {
    citecheck: { args: [citecheckBin, 'lint', '.', '--format', 'json', '--jobs', '1'], cwd: dir },
    floor: { args: [join(repo, 'scripts/bench/parse-floor.mjs'), ...files], cwd: dir },
    textlint: { args: [textlintBin, '--no-textlintrc', '--rule', 'write-good', '--format', 'json', ...files], cwd: repo },
  };
  if (withJobs) commands['citecheck --jobs 2'] = { args: [citecheckBin, 'lint', '.', '--format', 'json', '--jobs', '2'], cwd: dir };
  const samples: Record<string, Sample[]> = Object.fromEntries(Object.keys(commands).map((name) => [name, []]));
  // One warm-up of each, then the runs interleaved so drift in machine speed hits all alike.
  for (const command of Object.values(commands)) await run(command.args, command.cwd);
  for (let i = 0; i < runs; i++) {
    for (const [name, command] of Object.entries(commands)) samples[name]?.push(await run(command.args, command.cwd));
  }
  const results = Object.fromEntries(
    Object.entries(samples).map(([name, list]) => [name, { seconds: median(list.map((s) => s.seconds)), maxRssMiB: Math.max(...list.map((s) => s.maxRssMiB)) }]),
  );
  return { size: k, files: files.length, megabytes: bytes / 1e6, results };
}

const fmt = (n: number, digits = 2): string => n.toFixed(digits);

const rows: Row[] = [];
for (const k of sizes) {
  process.stderr.write(`bench: ${k}× …\n`);
  rows.push(await benchSize(k, k === Math.max(...sizes)));
}

console.log(`citecheck benchmark: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${fmt(totalmem() / 2 ** 30, 0)} GiB, Node ${process.version}; medians of ${runs} runs after a warm-up`);
console.log('');
console.log('size  files    MB   citecheck  floor  textlint   ×floor  ×textlint   peak MiB (citecheck / floor / textlint)');
for (const row of rows) {
  const c = row.results.citecheck;
  const f = row.results.floor;
  const t = row.results.textlint;
  if (!c || !f || !t) continue;
  console.log(
    `${`${row.size}×`.padEnd(5)} ${String(row.files).padStart(5)} ${fmt(row.megabytes, 1).padStart(5)}   ${fmt(c.seconds).padStart(8)}s ${fmt(f.seconds).padStart(5)}s ${fmt(t.seconds).padStart(8)}s   ${fmt(c.seconds / f.seconds).padStart(6)}  ${fmt(c.seconds / t.seconds).padStart(9)}   ${fmt(c.maxRssMiB, 0)} / ${fmt(f.maxRssMiB, 0)} / ${fmt(t.maxRssMiB, 0)}`,
  );
}
const first = rows[0];
if (first && rows.length > 1) {
  console.log('');
  for (const row of rows.slice(1)) {
    const grow = (name: string): string => fmt((row.results[name]?.seconds ?? 0) / (first.results[name]?.seconds ?? 1));
    console.log(`growth ${first.size}× → ${row.size}× (input ×${row.size / first.size}): citecheck ×${grow('citecheck')}, floor ×${grow('floor')}, textlint ×${grow('textlint')}`);
  }
}
const last = rows.at(-1);
const jobs2 = last?.results['citecheck --jobs 2'];
if (last && jobs2 && last.results.citecheck) {
  console.log(`--jobs 2 at ${last.size}×: ${fmt(jobs2.seconds)}s, throughput ×${fmt(last.results.citecheck.seconds / jobs2.seconds)} of one worker (peak ${fmt(jobs2.maxRssMiB, 0)} MiB)`);
}
