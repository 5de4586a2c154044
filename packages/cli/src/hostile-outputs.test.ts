/*
 * Issue 12, what citecheck writes (-o, --badge, --cache-location, registry import/extract -o,
 * init), tried as an attacker and a careless user would:
 *
 * - a path that is a pipe, a device or a link to one is written in place or refused, never
 *   renamed over; a link to a regular file is followed and the file's mode kept;
 * - a write killed by SIGINT/SIGTERM leaves no temp file; a killed run's leftovers are swept;
 * - no output is one of the run's inputs, or another output;
 * - folders that cannot be written get a clear message, exit 2.
 *
 * Devices are never made here: the stand-in for one is a link, inside the temp folder, to
 * /dev/null, and every such test checks that /dev/null is still a character device after. The
 * runs that would hang on today's code (a FIFO read as the cache) or must own their standard
 * output or signals run in a child process with a cap.
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  constants,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Report } from '@citecheck/model';
import { cli, noStack } from './testing/cli.js';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const mainSource = fileURLToPath(new URL('./main.ts', import.meta.url));
const tsx = createRequire(join(repo, 'package.json')).resolve('tsx');

const BRIEF = '# Prices\n\nPrices rose by a third in 2021 [1].\n';
const REGISTRY = '{"references": [{"id": 1, "title": "A", "url": "https://example.org/a"}]}';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'citecheck-outputs-'));
  // A git root stops the config and registry search inside the temp folder.
  writeFileSync(join(dir, '.git'), '');
  writeFileSync(join(dir, 'b.md'), BRIEF);
  writeFileSync(join(dir, 'b.refs.json'), REGISTRY);
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const at = (name: string): string => join(dir, name);
/** Every name in the folder, hidden ones (temp files) included. */
const names = (folder = dir): string[] => readdirSync(folder).sort();
const devNullIsADevice = (): boolean => statSync('/dev/null').isCharacterDevice();

/** A one-line `citecheck: …` message, exit 2, no stack. */
function refused(run: { code: number; stdout: string; stderr: string }, pattern: RegExp): void {
  noStack(run);
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(/^citecheck: [^\n]+\n$/);
  expect(run.stderr).toMatch(pattern);
  expect(run.stderr).not.toMatch(/unexpected problem|EEXIST|EACCES|ENOTDIR/);
}

// ---------------------------------------------------------------------------------------------
// The command line in a child process: its own standard output, signals and uid.

interface ChildRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/**
 * With CITECHECK_STALL set, the first write of a temp file writes half its data, says STALLED
 * on standard error and never returns: a write in progress, for a signal to land in. The patch
 * goes into node:fs/promises itself, so the code under test is loaded unchanged.
 */
const CHILD = String.raw`
import { createRequire, syncBuiltinESMExports } from 'node:module';
const [mainPath, ...argv] = JSON.parse(process.env.CITECHECK_ARGS);
if (process.env.CITECHECK_STALL) {
  const fsp = createRequire(import.meta.url)('node:fs/promises');
  const real = fsp.writeFile;
  fsp.writeFile = async (path, data, options) => {
    if (!String(path).endsWith('.citecheck.tmp')) return real(path, data, options);
    await real(path, String(data).slice(0, 10), options);
    process.stderr.write('STALLED\n');
    setInterval(() => {}, 1000);
    return new Promise(() => {});
  };
  syncBuiltinESMExports();
}
const { main } = await import(mainPath);
process.exitCode = await main(argv);
`;

function child(cwd: string, argv: string[], options: { capMs?: number; env?: Record<string, string>; uid?: number; onStderr?: (text: string, pid: number) => void } = {}): Promise<ChildRun> {
  return new Promise((resolvePromise) => {
    const proc = spawn(process.execPath, ['--conditions=source', '--import', tsx, '--input-type=module', '-e', CHILD], {
      cwd,
      env: { ...process.env, ...options.env, CITECHECK_ARGS: JSON.stringify([mainSource, ...argv]) },
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(options.uid !== undefined ? { uid: options.uid, gid: options.uid } : {}),
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    // Start-up (the pipeline loaded through tsx) takes a few seconds; a hang takes forever.
    const timer = setTimeout(() => {
      timedOut = true;
      proc.kill('SIGKILL');
    }, options.capMs ?? 30_000);
    proc.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    proc.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      options.onStderr?.(stderr, proc.pid ?? 0);
    });
    proc.on('close', (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ code, signal, stdout, stderr, timedOut });
    });
  });
}

// ---------------------------------------------------------------------------------------------

describe('an output path that is not a regular file is written in place or refused, never replaced', () => {
  it('-o a link to /dev/null: written to the device, the link and /dev/null kept, nothing else appears', async () => {
    symlinkSync('/dev/null', at('report.json'));
    const before = names();
    const run = await cli(dir, 'lint', 'b.md', '--format', 'json', '-o', 'report.json');
    noStack(run);
    expect(run.code).toBe(0);
    expect(lstatSync(at('report.json')).isSymbolicLink()).toBe(true);
    expect(devNullIsADevice()).toBe(true);
    expect(names()).toEqual(before);
  });

  it('--badge a link to /dev/null: the same', async () => {
    symlinkSync('/dev/null', at('badge.svg'));
    const before = names();
    const run = await cli(dir, 'report', 'b.md', '-o', 'coverage.html', '--badge', 'badge.svg');
    noStack(run);
    expect(run.code).toBe(0);
    expect(lstatSync(at('badge.svg')).isSymbolicLink()).toBe(true);
    expect(devNullIsADevice()).toBe(true);
    expect(names()).toEqual([...before, 'coverage.html'].sort());
  });

  it('--cache-location a link to /dev/null: said once, the cache neither read nor written there, the lint unharmed', async () => {
    symlinkSync('/dev/null', at('cache.json'));
    const before = names();
    for (let i = 0; i < 2; i++) {
      const run = await cli(dir, 'lint', 'b.md', '--cache', '--cache-location', 'cache.json');
      noStack(run);
      expect(run.code).toBe(0);
      expect(run.stderr).toBe('citecheck: the cache cache.json is a device, not a file: results are neither read from it nor saved to it this run\n');
      expect(run.stdout).toMatch(/1 file checked/);
    }
    expect(lstatSync(at('cache.json')).isSymbolicLink()).toBe(true);
    expect(devNullIsADevice()).toBe(true);
    expect(names()).toEqual(before);
  });

  it('-o a FIFO nobody reads: refused at once, saying so; the FIFO kept', async () => {
    spawnSync('mkfifo', [at('pipe')]);
    const run = await cli(dir, 'lint', 'b.md', '--format', 'json', '-o', 'pipe');
    refused(run, /cannot write pipe: it is a named pipe \(FIFO\) that nothing is reading; start the reader first/);
    expect(lstatSync(at('pipe')).isFIFO()).toBe(true);
  });

  it('-o a FIFO with a reader: the report goes down the pipe; the FIFO kept', async () => {
    spawnSync('mkfifo', [at('pipe')]);
    // Opened without blocking, the reader is there before citecheck opens the pipe.
    const reader = openSync(at('pipe'), constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      const run = await cli(dir, 'lint', 'b.md', '--format', 'json', '-o', 'pipe');
      noStack(run);
      expect(run.code).toBe(0);
      const buffer = Buffer.alloc(1 << 16);
      let text = '';
      for (;;) {
        let n = 0;
        try {
          n = readSync(reader, buffer);
        } catch {
          break;
        }
        if (n === 0) break;
        text += buffer.subarray(0, n).toString();
      }
      expect((JSON.parse(text) as Report).files.map((f) => f.path)).toEqual(['b.md']);
    } finally {
      closeSync(reader);
    }
    expect(lstatSync(at('pipe')).isFIFO()).toBe(true);
  });

  it('--cache-location a FIFO: no hang; said once, the FIFO kept', async () => {
    spawnSync('mkfifo', [at('cache.fifo')]);
    const run = await child(dir, ['lint', 'b.md', '--cache', '--cache-location', 'cache.fifo']);
    expect(run.timedOut).toBe(false);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('citecheck: the cache cache.fifo is a named pipe (FIFO), not a file: results are neither read from it nor saved to it this run\n');
    expect(lstatSync(at('cache.fifo')).isFIFO()).toBe(true);
  }, 60_000);

  it('-o a link to /proc/self/fd/1: the report goes to standard output; the link kept', async () => {
    symlinkSync('/proc/self/fd/1', at('out.json'));
    const before = names();
    const run = await child(dir, ['lint', 'b.md', '--format', 'json', '-o', 'out.json']);
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as Report).files.map((f) => f.path)).toEqual(['b.md']);
    expect(lstatSync(at('out.json')).isSymbolicLink()).toBe(true);
    expect(names()).toEqual(before);
  }, 60_000);

  it('a socket or a disk is refused', async () => {
    // A listening Unix socket stands in for any path that no report should go to.
    const { createServer } = await import('node:net');
    const server = createServer();
    await new Promise<void>((done) => server.listen(at('sock'), done));
    try {
      const run = await cli(dir, 'lint', 'b.md', '-o', 'sock');
      refused(run, /cannot write sock: it is a socket; name a file, a named pipe or a terminal/);
      expect(lstatSync(at('sock')).isSocket()).toBe(true);
    } finally {
      server.close();
    }
  });
});

describe('a regular file replaced keeps its mode; a link to one is followed', () => {
  it('an earlier report of mode 600 is replaced by one of mode 600', async () => {
    writeFileSync(at('report.json'), 'earlier');
    chmodSync(at('report.json'), 0o600);
    const run = await cli(dir, 'lint', 'b.md', '--format', 'json', '-o', 'report.json');
    expect(run.code).toBe(0);
    expect(statSync(at('report.json')).mode & 0o7777).toBe(0o600);
    expect(readFileSync(at('report.json'), 'utf8')).toContain('"b.md"');
  });

  it('-o a link to a file: the file is replaced (mode kept), the link stays a link', async () => {
    mkdirSync(at('reports'));
    writeFileSync(at('reports/real.json'), 'earlier');
    chmodSync(at('reports/real.json'), 0o640);
    symlinkSync('reports/real.json', at('report.json'));
    const run = await cli(dir, 'lint', 'b.md', '--format', 'json', '-o', 'report.json');
    expect(run.code).toBe(0);
    expect(lstatSync(at('report.json')).isSymbolicLink()).toBe(true);
    expect(statSync(at('reports/real.json')).mode & 0o7777).toBe(0o640);
    expect((JSON.parse(readFileSync(at('reports/real.json'), 'utf8')) as Report).files.map((f) => f.path)).toEqual(['b.md']);
    expect(names(at('reports'))).toEqual(['real.json']);
  });
});

describe('temp files do not outlive the write', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`${signal} during the write: the temp file removed, the earlier report untouched, the run ends by ${signal}`, async () => {
      writeFileSync(at('report.json'), 'earlier');
      let sawTemp = false;
      let sent = false;
      const run = await child(dir, ['lint', 'b.md', '--format', 'json', '-o', 'report.json'], {
        env: { CITECHECK_STALL: '1' },
        onStderr: (text, pid) => {
          if (sent || !text.includes('STALLED')) return;
          sent = true;
          sawTemp = names().some((n) => n.endsWith('.citecheck.tmp'));
          process.kill(pid, signal);
        },
      });
      expect(run.timedOut).toBe(false);
      // The signal came while the temp file existed, so the test tried what it claims to.
      expect(sawTemp).toBe(true);
      expect(run.signal).toBe(signal);
      expect(names()).toEqual(['.git', 'b.md', 'b.refs.json', 'report.json']);
      expect(readFileSync(at('report.json'), 'utf8')).toBe('earlier');
    }, 60_000);
  }

  it('temp files of runs that died are swept from the output folder; a live run’s are left alone', async () => {
    // A process that has exited and been waited for: its pid runs nothing now.
    const dead = spawnSync('true').pid;
    const live = process.ppid;
    const stale = [`.report.json.${dead}.0a1b2c3d.citecheck.tmp`, `.${dead}.1700000000000.citecheck.tmp`];
    const running = `.report.json.${live}.0a1b2c3d.citecheck.tmp`;
    for (const name of [...stale, running]) writeFileSync(at(name), 'half a report');
    const run = await cli(dir, 'lint', 'b.md', '--format', 'json', '-o', 'report.json');
    expect(run.code).toBe(0);
    expect(names()).toEqual([running, '.git', 'b.md', 'b.refs.json', 'report.json'].sort());
  });
});

describe('no output is one of the inputs, or another output', () => {
  const untouched = (name: string, text: string): void => expect(readFileSync(at(name), 'utf8')).toBe(text);

  it('lint b.md -o b.md: refused, the briefing kept', async () => {
    refused(await cli(dir, 'lint', 'b.md', '-o', 'b.md'), /-o b\.md is a briefing this run reads; citecheck never writes over its inputs/);
    untouched('b.md', BRIEF);
  });

  it('-o the registry, directly or through a link: refused, the registry kept', async () => {
    refused(await cli(dir, 'lint', 'b.md', '--format', 'json', '-o', 'b.refs.json'), /-o b\.refs\.json is a registry or snapshot this run reads/);
    symlinkSync('b.refs.json', at('alias.json'));
    refused(await cli(dir, 'report', 'b.md', '--format', 'json', '-o', 'alias.json'), /-o alias\.json is a registry or snapshot this run reads \(it leads to b\.refs\.json\)/);
    refused(await cli(dir, 'lint', 'b.md', '--registry', 'b.refs.json', '--badge', 'b.refs.json'), /--badge b\.refs\.json is the registry this run reads/);
    untouched('b.refs.json', REGISTRY);
  });

  it('-o a path where the run looks for a registry: refused, nothing created there', async () => {
    // Without b.refs.json every place a registry may be is looked at; the report written at
    // one of them would be read as the registry next run.
    rmSync(at('b.refs.json'));
    const run = await cli(dir, 'lint', 'b.md', '-o', 'references.yaml');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/\ncitecheck: -o references\.yaml is where this run looks for a registry or snapshot; citecheck never writes over its inputs[^\n]*\n$/);
    expect(existsSync(at('references.yaml'))).toBe(false);
  });

  it('--cache-location a briefing: refused, the briefing kept', async () => {
    refused(await cli(dir, 'lint', 'b.md', '--cache', '--cache-location', 'b.md'), /--cache-location b\.md is a briefing this run reads/);
    untouched('b.md', BRIEF);
  });

  it('-o the config file or the baseline: refused, each kept', async () => {
    const config = '{"include": ["*.md"]}\n';
    writeFileSync(at('citecheck.config.json'), config);
    refused(await cli(dir, 'lint', '-o', 'citecheck.config.json'), /-o citecheck\.config\.json is the config file this run reads/);
    untouched('citecheck.config.json', config);
    expect((await cli(dir, 'lint', '--format', 'json', '-o', 'base.json')).code).toBe(0);
    const baseline = readFileSync(at('base.json'), 'utf8');
    refused(await cli(dir, 'lint', '--baseline', 'base.json', '--format', 'json', '-o', 'base.json'), /-o base\.json is the baseline report this run reads/);
    untouched('base.json', baseline);
    refused(await cli(dir, 'merge', 'base.json', '--format', 'json', '-o', 'base.json'), /-o base\.json is a report being merged this run reads/);
    untouched('base.json', baseline);
  });

  it('registry validate, import and extract -o their own input: refused, even with --force', async () => {
    refused(await cli(dir, 'registry', 'validate', 'b.refs.json', '--format', 'json', '-o', 'b.refs.json'), /-o b\.refs\.json is a registry being validated this run reads/);
    refused(await cli(dir, 'registry', 'import', 'b.refs.json', '-o', 'b.refs.json', '--force'), /-o b\.refs\.json is the file being imported this run reads/);
    writeFileSync(at('own.md'), '# Own\n\nPrices rose [1].\n\n[1]: https://example.org/1\n');
    refused(await cli(dir, 'registry', 'extract', 'own.md', '-o', 'own.md', '--force'), /-o own\.md is the briefing being read this run reads/);
    untouched('b.refs.json', REGISTRY);
  });

  it('-o and --badge on one path, or -o and --cache-location: refused before anything is written', async () => {
    const before = names();
    refused(await cli(dir, 'report', 'b.md', '-o', 'out.html', '--badge', 'out.html'), /--badge out\.html is the same file as -o out\.html; give each output its own path/);
    refused(await cli(dir, 'lint', 'b.md', '-o', 'out.json', '--cache', '--cache-location', './out.json'), /--cache-location out\.json is the same file as -o out\.json/);
    expect(names()).toEqual(before);
  });
});

describe('folders that cannot be written: a clear message, exit 2', () => {
  it('registry import -o under a file: names the file in the way', async () => {
    writeFileSync(at('notes.txt'), 'a file');
    refused(await cli(dir, 'registry', 'import', 'b.refs.json', '-o', 'notes.txt/refs.yaml'), /cannot create the folder for notes\.txt\/refs\.yaml: notes\.txt is a file, not a folder/);
    refused(await cli(dir, 'registry', 'import', 'b.refs.json', '-o', 'notes.txt/refs.yaml', '--force'), /notes\.txt is a file, not a folder/);
    expect(names()).toEqual(['.git', 'b.md', 'b.refs.json', 'notes.txt']);
  });

  // Root writes anywhere, so as root the run is made as the unprivileged user "nobody".
  const asRoot = process.getuid?.() === 0;
  const runIn = async (cwd: string, ...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> => {
    if (!asRoot) return cli(cwd, ...argv);
    const run = await child(cwd, argv, { uid: 65534 });
    return { code: run.code ?? -1, stdout: run.stdout, stderr: run.stderr };
  };

  it('registry import -o into a read-only folder, and init there: permission denied, nothing written', async () => {
    chmodSync(dir, 0o755);
    mkdirSync(at('ro'));
    writeFileSync(at('ro/.git'), '');
    chmodSync(at('ro'), 0o555);
    refused(await runIn(dir, 'registry', 'import', 'b.refs.json', '-o', 'ro/refs.yaml'), /cannot write ro\/refs\.yaml: permission denied; choose a folder you can write to/);
    refused(await runIn(at('ro'), 'init'), /cannot write citecheck\.config\.json: permission denied/);
    expect(names(at('ro'))).toEqual(['.git']);
  }, 60_000);
});
