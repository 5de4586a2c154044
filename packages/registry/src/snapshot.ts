import { realpath, stat } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import type { Reference } from '@citecheck/model';
import { confine } from './confine.js';
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
  const name = snapshotName(ref);
  const place = await confine(path, projectRoot);
  if (!place.ok) {
    if (place.reason === 'outside') return refuse(name);
    if (place.reason === 'loop') return { ok: false, reason: 'loop', message: `${name} is a symbolic link that leads back to itself (a link loop), so there is no file to read` };
    const root = await realpath(projectRoot).catch(() => resolve(projectRoot));
    return { ok: false, reason: 'missing', message: `${name} was not found (looked for ${relative(root, path)} in the project)` };
  }
  const info = await stat(place.real);
  const kind = kindOf(info);
  if (kind !== 'file') return { ok: false, reason: 'not-a-file', message: `${name} is ${describeKind(kind)}, not a file, so it is not read` };
  if (info.size > READ_LIMITS.snapshot) return { ok: false, reason: 'too-large', message: tooLargeSnapshot(name, info.size) };
  return { ok: true, path: place.real };
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
