import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CitecheckError } from '@citecheck/model';
import { beforeEach, describe, expect, it } from 'vitest';
import { affectedBriefings, changedFiles } from './changed.js';

// The tests' commits must not depend on the machine's git identity or global settings.
const env = {
  ...process.env,
  GIT_AUTHOR_NAME: 'test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
};

const git = (cwd: string, ...args: string[]): string => execFileSync('git', args, { cwd, env, encoding: 'utf8' });

function write(dir: string, path: string, text = `${path}\n`): void {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), text);
}

function commit(dir: string, message: string): void {
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', message);
}

async function changed(cwd: string, ref?: string): Promise<string[]> {
  const { root, files } = await changedFiles(cwd, ref);
  return files.map((f) => f.slice(root.length + 1).replaceAll('\\', '/'));
}

async function failure(promise: Promise<unknown>): Promise<CitecheckError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CitecheckError);
  return error as CitecheckError;
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'citecheck-changed-'));
  git(dir, 'init', '-q', '-b', 'main');
  write(dir, 'base.md');
  write(dir, 'old.md');
  write(dir, 'gone.md');
  write(dir, 'keep.md');
  write(dir, '.gitignore', 'ignored.md\n');
  commit(dir, 'base');
  git(dir, 'checkout', '-q', '-b', 'feature');
  return () => rmSync(dir, { recursive: true, force: true });
});

describe('changedFiles', () => {
  it('lists committed, staged, unstaged and untracked files, without deleted or ignored ones', async () => {
    write(dir, 'committed.md');
    git(dir, 'rm', '-q', 'gone.md');
    git(dir, 'mv', 'old.md', 'renamed.md');
    commit(dir, 'feature work');
    write(dir, 'staged.md');
    git(dir, 'add', 'staged.md');
    write(dir, 'base.md', 'edited\n');
    write(dir, 'notes/untracked.md');
    write(dir, 'ignored.md');
    rmSync(join(dir, 'keep.md'));

    expect(await changed(dir, 'main')).toEqual(['base.md', 'committed.md', 'notes/untracked.md', 'renamed.md', 'staged.md']);
  });

  it('counts from the merge base, not from where the branch now is', async () => {
    write(dir, 'mine.md');
    commit(dir, 'mine');
    git(dir, 'checkout', '-q', 'main');
    write(dir, 'theirs.md');
    commit(dir, 'theirs');
    git(dir, 'checkout', '-q', 'feature');

    expect(await changed(dir, 'main')).toEqual(['mine.md']);
  });

  it('defaults to the merge base with main', async () => {
    write(dir, 'mine.md');
    commit(dir, 'mine');
    const result = await changedFiles(dir);
    expect(result.note).toBeUndefined();
    expect(result.files).toEqual([join(result.root, 'mine.md')]);
  });

  it('prefers the remote default branch named by origin/HEAD', async () => {
    const clone = mkdtempSync(join(tmpdir(), 'citecheck-clone-'));
    try {
      git(clone, 'clone', '-q', '--branch', 'main', dir, 'work');
      const work = join(clone, 'work');
      // A stale local "main" must not win over the remote's.
      git(work, 'branch', '-q', '-f', 'master', 'HEAD');
      git(work, 'checkout', '-q', '-b', 'topic');
      write(work, 'topic.md');
      commit(work, 'topic');
      git(work, 'branch', '-q', '-f', 'main', 'HEAD');
      expect(await changed(work)).toEqual(['topic.md']);
    } finally {
      rmSync(clone, { recursive: true, force: true });
    }
  });

  it('falls back to uncommitted changes, with a note, when there is no default branch', async () => {
    git(dir, 'branch', '-q', '-m', 'main', 'trunk');
    write(dir, 'committed.md');
    commit(dir, 'work');
    write(dir, 'new.md');
    const result = await changedFiles(dir);
    expect(result.files).toEqual([join(result.root, 'new.md')]);
    expect(result.note).toMatch(/no default branch.*only uncommitted changes/);
  });

  it('works in a repository without commits', async () => {
    const fresh = mkdtempSync(join(tmpdir(), 'citecheck-fresh-'));
    try {
      git(fresh, 'init', '-q', '-b', 'main');
      write(fresh, 'first.md');
      const result = await changedFiles(fresh);
      expect(result.files).toEqual([join(result.root, 'first.md')]);
      expect(result.note).toBeDefined();
      expect((await failure(changedFiles(fresh, 'main'))).message).toMatch(/no commits yet/);
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
  });

  it('gives absolute paths from the work tree root when run in a subfolder', async () => {
    write(dir, 'sub/deeper/a.md');
    write(dir, 'top.md');
    const result = await changedFiles(join(dir, 'sub', 'deeper'), 'main');
    expect(result.root).toBe(dir);
    expect(result.files).toEqual([join(dir, 'sub', 'deeper', 'a.md'), join(dir, 'top.md')]);
  });

  it('keeps spaces and non-ASCII letters in file names', async () => {
    write(dir, 'my brief.md');
    write(dir, 'résumé/über straße.md');
    write(dir, '日本語.md');
    commit(dir, 'names');
    write(dir, 'ünstaged ü.md');
    expect(await changed(dir, 'main')).toEqual(['my brief.md', 'résumé/über straße.md', 'ünstaged ü.md', '日本語.md'].sort());
  });

  it('rejects an unknown ref', async () => {
    const error = await failure(changedFiles(dir, 'no-such-branch'));
    expect(error.message).toMatch(/unknown git ref "no-such-branch"/);
    expect((await failure(changedFiles(dir, '--output=x'))).message).toMatch(/unknown git ref/);
  });

  it('rejects a folder outside any git repository', async () => {
    const plain = mkdtempSync(join(tmpdir(), 'citecheck-plain-'));
    try {
      const error = await failure(changedFiles(plain));
      expect(error.message).toMatch(/needs a git work tree.*not inside one/);
    } finally {
      rmSync(plain, { recursive: true, force: true });
    }
  });
});

describe('affectedBriefings', () => {
  it('takes briefings that changed or whose registry changed, in candidate order', () => {
    const changedSet = new Set(['/p/b.md', '/p/shared.refs.json']);
    const candidates = [
      { file: '/p/a.md', registry: '/p/a.refs.json' },
      { file: '/p/b.md', registry: null },
      { file: '/p/c.md', registry: '/p/shared.refs.json' },
      { file: '/p/d.md', registry: null },
    ];
    expect(affectedBriefings(changedSet, candidates)).toEqual(['/p/b.md', '/p/c.md']);
  });
});
