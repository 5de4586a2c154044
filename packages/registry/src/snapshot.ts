import { realpath, stat } from 'node:fs/promises';
import { dirname, relative, resolve, sep } from 'node:path';
import type { Reference } from '@citecheck/model';
import { describeKind, kindOf } from './input-file.js';
import { READ_LIMITS, tooLargeProblem } from './read-limits.js';

export type SnapshotPlace =
  | { ok: true; path: string }
  | { ok: false; reason: 'missing' | 'outside' | 'not-a-file' | 'loop' | 'too-large'; message: string };

/** How messages name a reference's snapshot: `snapshot "sources/a.html" of reference 3`. */
export function snapshotName(ref: Reference): string {
  return `snapshot "${ref.snapshot ?? ''}" of reference ${ref.id}`;
}

/**
 * Where a reference's snapshot may be read from: resolved against the registry's folder, with
 * every link followed, and only if the real file lies inside the project (the folder holding
 * the config, or the git root). A registry is data someone else may have written: a path that
 * climbs out of the project, or a link that points out of it, must never be read. Only a
 * regular file of at most READ_LIMITS.snapshot is a place: a FIFO would block the run, a
 * device or a huge file would fill memory.
 */
export async function locateSnapshot(ref: Reference, registryFile: string, projectRoot: string): Promise<SnapshotPlace> {
  const path = resolve(dirname(registryFile), ref.snapshot ?? '');
  const root = await realpath(projectRoot).catch(() => resolve(projectRoot));
  const real = await realpath(path).catch((error: NodeJS.ErrnoException) => (error.code === 'ELOOP' ? 'loop' : null));
  const name = snapshotName(ref);
  if (real === null || real === 'loop') {
    // A dangling path is said as missing only once it is known to stay in the project.
    if (!isInside(root, path)) return refuse(name);
    if (real === 'loop') return { ok: false, reason: 'loop', message: `${name} is a symbolic link that leads back to itself (a link loop), so there is no file to read` };
    return { ok: false, reason: 'missing', message: `${name} was not found (looked for ${relative(root, path)} in the project)` };
  }
  if (!isInside(root, real)) return refuse(name);
  const info = await stat(real);
  const kind = kindOf(info);
  if (kind !== 'file') return { ok: false, reason: 'not-a-file', message: `${name} is ${describeKind(kind)}, not a file, so it is not read` };
  if (info.size > READ_LIMITS.snapshot) return { ok: false, reason: 'too-large', message: tooLargeSnapshot(name, info.size) };
  return { ok: true, path: real };
}

/** The message of a snapshot over READ_LIMITS.snapshot, however that was found out. */
export function tooLargeSnapshot(name: string, size: number | undefined): string {
  return `${name} ${tooLargeProblem('snapshot', size)}, so it is not read; keep the part of the source that claims cite`;
}

function refuse(name: string): SnapshotPlace {
  return {
    ok: false,
    reason: 'outside',
    message: `${name} lies outside the project, so it is not read; copy the source into the project and point to the copy`,
  };
}

/** `path` is `root` or lies below it; both absolute and already free of links where it matters. */
export function isInside(root: string, path: string): boolean {
  const inside = relative(root, path);
  return inside === '' || (!inside.startsWith(`..${sep}`) && inside !== '..' && resolve(root, inside) === path);
}
