/*
 * Issue 12, the hostile-input run: random projects as an attacker or a careless user would
 * leave them, and random command lines over them. A project mixes briefings, registries in
 * every format, snapshots, a config, FIFOs, links to devices, to the project itself, to
 * themselves and out of the project; its front matter, registries and config name paths inside
 * and outside it; the command names its inputs as outputs, devices and pipes as reports,
 * caches and baselines.
 *
 * Beside every project lies an "outside" folder whose files carry a canary word. Whatever the
 * run, it must:
 * - end with exit 0, 1 or 2, within a cap (a FIFO read or a device read would never end);
 * - print no stack trace and no "unexpected problem";
 * - never read a file outside the project that the command line did not name: no canary in
 *   anything it prints or writes, and no open() of such a path (every open of the pipeline's
 *   own code is recorded);
 * - leave every input and every special file as it was (content, mode, kind, link target) and
 *   the outside folder untouched; no temp file behind;
 * - print no raw control character (ESC and the like) to a terminal.
 *
 * The same seeds run every time (fast-check's seed is fixed below); a failure prints the seed
 * and the shrunk project and command.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// Every path the pipeline opens, through either fs API; libraries loaded from node_modules
// read no user files, so the pipeline's own calls are the ones that matter.
const opened = vi.hoisted(() => ({ calls: [] as { api: 'read' | 'write'; path: string }[] }));
/** open()'s flags: a string such as 'r' or 'wx', or numeric O_* bits (O_WRONLY 1, O_RDWR 2). */
const access = vi.hoisted(() => (flags: unknown): 'read' | 'write' => {
  if (flags === undefined || flags === null) return 'read';
  if (typeof flags === 'number') return (flags & 3) === 0 ? 'read' : 'write';
  return String(flags).replace('s', '') === 'r' ? 'read' : 'write';
});
const note = (api: 'read' | 'write', path: unknown): void => {
  if (typeof path === 'string') opened.calls.push({ api, path });
  else if (path instanceof URL) opened.calls.push({ api, path: path.pathname });
};
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  const open: typeof real.open = (path, ...rest) => (note(access(rest[0]), path), real.open(path, ...rest));
  const readFile = ((path: Parameters<typeof real.readFile>[0], ...rest: unknown[]) => (note('read', path), (real.readFile as (...a: unknown[]) => unknown)(path, ...rest))) as typeof real.readFile;
  const patched = { ...real, open, readFile };
  return { ...patched, default: patched };
});
vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  const openSync = ((path: Parameters<typeof real.openSync>[0], ...rest: unknown[]) => (note(access(rest[0]), path), (real.openSync as (...a: unknown[]) => number)(path, ...rest))) as typeof real.openSync;
  const readFileSync = ((path: Parameters<typeof real.readFileSync>[0], ...rest: unknown[]) => (note('read', path), (real.readFileSync as (...a: unknown[]) => unknown)(path, ...rest))) as typeof real.readFileSync;
  const createReadStream = ((path: Parameters<typeof real.createReadStream>[0], ...rest: unknown[]) => (note('read', path), (real.createReadStream as (...a: unknown[]) => unknown)(path, ...rest))) as typeof real.createReadStream;
  const patched = { ...real, openSync, readFileSync, createReadStream };
  return { ...patched, default: patched };
});

const { main } = await import('./main.js');

const CANARY = 'CANARY-7f3a9';
const RUNS = Number(process.env.CITECHECK_HOSTILE_RUNS ?? 300);
/** A run still going after this long is taken as hung (they take well under a second). */
const CAP_MS = 30_000;

// ---------------------------------------------------------------------------------------------
// The outside world: every file carries the canary.

function makeOutside(base: string): string {
  const outside = join(base, 'outside');
  mkdirSync(join(outside, 'nested'), { recursive: true });
  writeFileSync(join(outside, 'canary.md'), `# ${CANARY} secrets\n\nThe ${CANARY} budget rose by 40% in 2021 [1].\n\n[1]: https://example.org/${CANARY}\n`);
  writeFileSync(join(outside, 'reg.json'), JSON.stringify({ references: [{ id: 1, title: `${CANARY} registry`, url: 'https://example.org/c' }] }));
  writeFileSync(join(outside, 'secret.html'), `<html><body><p>The ${CANARY} budget rose by 40% in 2021.</p></body></html>`);
  writeFileSync(join(outside, 'passwd'), `root:x:0:0:${CANARY}:/root:/bin/bash\n`);
  writeFileSync(join(outside, 'nested', 'deep.md'), `${CANARY} rose by 3% [1].\n`);
  return outside;
}

// ---------------------------------------------------------------------------------------------
// Projects.

const BRIEFING_BODY = [
  '# Prices',
  '',
  'Prices rose by a third in 2021 [1]. Wages fell in most regions [2] [3].',
  '',
  'Rents doubled in the capital since 2015 [4]. Nobody disputes this at all.',
  '',
].join('\n');

const REGISTRY_PATHS = ['refs.json', 'references.yaml', 'a.bib', '../outside/reg.json', '@OUT/reg.json', '@OUT/passwd', '/dev/zero', 'pipe', 'loop', 'zero-link', 'out-link/reg.json', 'missing.json'] as const;
const SNAPSHOT_PATHS = ['snap/s.html', '../outside/secret.html', '@OUT/secret.html', 'pipe', 'zero-link', 'urandom-link', 'loop', 'out-link/secret.html', 'missing.html', 'snap'] as const;

const frontMatter = fc.option(
  fc.oneof(
    fc.constantFrom(...REGISTRY_PATHS).map((p) => `references: ${p}`),
    fc.constantFrom(...REGISTRY_PATHS).map((p) => `bibliography: ${p}`),
    fc.constantFrom(...REGISTRY_PATHS).map((p) => `bibliography:\n  - a.bib\n  - ${p}`),
  ),
  { nil: undefined },
);

// Text that tries to reach the terminal or break a table: escape sequences, bidi overrides,
// table pipes, backticks, invisible characters inside markers.
const hostileText = fc.constantFrom(
  '',
  'Sales rose \u001b[31mred\u001b[0m by 9% [1].',
  'Costs fell \u001b]8;;http://x\u0007link\u001b]8;; by 2% [2].',
  'The rate rose \u202etxet desrever\u202c by 4% [3].',
  'Debt | rose | by 5% `code` [1].',
  'Exports fell by 3% [1\u200b].',
  'Imports fell by 3% [\ufeff2].',
  'Imports fell by 3% [1\u00a0,\u20092].',
  'Tariffs rose by 8% [\u202e1].',
  'Fees rose by 1% [99999999999999999999].',
);

const briefing = fc.record({ matter: frontMatter, extra: hostileText }).map(({ matter, extra }) => `${matter === undefined ? '' : `---\n${matter}\n---\n\n`}${BRIEFING_BODY}\n${extra}\n`);

const snapshotField = fc.option(fc.constantFrom(...SNAPSHOT_PATHS), { nil: undefined });
const nativeRegistry = fc
  .record({ snapshots: fc.array(snapshotField, { minLength: 4, maxLength: 4 }), title: fc.constantFrom('Prices', 'Esc \u001b[2J title', 'Pipe | title', '`tick`') })
  .map(({ snapshots, title }) =>
    JSON.stringify({
      references: snapshots.map((snapshot, i) => ({ id: i + 1, title: `${title} ${i + 1}`, url: `https://example.org/${i + 1}`, ...(snapshot === undefined ? {} : { snapshot }) })),
    }),
  );
const yamlRegistry = fc.constantFrom(
  'references:\n  - id: 1\n    title: One\n    url: https://example.org/1\n  - id: 2\n    title: Two\n    url: https://example.org/2\n',
  'references:\n  - id: 9007199254740993\n    title: Big\n  - id: 9007199254740992\n    title: Big too\n',
  `references:\n  - id: 1\n    title: x\n    snapshot: ../outside/secret.html\n`,
  'references: [',
);
const bibtex = fc.constantFrom(
  '@article{one,\n  title = {One},\n  url = {https://example.org/1}\n}\n',
  `@string{s0 = "ab"}\n${Array.from({ length: 24 }, (_, i) => `@string{s${i + 1} = s${i} # s${i}}`).join('\n')}\n@article{one, title = s24}\n`,
  '@article{one, title = {unterminated\n',
);
const config = fc
  .record({
    registry: fc.option(fc.constantFrom('refs.json', '../outside/reg.json', 'pipe', 'zero-link', 'loop'), { nil: undefined }),
    include: fc.option(fc.constantFrom(['**/*.md'], ['out-link/**/*.md'], ['self-dir/**/*.md'], ['*.md', 'docs']), { nil: undefined }),
  })
  .map((c) => JSON.stringify(c));

/** What may stand at each name: a regular file (its text), a link (its target), a FIFO, a folder. */
type Entry = { kind: 'file'; text: string } | { kind: 'link'; target: string } | { kind: 'fifo' } | { kind: 'dir' };

const file = (text: fc.Arbitrary<string>): fc.Arbitrary<Entry> => text.map((t) => ({ kind: 'file', text: t }));
const link = (...targets: string[]): fc.Arbitrary<Entry> => fc.constantFrom(...targets).map((target) => ({ kind: 'link', target }));
const fifo: fc.Arbitrary<Entry> = fc.constant({ kind: 'fifo' });

/** Each name of the project and what may stand there; absent is always possible. */
const LAYOUT: Record<string, fc.Arbitrary<Entry>> = {
  'a.md': file(briefing),
  'b.md': file(briefing),
  'docs/c.md': file(briefing),
  'refs.json': fc.oneof(file(nativeRegistry), link('../outside/reg.json', '/dev/zero')),
  'references.yaml': file(yamlRegistry),
  'a.bib': fc.oneof(file(bibtex), fifo),
  'a.refs.json': fc.oneof(fifo, link('/dev/zero', 'a.refs.json', '../outside/reg.json')),
  'references.json': fc.oneof(fifo, link('/dev/urandom', '../outside/reg.json')),
  'snap/s.html': file(fc.constant('<html><body><p>Prices rose by a third in 2021.</p></body></html>')),
  'citecheck.config.json': fc.oneof(file(config), file(fc.constant('{"include": ')), link('../outside/passwd')),
  pipe: fifo,
  'zero-link': link('/dev/zero'),
  'urandom-link': link('/dev/urandom'),
  'null-link': link('/dev/null'),
  loop: link('loop'),
  'out-link': link('../outside', '@OUT'),
  'evil.md': link('../outside/canary.md', '@OUT/canary.md'),
  'self-dir': link('.', '..'),
  'docs/up': link('..', '../..'),
};

const project = fc.record(Object.fromEntries(Object.entries(LAYOUT).map(([name, entry]) => [name, fc.option(entry, { nil: undefined, freq: 3 })])) as Record<string, fc.Arbitrary<Entry | undefined>>);

// ---------------------------------------------------------------------------------------------
// Command lines. Paths named here all lie inside the project (through whatever links).

const OUTPUTS = ['out/r.txt', 'a.md', 'refs.json', 'snap/s.html', 'citecheck.config.json', 'pipe', 'null-link', 'zero-link', 'docs', 'loop', 'evil.md'];
const maybe = <T,>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(arb, { nil: undefined, freq: 2 });
const flag = (name: string, value: fc.Arbitrary<string>): fc.Arbitrary<string[]> => maybe(value).map((v) => (v === undefined ? [] : [name, v]));

const lintLike = fc
  .record({
    command: fc.constantFrom('lint', 'report'),
    paths: fc.subarray(['a.md', 'b.md', 'docs', '.', '**/*.md', 'evil.md', 'self-dir', 'out-link', 'pipe', 'loop'], { maxLength: 3 }),
    format: fc.constantFrom('stylish', 'json', 'sarif', 'github', 'markdown', 'html', 'junit'),
    output: flag('-o', fc.constantFrom(...OUTPUTS)),
    badge: flag('--badge', fc.constantFrom('out/b.svg', 'b.md', 'null-link', 'pipe', 'out/r.txt')),
    cache: flag('--cache-location', fc.constantFrom('out/cache.json', 'a.md', 'pipe', 'null-link', 'refs.json')),
    baseline: flag('--baseline', fc.constantFrom('pipe', 'zero-link', 'refs.json', 'out/old.json', 'a.md', 'loop')),
    registry: flag('--registry', fc.constantFrom('refs.json', 'pipe', 'zero-link', 'loop', 'references.yaml', 'a.bib')),
    config: flag('--config', fc.constantFrom('citecheck.config.json', 'pipe', 'zero-link', 'loop', 'refs.json', 'evil.md', 'docs')),
    quiet: fc.constantFrom([], ['--quiet']),
    thresholds: fc.constantFrom([], ['--max-warnings', '0'], ['--min-coverage', '99.5']),
  })
  .map((c) => {
    const format = c.command === 'report' ? (['html', 'markdown', 'json'].includes(c.format) ? c.format : 'html') : c.format;
    return [c.command, ...c.paths, '--format', format, '--jobs', '1', ...c.output, ...c.badge, ...(c.cache.length > 0 ? ['--cache', ...c.cache] : []), ...c.baseline, ...c.registry, ...c.config, ...c.quiet, ...c.thresholds];
  });

const otherCommands = fc.oneof(
  fc.subarray(['out/old.json', 'refs.json', 'pipe', 'zero-link', 'a.md'], { minLength: 1 }).chain((files) => flag('-o', fc.constantFrom(...OUTPUTS)).map((o) => ['merge', ...files, ...o])),
  fc
    .tuple(fc.subarray(['refs.json', 'references.yaml', 'a.bib', 'pipe', 'zero-link', 'loop', 'references.json'], { minLength: 1 }), fc.constantFrom('stylish', 'json', 'github', 'markdown', 'sarif', 'junit'))
    .map(([files, format]) => ['registry', 'validate', ...files, '--format', format]),
  fc.tuple(fc.constantFrom('a.bib', 'refs.json', 'pipe', 'zero-link'), flag('-o', fc.constantFrom(...OUTPUTS))).map(([f, o]) => ['registry', 'import', f, ...o]),
  fc.tuple(fc.constantFrom('a.md', 'b.md', 'evil.md', 'pipe'), flag('-o', fc.constantFrom(...OUTPUTS))).map(([f, o]) => ['registry', 'extract', f, ...o]),
  fc.constant<string[]>(['init']),
);

const commandLine = fc.oneof({ arbitrary: lintLike, weight: 4 }, { arbitrary: otherCommands, weight: 1 });

// ---------------------------------------------------------------------------------------------
// Building a project on disk and taking its fingerprint.

function build(root: string, outside: string, layout: Record<string, Entry | undefined>): void {
  mkdirSync(root, { recursive: true });
  writeFileSync(join(root, '.git'), '');
  // An earlier JSON report, for --baseline and merge.
  mkdirSync(join(root, 'out'), { recursive: true });
  writeFileSync(join(root, 'out', 'old.json'), oldReport);
  const place = (text: string): string => text.replaceAll('@OUT', outside);
  for (const [name, entry] of Object.entries(layout)) {
    if (entry === undefined) continue;
    const path = join(root, name);
    mkdirSync(dirname(path), { recursive: true });
    if (entry.kind === 'file') writeFileSync(path, place(entry.text));
    else if (entry.kind === 'link') symlinkSync(place(entry.target), path);
    else if (entry.kind === 'fifo') execFileSync('mkfifo', [path]);
    else mkdirSync(path, { recursive: true });
  }
}

/** Kind, mode, link target and content hash of everything under `root`, without following links. */
function fingerprintTree(root: string): Map<string, string> {
  const seen = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const info = lstatSync(path);
      const key = relative(root, path);
      if (info.isSymbolicLink()) seen.set(key, `link ${readlinkSync(path)}`);
      else if (info.isDirectory()) {
        seen.set(key, `dir ${info.mode}`);
        walk(path);
      } else if (info.isFile()) seen.set(key, `file ${info.mode} ${createHash('sha256').update(readFileSync(path)).digest('hex')}`);
      else seen.set(key, `special ${info.mode} ${info.isFIFO() ? 'fifo' : 'other'}`);
    }
  };
  walk(root);
  return seen;
}

/** The paths a command line asks to be written. */
function outputsNamed(argv: string[]): string[] {
  const named: string[] = [];
  argv.forEach((word, i) => {
    if (['-o', '--output', '--badge', '--cache-location'].includes(word) && argv[i + 1] !== undefined) named.push(argv[i + 1] as string);
  });
  if (argv.includes('--cache') && !argv.includes('--cache-location')) named.push('node_modules/.cache/citecheck/cache.json');
  return named;
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** Where a recorded open() lands, links followed as far as they lead. */
function realTarget(path: string, cwd: string): string {
  const absolute = resolve(cwd, path);
  try {
    return realpathSync(absolute);
  } catch {
    return absolute;
  }
}

// Control characters a terminal acts on; tab and line feed are text.
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

interface Outcome {
  code: number | 'hung';
  stdout: string;
  stderr: string;
}

async function runWithCap(argv: string[], cwd: string): Promise<Outcome> {
  let stdout = '';
  let stderr = '';
  const io = { cwd, isTTY: false, stderrIsTTY: false, stdout: (s: string) => void (stdout += s), stderr: (s: string) => void (stderr += s) };
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<'hung'>((done) => {
    timer = setTimeout(() => done('hung'), CAP_MS);
  });
  const code = await Promise.race([main(argv, io), hung]);
  clearTimeout(timer);
  return { code, stdout, stderr };
}

const problemsSeen: string[] = [];

/** A JSON report of an ordinary run, as --baseline and merge expect. */
let oldReport = '';
beforeAll(async () => {
  const plain = mkdtempSync(join(tmpdir(), 'citecheck-run-old-'));
  writeFileSync(join(plain, '.git'), '');
  writeFileSync(join(plain, 'a.md'), `${BRIEFING_BODY}\n[1]: https://example.org/1\n[2]: https://example.org/2\n`);
  const run = await runWithCap(['lint', 'a.md', '--format', 'json'], plain);
  rmSync(plain, { recursive: true, force: true });
  oldReport = run.stdout;
  expect(JSON.parse(oldReport)).toHaveProperty('files');
});

describe('the hostile-input run: random projects and command lines', () => {
  it(
    'no hang, no stack, no file outside the project read, no input replaced, no raw control character printed',
    async () => {
      const base = realpathSync(mkdtempSync(join(tmpdir(), 'citecheck-run-')));
      let round = 0;
      try {
        await fc.assert(
          fc.asyncProperty(project, commandLine, async (layout, argv) => {
            const here = join(base, `r${round++}`);
            const outside = makeOutside(here);
            const root = join(here, 'project');
            build(root, outside, layout);
            const before = fingerprintTree(root);
            const outsideBefore = fingerprintTree(outside);
            opened.calls = [];

            const run = await runWithCap(argv, root);
            // The test's own reads below go through the same spies: only the run's are kept.
            const calls = opened.calls;
            opened.calls = [];
            const problems: string[] = [];
            if (run.code === 'hung') problems.push(`no answer after ${CAP_MS / 1000} s`);
            else if (![0, 1, 2].includes(run.code)) problems.push(`exit ${run.code}`);
            if (/\n\s+at /.test(run.stderr) || /\n\s+at /.test(run.stdout)) problems.push('a stack trace was printed');
            if (/unexpected problem/.test(run.stderr)) problems.push(`"unexpected problem": ${run.stderr.slice(0, 300)}`);
            if (RAW_CONTROL.test(run.stdout) || RAW_CONTROL.test(run.stderr)) problems.push(`a raw control character was printed: ${JSON.stringify((run.stdout + run.stderr).match(new RegExp(`.{0,30}${RAW_CONTROL.source}.{0,10}`))?.[0])}`);

            // Nothing outside was read: its canary is nowhere, and no open() landed there.
            const after = fingerprintTree(root);
            const changed = [...after.keys()].filter((k) => after.get(k) !== before.get(k));
            const written = changed.filter((k) => after.get(k)?.startsWith('file')).map((k) => readFileSync(join(root, k), 'utf8'));
            for (const text of [run.stdout, run.stderr, ...written]) if (text.includes(CANARY)) problems.push(`outside text reached the output: …${text.slice(Math.max(0, text.indexOf(CANARY) - 80), text.indexOf(CANARY) + 20)}…`);
            const read = new Set<string>();
            for (const { api, path } of calls) {
              const real = realTarget(path, root);
              if (api === 'read') read.add(real);
              if (isInside(outside, real)) problems.push(`${api} ${path}: it lies outside the project`);
            }

            // Nothing the user owns was replaced: what changed or appeared is an output the
            // command named (or the cache, or what init writes), and nothing the run read.
            const named = new Set(outputsNamed(argv).map((p) => realTarget(p, root)));
            for (const key of changed) {
              const real = realTarget(join(root, key), root);
              // The folders of a named output are made for it, as other linters do.
              const folderOfNamed = after.get(key)?.startsWith('dir') === true && !before.has(key) && [...named].some((n) => isInside(join(root, key), n));
              const allowed = named.has(real) || named.has(join(root, key)) || folderOfNamed || key.startsWith(`node_modules${sep}`) || key === 'node_modules' || (argv[0] === 'init' && !before.has(key));
              if (!allowed) problems.push(`${key} ${before.has(key) ? 'changed' : 'appeared'}: ${before.get(key) ?? 'nothing'} → ${after.get(key) ?? 'gone'}`);
              else if (before.get(key)?.startsWith('file') && read.has(real)) problems.push(`${key}, an input of the run, was overwritten`);
              else if (before.has(key) && !before.get(key)?.startsWith('file')) problems.push(`${key} (${before.get(key)}) was replaced by ${after.get(key) ?? 'nothing'}`);
            }
            for (const key of before.keys()) if (!after.has(key)) problems.push(`${key} was removed`);
            for (const key of after.keys()) if (key.endsWith('.citecheck.tmp')) problems.push(`temp file ${key} left behind`);
            const outsideAfter = fingerprintTree(outside);
            if ([...outsideBefore].some(([k, v]) => outsideAfter.get(k) !== v) || outsideAfter.size !== outsideBefore.size) problems.push('the outside folder changed');
            if (!lstatSync('/dev/null').isCharacterDevice()) problems.push('/dev/null is no longer a device');

            rmSync(here, { recursive: true, force: true });
            if (problems.length > 0) {
              problemsSeen.push(`${argv.join(' ')}\n  ${problems.join('\n  ')}`);
              return false;
            }
            return true;
          }),
          { numRuns: RUNS, seed: Number(process.env.CITECHECK_HOSTILE_SEED ?? 20261208), endOnFailure: false, interruptAfterTimeLimit: 600_000 },
        );
      } finally {
        rmSync(base, { recursive: true, force: true });
      }
    },
    900_000,
  );

  afterAll(() => {
    if (problemsSeen.length > 0) console.log(`hostile run, problems seen, the shrunk case last:\n${problemsSeen.slice(-3).join('\n')}`);
  });
});
