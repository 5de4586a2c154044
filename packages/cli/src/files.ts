import { realpath, stat } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { CitecheckError } from '@citecheck/model';
import { confine, describeKind, isInside, kindOf, namedLimit } from '@citecheck/registry';
import { glob, isDynamicPattern } from 'tinyglobby';

const BRIEFING_GLOB = '**/*.{md,markdown,txt}';
const IGNORE = ['**/node_modules/**', '**/.git/**', '**/*.refs.*'];

export interface FoundFiles {
  /** Absolute paths, each real file once, sorted so output and shards are stable. */
  files: string[];
  /** Files met and left out (a link out of the project, a FIFO), said once each. */
  notices: string[];
}

/**
 * Paths, folders and globs → briefing files, under the confinement rule of
 * @citecheck/registry's confine.ts: what a folder walk or a glob meets inside the project must
 * really lie inside it (a committed `evil.md -> /etc/shadow` or `docs/out -> /` is left out
 * with a notice); a path the user names outside the project is their choice, and a walk there
 * stays inside the folder they named. A path that names nothing is an error (a typo must not
 * pass CI as "no findings"). Links that lead back into what was walked (`loop -> .`) add no
 * file twice: each real file counts once, under the first path that reaches it.
 */
export async function resolveFiles(patterns: string[], cwd: string, root: string, how: { confined?: boolean } = {}): Promise<FoundFiles> {
  // The config's `include` globs are data, as the paths a walk meets: everything stays in the project.
  const limitOf = (path: string): Promise<string> => (how.confined ? Promise.resolve(root) : namedLimit(path, root));
  const byReal = new Map<string, string>();
  const notices: string[] = [];
  const shown = (path: string): string => relative(cwd, path) || path;
  /** The real path of `path` if it may be read under `limit`; a named one that may not is an error. */
  const confined = async (path: string, limit: string, named: boolean): Promise<string | null> => {
    const place = await confine(path, limit);
    if (place.ok) return place.real;
    const why =
      place.reason === 'outside'
        ? isInside(resolve(limit), resolve(path))
          ? 'is a symbolic link to a place outside the project'
          : 'lies outside the project'
        : place.reason === 'loop'
          ? 'is a symbolic link that leads back to itself'
          : 'is a symbolic link to nothing';
    if (named) throw new CitecheckError(`${shown(path)} ${why}, so it is not linted`);
    notices.push(`${shown(path)} ${why}; not linted`);
    return null;
  };
  const admit = async (path: string, limit: string, named: boolean): Promise<void> => {
    const real = await confined(path, limit, named);
    if (real === null) return;
    const kind = kindOf(await stat(real));
    if (kind !== 'file') {
      if (named) throw new CitecheckError(`${shown(path)} is ${describeKind(kind)}, not a briefing`);
      notices.push(`${shown(path)} is ${describeKind(kind)}, not a file; not linted`);
      return;
    }
    if (!byReal.has(real)) byReal.set(real, path);
  };

  // `include: ["briefs/**/*.md", "briefs/**/*.txt"]` in a project of .md files only is fine;
  // globs that all match nothing are a typo, which must not pass CI as "no findings".
  const unmatched: string[] = [];
  for (const pattern of patterns) {
    if (isDynamicPattern(pattern)) {
      const matched = (await glob(pattern, { cwd, absolute: true, ignore: IGNORE })).sort();
      if (matched.length === 0) unmatched.push(pattern);
      const limit = await limitOf(globBase(pattern, cwd));
      for (const f of matched) await admit(f, limit, false);
      continue;
    }
    const path = resolve(cwd, pattern);
    const info = await stat(path).catch((error: NodeJS.ErrnoException) => (error.code === 'ELOOP' ? 'loop' : null));
    if (info === 'loop') throw new CitecheckError(`${pattern} is a symbolic link that leads back to itself, so it is not linted`);
    if (info === null) throw new CitecheckError(`no such file or folder: ${pattern}`);
    const limit = await limitOf(path);
    if (info.isDirectory()) {
      await confined(path, limit, true);
      for (const f of (await glob(BRIEFING_GLOB, { cwd: path, absolute: true, ignore: IGNORE })).sort()) await admit(f, limit, false);
    } else {
      await admit(path, limit, true);
    }
  }
  if (unmatched.length > 0 && unmatched.length === patterns.length) throw new CitecheckError(`no files match ${unmatched.join(' or ')}`);
  return { files: [...byReal.values()].sort(), notices };
}

/** The folder a glob starts from: its segments up to the first one with glob characters. */
function globBase(pattern: string, cwd: string): string {
  const fixed: string[] = [];
  for (const segment of pattern.split('/')) {
    if (isDynamicPattern(segment)) break;
    fixed.push(segment);
  }
  const base = fixed.join('/');
  return resolve(cwd, base === '' ? '.' : base);
}
