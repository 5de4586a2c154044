/*
 * Issue 12, what citecheck reads from paths that documents, registries, configs and options
 * name: nothing outside the project unless the user named it (items 3, 4), nothing that is not
 * a bounded regular file (items 7, 8), a damaged cache is a miss (item 6), and every refusal says
 * what the thing is (item 15). Through the command line, in a temp project with its own git root.
 *
 * A FIFO or /dev/zero read the old way blocks a thread or fills memory: those tests carry a
 * timeout so that a regression fails them instead of hanging the suite.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Report } from '@citecheck/model';
import { cli, noStack, type Run } from './testing/cli.js';

let base: string;
/** The project: a git root. */
let dir: string;
/** A folder beside the project, standing for the rest of the machine. */
let outside: string;
beforeEach(() => {
  base = mkdtempSync(join(tmpdir(), 'citecheck-inputs-'));
  dir = join(base, 'project');
  outside = join(base, 'elsewhere');
  mkdirSync(dir);
  mkdirSync(outside);
  writeFileSync(join(dir, '.git'), '');
});
afterEach(() => rmSync(base, { recursive: true, force: true }));

function put(root: string, path: string, content: string | object): string {
  const full = join(root, path);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, typeof content === 'string' ? content : JSON.stringify(content));
  return full;
}

const fifo = (path: string): void => {
  mkdirSync(dirname(path), { recursive: true });
  execFileSync('mkfifo', [path]);
};

const BRIEF = '# Courts\n\nCourt backlogs grew by 40% between 2019 and 2022 [1].\n';
const SOURCE = 'Court backlogs grew by 40% between 2019 and 2022, the ministry said.';
const registryWith = (snapshot: string): object => ({ references: [{ id: 1, title: 'Court statistics', url: 'https://example.org/courts', snapshot }] });
const SECRET = 'SECRET-TOKEN-4242';

const report = (run: Run): Report => JSON.parse(run.stdout) as Report;
const findings = (run: Run, ruleId: string): string[] =>
  report(run)
    .files.flatMap((f) => f.findings)
    .filter((f) => f.ruleId === ruleId)
    .map((f) => f.message);

/** Exit 2 with one `citecheck: …` line, no stack, nothing of the file's content. */
function refused(run: Run, ...mentions: RegExp[]): void {
  noStack(run);
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(/^citecheck: [^\n]*\n$/);
  expect(run.stderr).not.toContain(SECRET);
  expect(run.stderr).not.toMatch(/unexpected problem/);
  for (const mention of mentions) expect(run.stderr).toMatch(mention);
}

describe('item 3: a registry named by front matter stays inside the project', () => {
  it('references: an absolute path outside the project is refused, naming the path, never quoting the file', async () => {
    const secret = put(outside, 'credentials', `${SECRET}\nsecond line of the secret\n`);
    put(dir, 'b.md', `---\nreferences: ${secret}\n---\n${BRIEF}`);
    const run = await cli(dir, 'lint', 'b.md', '--format', 'json');
    refused(run, /b\.md/, new RegExp(`references: ${secret.replace(/[/.]/g, '\\$&')}`), /outside the project/);
  });

  it('a valid JSON registry outside the project is not loaded (its titles never shown)', async () => {
    const registry = put(outside, 'refs.json', { references: [{ id: 1, title: `Title ${SECRET}`, url: 'https://example.org/x' }] });
    put(dir, 'b.md', `---\nreferences: ../elsewhere/refs.json\n---\n${BRIEF}`);
    const run = await cli(dir, 'lint', 'b.md', '--format', 'json');
    refused(run, /\.\.\/elsewhere\/refs\.json/, /outside the project/);
    expect(run.stdout).toBe('');
    expect(readFileSync(registry, 'utf8')).toContain(SECRET);
  });

  it('bibliography: and a link inside the project that leads out are refused the same way', async () => {
    put(outside, 'refs.bib', `@article{k1, title={${SECRET}}, url={https://example.org/k}}\n`);
    put(dir, 'b.md', `---\nbibliography: ../elsewhere/refs.bib\n---\n${BRIEF}`);
    refused(await cli(dir, 'lint', 'b.md', '--format', 'json'), /bibliography/, /outside the project/);

    symlinkSync(join(outside, 'refs.bib'), join(dir, 'linked.bib'));
    put(dir, 'c.md', `---\nbibliography: linked.bib\n---\n${BRIEF}`);
    refused(await cli(dir, 'lint', 'c.md', '--format', 'json'), /linked\.bib/, /outside the project/);
  });

  it('references: /dev/zero is outside the project, not "registry file not found"', async () => {
    put(dir, 'b.md', `---\nreferences: /dev/zero\n---\n${BRIEF}`);
    const run = await cli(dir, 'lint', 'b.md', '--format', 'json');
    refused(run, /\/dev\/zero/, /outside the project/);
    expect(run.stderr).not.toMatch(/not found/);
  }, 15_000);

  it('a registry the user names that is not a registry is described, not quoted', async () => {
    put(outside, 'notes.yaml', `${SECRET} and more of the same line\n`);
    put(dir, 'b.md', BRIEF);
    const run = await cli(dir, 'lint', 'b.md', '--registry', join(outside, 'notes.yaml'), '--format', 'json');
    refused(run, /notes\.yaml:1:1: /, /must hold an object, got text/);
  });
});

describe('item 4: briefings a walk or a link meets outside the project are not linted', () => {
  beforeEach(() => {
    put(outside, 'x.md', `# Outside\n\nOUTSIDE-TEXT claims that prices rose by 12% in 2021.\n`);
    put(dir, 'a.md', BRIEF);
  });

  it('a committed link evil.md -> outside is left out of a folder walk, with a notice, and its text never reaches the HTML report', async () => {
    symlinkSync(join(outside, 'x.md'), join(dir, 'evil.md'));
    const lint = await cli(dir, 'lint', '.', '--format', 'json');
    noStack(lint);
    expect(report(lint).files.map((f) => f.path)).toEqual(['a.md']);
    expect(lint.stderr).toMatch(/evil\.md is a symbolic link to a place outside the project; not linted/);
    const html = await cli(dir, 'report', '.');
    expect(html.stdout).not.toContain('OUTSIDE-TEXT');
    const globbed = await cli(dir, 'lint', '*.md', '--format', 'json');
    expect(report(globbed).files.map((f) => f.path)).toEqual(['a.md']);
  });

  it('naming that link is refused too: the link was committed, not chosen', async () => {
    symlinkSync(join(outside, 'x.md'), join(dir, 'evil.md'));
    refused(await cli(dir, 'lint', 'evil.md', '--format', 'json'), /evil\.md is a symbolic link to a place outside the project/);
  });

  it('a folder walk does not follow outlink -> outside', async () => {
    symlinkSync(outside, join(dir, 'outlink'));
    const run = await cli(dir, 'lint', '.', '--format', 'json');
    expect(report(run).files.map((f) => f.path)).toEqual(['a.md']);
    expect(run.stdout).not.toContain('OUTSIDE-TEXT');
  });

  it('loop -> . lints each real file once', async () => {
    symlinkSync('.', join(dir, 'loop'));
    const run = await cli(dir, 'lint', '.', '--format', 'json');
    noStack(run);
    expect(report(run).summary.files).toBe(1);
    expect(report(run).files.map((f) => f.path)).toEqual(['a.md']);
  });

  it('a briefing the user names outside the project is their choice and is linted', async () => {
    const run = await cli(dir, 'lint', join(outside, 'x.md'), '--format', 'json');
    noStack(run);
    expect([0, 1]).toContain(run.code);
    expect(report(run).summary.files).toBe(1);
  });
});

describe('item 6: a damaged cache is a miss, and moving the project root invalidates it', () => {
  const cacheFile = (): string => join(dir, 'cache.json');
  const damage = (change: (entry: Record<string, unknown>) => void): void => {
    const data = JSON.parse(readFileSync(cacheFile(), 'utf8')) as { entries: Record<string, Record<string, unknown>> };
    for (const entry of Object.values(data.entries)) change(entry);
    writeFileSync(cacheFile(), JSON.stringify(data));
  };

  it.each([
    ['"result": null', (e: Record<string, unknown>) => void (e.result = null)],
    ['a garbage result', (e: Record<string, unknown>) => void (e.result = { file: { path: 5, findings: 'x' }, notices: 3 })],
    ['findings of the wrong shape', (e: Record<string, unknown>) => void ((e.result as { file: { findings: unknown } }).file.findings = [{ ruleId: 1 }])],
    ['inputs that are not paths', (e: Record<string, unknown>) => void (e.inputs = [null, 3])],
  ])('%s: the file is checked again, never skipped', async (_name, change) => {
    put(dir, 'b.md', '# Courts\n\nCourt backlogs grew by 40% between 2019 and 2022.\n');
    const first = await cli(dir, 'lint', 'b.md', '--format', 'json', '--cache', '--cache-location', 'cache.json');
    expect(report(first).summary.files).toBe(1);
    damage(change);
    const second = await cli(dir, 'lint', 'b.md', '--format', 'json', '--cache', '--cache-location', 'cache.json');
    noStack(second);
    expect(second.stderr).not.toMatch(/unexpected problem/);
    expect(report(second).summary.files).toBe(1);
    expect(report(second).files[0]?.findings.map((f) => f.ruleId)).toEqual(report(first).files[0]?.findings.map((f) => f.ruleId));
  });

  it('moving the config (the project root) re-checks: a snapshot now outside the root is refused, not a stale pass', async () => {
    put(dir, 'shared/court.txt', SOURCE);
    put(dir, 'docs/b.md', BRIEF);
    put(dir, 'docs/b.refs.json', registryWith('../shared/court.txt'));
    put(dir, 'citecheck.config.json', '{}\n');
    const docs = join(dir, 'docs');
    const args = ['lint', 'b.md', '--format', 'json', '--cache', '--cache-location', join(dir, 'cache.json')];
    const before = await cli(docs, ...args);
    expect(findings(before, 'unreadable-snapshot')).toEqual([]);
    renameSync(join(dir, 'citecheck.config.json'), join(docs, 'citecheck.config.json'));
    const after = await cli(docs, ...args);
    expect(findings(after, 'unreadable-snapshot')).toEqual([expect.stringMatching(/outside the project/)]);
  });
});

describe('item 7: with --cache, nothing that is not a regular file is read or hashed', () => {
  const lintCached = (): Promise<Run> => cli(dir, 'lint', 'b.md', '--format', 'json', '--cache', '--cache-location', 'cache.json');

  it('a FIFO snapshot: a finding that says FIFO, on the first run and the cached one', async () => {
    put(dir, 'b.md', BRIEF);
    put(dir, 'b.refs.json', registryWith('court.html'));
    fifo(join(dir, 'court.html'));
    for (const run of [await lintCached(), await lintCached()]) {
      noStack(run);
      expect(findings(run, 'unreadable-snapshot')).toEqual([expect.stringMatching(/court\.html.*is a named pipe \(FIFO\), not a file/)]);
    }
  }, 20_000);

  it('a FIFO at a registry name that is looked for is skipped with a notice, never read', async () => {
    put(dir, 'b.md', BRIEF);
    fifo(join(dir, 'b.refs.json'));
    put(dir, 'references.json', { references: [{ id: 1, title: 'Court statistics', url: 'https://example.org/courts', excerpts: [SOURCE] }] });
    for (const run of [await lintCached(), await lintCached()]) {
      noStack(run);
      expect(report(run).files[0]?.registry).toBe('references.json');
      expect(run.stderr).toMatch(/b\.refs\.json is a named pipe \(FIFO\), not a file, so it is not read as a registry/);
    }
  }, 20_000);

  it.each(['/dev/zero', '/dev/urandom'])('a snapshot linked to %s is a device, never read', async (device) => {
    put(dir, 'b.md', BRIEF);
    put(dir, 'b.refs.json', registryWith('court.txt'));
    symlinkSync(device, join(dir, 'court.txt'));
    const run = await lintCached();
    noStack(run);
    // The device lies outside the project; either way it is never read.
    expect(findings(run, 'unreadable-snapshot')).toEqual([expect.stringMatching(/court\.txt.*(outside the project|is a device)/)]);
  }, 20_000);

  it('--baseline /dev/zero and --baseline FIFO are refused, saying what they are', async () => {
    put(dir, 'b.md', '# Courts\n\nNothing is cited here.\n');
    refused(await cli(dir, 'lint', 'b.md', '--baseline', '/dev/zero'), /\/dev\/zero is a device, not a file/);
    fifo(join(dir, 'base.json'));
    refused(await cli(dir, 'lint', 'b.md', '--baseline', 'base.json'), /base\.json is a named pipe \(FIFO\), not a file/);
  }, 20_000);
});

describe('item 8: what is read is bounded, and the bound is said', () => {
  it(`a snapshot over the cap (READ_LIMITS.snapshot, 16 MiB) is an unreadable-snapshot finding giving its size and the cap, never read`, async () => {
    put(dir, 'b.md', BRIEF);
    put(dir, 'b.refs.json', registryWith('huge.txt'));
    // Sparse: the size is real, the disk is not spent; reading it would still cost 200 MB.
    writeFileSync(join(dir, 'huge.txt'), '');
    truncateSync(join(dir, 'huge.txt'), 200 * 2 ** 20);
    const run = await cli(dir, 'lint', 'b.md', '--format', 'json');
    noStack(run);
    expect(findings(run, 'unreadable-snapshot')).toEqual([expect.stringMatching(/huge\.txt.* is 200 MiB, more than the 16 MiB citecheck reads of one snapshot/)]);
  }, 20_000);

  it('a briefing and a registry over their caps are refused with both sizes', async () => {
    writeFileSync(join(dir, 'big.md'), '');
    truncateSync(join(dir, 'big.md'), 40 * 2 ** 20);
    refused(await cli(dir, 'lint', 'big.md'), /big\.md is 40 MiB, more than the 16 MiB citecheck reads of one briefing/);
    put(dir, 'b.md', BRIEF);
    writeFileSync(join(dir, 'big.json'), '');
    truncateSync(join(dir, 'big.json'), 40 * 2 ** 20);
    refused(await cli(dir, 'lint', 'b.md', '--registry', 'big.json'), /big\.json is 40 MiB, more than the 16 MiB citecheck reads of one registry/);
  }, 20_000);
});

describe('item 15: each refusal says what the thing is', () => {
  it('a snapshot in a link loop says loop, not "not found"', async () => {
    put(dir, 'b.md', BRIEF);
    put(dir, 'b.refs.json', registryWith('court.txt'));
    symlinkSync('court.txt', join(dir, 'court.txt'));
    const run = await cli(dir, 'lint', 'b.md', '--format', 'json');
    expect(findings(run, 'unreadable-snapshot')).toEqual([expect.stringMatching(/court\.txt.*leads back to itself/)]);
  });

  it('--registry on a link loop or a FIFO says so', async () => {
    put(dir, 'b.md', BRIEF);
    symlinkSync('loop.json', join(dir, 'loop.json'));
    refused(await cli(dir, 'lint', 'b.md', '--registry', 'loop.json'), /loop\.json is a symbolic link that leads back to itself/);
    fifo(join(dir, 'pipe.json'));
    refused(await cli(dir, 'lint', 'b.md', '--registry', 'pipe.json'), /pipe\.json is a named pipe \(FIFO\), not a file/);
  }, 20_000);

  it.each([
    ['flow lists', `references: ${'['.repeat(5000)}${']'.repeat(5000)}\n`, 1],
    ['block lists', `references:\n${Array.from({ length: 3000 }, (_, i) => `${' '.repeat(2 * i + 2)}-`).join('\n')} x\n`, 0],
  ])('a YAML registry of %s nested thousands deep: "too deep", at its place, not a YAML syntax error', async (_name, text, line) => {
    put(dir, 'b.md', BRIEF);
    put(dir, 'refs.yaml', text);
    const run = await cli(dir, 'lint', 'b.md', '--registry', 'refs.yaml');
    refused(run, /refs\.yaml:\d+:\d+: lists and objects nest more than 64 levels deep here, too deep for citecheck to read/);
    expect(run.stderr).not.toMatch(/syntax error|call stack/i);
    if (line > 0) expect(run.stderr).toMatch(new RegExp(`refs\\.yaml:${line}:`));
  }, 20_000);

  it('an HTML snapshot nested thousands deep: the finding says so, not an internal error', async () => {
    put(dir, 'b.md', BRIEF);
    put(dir, 'b.refs.json', registryWith('deep.html'));
    put(dir, 'deep.html', `${'<div>'.repeat(20_000)}${SOURCE}`);
    const run = await cli(dir, 'lint', 'b.md', '--format', 'json');
    noStack(run);
    expect(findings(run, 'unreadable-snapshot')).toEqual([expect.stringMatching(/deep\.html.*nested too deeply .*for citecheck to read/)]);
    expect(run.stdout).not.toMatch(/call stack/i);
  }, 20_000);
});

// Found by the hostile-input run (hostile-run.test.ts), each fixed and pinned here.
describe('links committed in the project that lead out of it, wherever the path comes from', () => {
  const secretRegistry = (): string => put(outside, 'refs.json', { references: [{ id: 1, title: `Title ${SECRET}`, url: 'https://example.org/x' }] });

  it('a config found by the search that is a link out of the project is refused, not read', async () => {
    const secret = put(outside, 'passwd', `root:x:0:0:${SECRET}\n`);
    symlinkSync(secret, join(dir, 'citecheck.config.json'));
    put(dir, 'b.md', BRIEF);
    refused(await cli(dir, 'lint', 'b.md', '--format', 'json'), /citecheck\.config\.json/, /outside the project/);
  });

  it('the config\'s "registry" outside the project is refused at its place, not read', async () => {
    secretRegistry();
    put(dir, 'citecheck.config.json', { registry: '../elsewhere/refs.json' });
    put(dir, 'b.md', BRIEF);
    refused(await cli(dir, 'lint', 'b.md', '--format', 'json'), /citecheck\.config\.json:1:\d+/, /"registry" names a file outside the project/);
  });

  it('the config\'s "include" globs stay in the project: files they reach outside are left out with a notice', async () => {
    put(outside, 'x.md', `${SECRET} rose by 3% [1].\n`);
    put(dir, 'citecheck.config.json', { include: ['../elsewhere/*.md', '*.md'] });
    put(dir, 'b.md', BRIEF);
    const run = await cli(dir, 'lint', '--format', 'json');
    expect(run.stdout).not.toContain(SECRET);
    expect(report(run).files.map((f) => f.path)).toEqual(['b.md']);
    expect(run.stderr).toMatch(/x\.md lies outside the project; not linted/);
  });

  it.each([
    ['--registry', (link: string) => ['lint', 'b.md', '--format', 'json', '--registry', link]],
    ['--baseline', (link: string) => ['lint', 'b.md', '--format', 'json', '--baseline', link]],
    ['merge', (link: string) => ['merge', link]],
    ['registry validate', (link: string) => ['registry', 'validate', link]],
    ['registry import', (link: string) => ['registry', 'import', link]],
  ])('%s naming a link in the project that leads out: refused, not read', async (_what, argv) => {
    symlinkSync(secretRegistry(), join(dir, 'refs.json'));
    put(dir, 'b.md', BRIEF);
    const run = await cli(dir, ...argv('refs.json'));
    noStack(run);
    expect(run.code).toBe(2);
    expect(run.stdout + run.stderr).not.toContain(SECRET);
    expect(run.stderr).toMatch(/refs\.json is a symbolic link to a place outside the project/);
  });

  it('registry extract of a briefing that is a link out of the project: refused, not read', async () => {
    const briefing = put(outside, 'b.md', `${BRIEF}\n[1]: https://example.org/${SECRET}\n`);
    symlinkSync(briefing, join(dir, 'b.md'));
    refused(await cli(dir, 'registry', 'extract', 'b.md'), /b\.md is a symbolic link to a place outside the project/);
  });

  it.each(['-o', '--badge', '--cache-location'])('%s through a link to a file outside the project: refused, the file untouched', async (flag) => {
    const target = put(outside, 'notes.txt', SECRET);
    symlinkSync(target, join(dir, 'out.txt'));
    put(dir, 'b.md', BRIEF);
    const run = await cli(dir, 'lint', 'b.md', ...(flag === '--cache-location' ? ['--cache'] : []), flag, 'out.txt');
    refused(run, new RegExp(`${flag} .*out\\.txt is a symbolic link to a place outside the project`));
    expect(readFileSync(target, 'utf8')).toBe(SECRET);
  });

  it('-o through a link to nothing outside the project: refused, no file created where it points', async () => {
    symlinkSync(join(outside, 'created.txt'), join(dir, 'out.txt'));
    put(dir, 'b.md', BRIEF);
    refused(await cli(dir, 'lint', 'b.md', '-o', 'out.txt'), /out\.txt is a symbolic link to a place outside the project/);
    expect(() => readFileSync(join(outside, 'created.txt'))).toThrow();
  });

  it('-o through a link to nothing inside the project: the file is created there, the link kept', async () => {
    symlinkSync('reports/created.json', join(dir, 'out.json'));
    mkdirSync(join(dir, 'reports'));
    put(dir, 'b.md', BRIEF);
    const run = await cli(dir, 'lint', 'b.md', '--format', 'json', '-o', 'out.json');
    expect(run.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'reports', 'created.json'), 'utf8'))).toHaveProperty('files');
  });
});

describe('Markdown snapshots pass the limits briefings do', () => {
  it('a snapshot with lists 2,000 deep is an unreadable-snapshot finding at once, naming the line, not minutes of parsing', async () => {
    put(dir, 'sources/deep.md', Array.from({ length: 2000 }, (_, i) => `${'  '.repeat(i)}- item`).join('\n'));
    put(dir, 'refs.json', registryWith('sources/deep.md'));
    put(dir, 'b.md', BRIEF);
    const run = await cli(dir, 'lint', 'b.md', '--registry', 'refs.json', '--format', 'json');
    noStack(run);
    expect(findings(run, 'unreadable-snapshot')).toEqual([expect.stringMatching(/^The snapshot "sources\/deep\.md" of reference 1 is not read: at line 101, lists or block quotes nest about 101 levels deep/)]);
  }, 20_000);
});

describe('globs that match nothing', () => {
  it('one of several globs matching nothing is fine (init\'s include of .md and .txt in a project of .md files)', async () => {
    put(dir, 'briefs/b.md', BRIEF);
    put(dir, 'citecheck.config.json', { include: ['briefs/**/*.md', 'briefs/**/*.txt'] });
    const run = await cli(dir, 'lint', '--format', 'json');
    expect(run.code, run.stderr).toBe(0);
    expect(report(run).files.map((f) => f.path)).toEqual(['briefs/b.md']);
  });

  it('every glob matching nothing is exit 2, naming them: a typo must not pass CI as "no findings"', async () => {
    put(dir, 'briefs/b.md', BRIEF);
    refused(await cli(dir, 'lint', 'brefs/**/*.md', 'brefs/**/*.txt'), /no files match brefs\/\*\*\/\*\.md or brefs\/\*\*\/\*\.txt/);
  });
});
