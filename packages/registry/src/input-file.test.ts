import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readInputFile, readInputFileSync } from './input-file.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'citecheck-input-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe.each([
  ['readInputFile', readInputFile],
  ['readInputFileSync', async (path: string, options: { maxBytes: number }) => readInputFileSync(path, options)],
] as const)('%s', (_name, read) => {
  it('reads a regular file whole', async () => {
    writeFileSync(join(dir, 'a.txt'), 'hello');
    const result = await read(join(dir, 'a.txt'), { maxBytes: 5 });
    expect(result.ok && result.bytes.toString()).toBe('hello');
  });

  it('a file one byte over the bound is too large, and not read', async () => {
    writeFileSync(join(dir, 'a.txt'), 'hello!');
    expect(await read(join(dir, 'a.txt'), { maxBytes: 5 })).toMatchObject({ ok: false, reason: 'too-large' });
  });

  it('a FIFO is refused at once instead of blocking for a writer', async () => {
    execFileSync('mkfifo', [join(dir, 'pipe')]);
    expect(await read(join(dir, 'pipe'), { maxBytes: 100 })).toMatchObject({ ok: false, reason: 'not-a-file', kind: 'fifo', problem: 'is a named pipe (FIFO), not a file' });
  });

  it('/dev/zero is a device, never read', async () => {
    expect(await read('/dev/zero', { maxBytes: 100 })).toMatchObject({ ok: false, reason: 'not-a-file', kind: 'device' });
  });

  it('a folder, a missing path and a link loop each say what they are', async () => {
    mkdirSync(join(dir, 'sub'));
    symlinkSync('loop', join(dir, 'loop'));
    expect(await read(join(dir, 'sub'), { maxBytes: 100 })).toMatchObject({ ok: false, kind: 'folder' });
    expect(await read(join(dir, 'nothing'), { maxBytes: 100 })).toMatchObject({ ok: false, reason: 'missing' });
    expect(await read(join(dir, 'loop'), { maxBytes: 100 })).toMatchObject({ ok: false, reason: 'loop' });
  });
});
