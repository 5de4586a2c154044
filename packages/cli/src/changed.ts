import { execFile } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { CitecheckError } from '@citecheck/model';

export interface ChangedFiles {
  /** The work tree's top folder, spelled from `cwd` (not git's real path) so it matches the caller's paths. */
  root: string;
  /** Absolute paths of files that exist now, sorted. */
  files: string[];
  /** Set when there was no default branch to compare with, so only uncommitted changes count. */
  note?: string;
}

/** Tried in order when no REF is given: what "the default branch" means on most hosts. */
const DEFAULT_BRANCHES = ['origin/main', 'origin/master', 'main', 'master'];

/**
 * `--changed [REF]`: files changed since the merge base of REF and HEAD (what a pull request
 * shows), plus staged, unstaged and untracked files. Deleted files are left out, since there is
 * nothing left to lint; a rename counts as its new path.
 */
export async function changedFiles(cwd: string, ref?: string): Promise<ChangedFiles> {
  const folder = await stat(cwd).catch(() => null);
  if (folder === null || !folder.isDirectory()) throw new CitecheckError(`--changed: no such folder: ${cwd}`);
  const where = await git(cwd, ['rev-parse', '--is-inside-work-tree', '--show-cdup']);
  const [inside, cdup = ''] = where.stdout.split('\n');
  if (!where.ok || inside !== 'true') {
    throw new CitecheckError(`--changed needs a git work tree, and ${cwd} is not inside one; run citecheck in a git checkout or drop --changed`);
  }
  const root = resolve(cwd, cdup);
  const hasHead = (await commitOf(root, 'HEAD')) !== null;

  let base: string | null = null;
  let note: string | undefined;
  if (ref !== undefined) {
    if (!hasHead) throw new CitecheckError(`--changed ${ref}: HEAD has no commits yet, so there is nothing to compare with; commit first, or use --changed without a REF`);
    const target = await explicitRef(root, ref);
    base = await mergeBase(root, target, ref);
  } else {
    const branch = await defaultBranch(root);
    if (branch === null) {
      note = `--changed: no default branch found (tried origin/HEAD, ${DEFAULT_BRANCHES.join(', ')}), so only uncommitted changes are checked; name one with --changed REF`;
    } else if (!hasHead) {
      note = `--changed: HEAD has no commits yet, so only uncommitted changes are checked`;
    } else {
      base = await mergeBase(root, branch.commit, branch.name);
    }
  }

  const paths = new Set<string>();
  if (base !== null) {
    // Renames off: the old path then shows as deleted and drops out below, the new one stays.
    for (const path of splitNul((await gitOrFail(root, ['diff', '--name-only', '-z', '--no-renames', base, 'HEAD'])).stdout)) paths.add(path);
  }
  for (const path of uncommitted((await gitOrFail(root, ['status', '--porcelain=v1', '-z', '--untracked-files=all', '--no-renames'])).stdout)) paths.add(path);

  const files: string[] = [];
  for (const path of paths) {
    const file = resolve(root, path);
    // One existence check covers deletions committed, staged and unstaged alike.
    if ((await stat(file).catch(() => null))?.isFile()) files.push(file);
  }
  files.sort();
  return note === undefined ? { root, files } : { root, files, note };
}

/**
 * A briefing needs linting again when it changed or the registry it uses did. Changes to a
 * registry's snapshot or excerpt files are not followed: that would need every registry read.
 * `changed` and `registry` are absolute paths spelled the same way.
 */
export function affectedBriefings(changed: ReadonlySet<string>, candidates: readonly { file: string; registry: string | null }[]): string[] {
  return candidates.filter((c) => changed.has(c.file) || (c.registry !== null && changed.has(c.registry))).map((c) => c.file);
}

async function explicitRef(root: string, ref: string): Promise<string> {
  // A leading dash would reach git as an option, not a name.
  const commit = ref === '' || ref.startsWith('-') ? null : await commitOf(root, ref);
  if (commit === null) {
    throw new CitecheckError(
      `--changed: unknown git ref "${ref}"; no branch, tag or commit has that name here. Check the spelling, or fetch it first (e.g. git fetch origin ${ref})`,
    );
  }
  return commit;
}

async function defaultBranch(root: string): Promise<{ name: string; commit: string } | null> {
  const symbolic = await git(root, ['symbolic-ref', '--quiet', '--short', 'refs/remotes/origin/HEAD']);
  const names = symbolic.ok ? [symbolic.stdout.trim(), ...DEFAULT_BRANCHES] : DEFAULT_BRANCHES;
  for (const name of names) {
    const commit = await commitOf(root, name);
    if (commit !== null) return { name, commit };
  }
  return null;
}

async function commitOf(root: string, name: string): Promise<string | null> {
  const result = await git(root, ['rev-parse', '--verify', '--quiet', `${name}^{commit}`]);
  return result.ok ? result.stdout.trim() : null;
}

async function mergeBase(root: string, commit: string, name: string): Promise<string> {
  const result = await git(root, ['merge-base', commit, 'HEAD']);
  if (!result.ok) {
    // CI checkouts are shallow by default, which hides the common ancestor.
    throw new CitecheckError(
      `--changed: ${name} and HEAD share no history that git can see; in a shallow clone fetch the full history (git fetch --unshallow, or fetch-depth: 0 in actions/checkout)`,
    );
  }
  return result.stdout.trim();
}

/** Paths from `git status --porcelain=v1 -z`: "XY path", plus the old path after a rename or copy. */
function uncommitted(output: string): string[] {
  const fields = splitNul(output);
  const paths: string[] = [];
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i] ?? '';
    paths.push(field.slice(3));
    if (/[RC]/.test(field.slice(0, 2))) i++;
  }
  return paths;
}

function splitNul(output: string): string[] {
  return output.split('\0').filter((s) => s !== '');
}

interface GitResult {
  ok: boolean;
  stdout: string;
  stderr: string;
}

const execFileAsync = promisify(execFile);

/** Runs git without a shell; a non-zero exit is a result, not an exception. */
async function git(cwd: string, args: readonly string[]): Promise<GitResult> {
  try {
    const { stdout, stderr } = await execFileAsync('git', ['-c', 'core.quotepath=false', ...args], {
      cwd,
      encoding: 'buffer',
      maxBuffer: 256 * 1024 * 1024,
      // Read-only commands should not take the index lock another git process may hold.
      env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' },
    });
    return { ok: true, stdout: stdout.toString('utf8'), stderr: stderr.toString('utf8') };
  } catch (error) {
    const failure = error as { code?: unknown; stdout?: Buffer; stderr?: Buffer };
    if (failure.code === 'ENOENT') throw new CitecheckError('--changed needs git, and no "git" command was found; install git or drop --changed');
    if (typeof failure.code !== 'number') throw error;
    return { ok: false, stdout: failure.stdout?.toString('utf8') ?? '', stderr: failure.stderr?.toString('utf8') ?? '' };
  }
}

async function gitOrFail(cwd: string, args: readonly string[]): Promise<GitResult> {
  const result = await git(cwd, args);
  if (!result.ok) throw new CitecheckError(`--changed: git ${args[0] ?? ''} failed: ${result.stderr.trim() || 'no message'}`);
  return result;
}
