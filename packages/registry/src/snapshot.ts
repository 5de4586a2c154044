import { realpath, stat } from 'node:fs/promises';
import { dirname, relative, resolve, sep } from 'node:path';
import type { Reference } from '@citecheck/model';

export type SnapshotPlace =
  | { ok: true; path: string }
  | { ok: false; reason: 'missing' | 'outside' | 'not-a-file'; message: string };

/**
 * Where a reference's snapshot may be read from: resolved against the registry's folder, with
 * every link followed, and only if the real file lies inside the project (the folder holding
 * the config, or the git root). A registry is data someone else may have written: a path that
 * climbs out of the project, or a link that points out of it, must never be read.
 */
export async function locateSnapshot(ref: Reference, registryFile: string, projectRoot: string): Promise<SnapshotPlace> {
  const written = ref.snapshot ?? '';
  const path = resolve(dirname(registryFile), written);
  const root = await realpath(projectRoot).catch(() => resolve(projectRoot));
  const real = await realpath(path).catch(() => null);
  const name = `snapshot "${written}" of reference ${ref.id}`;
  if (real === null) {
    // A dangling path is said as missing only once it is known to stay in the project.
    if (!isInside(root, path)) return refuse(name);
    return { ok: false, reason: 'missing', message: `${name} was not found (looked for ${relative(root, path)} in the project)` };
  }
  if (!isInside(root, real)) return refuse(name);
  if (!(await stat(real)).isFile()) return { ok: false, reason: 'not-a-file', message: `${name} is a folder, not a file` };
  return { ok: true, path: real };
}

function refuse(name: string): SnapshotPlace {
  return {
    ok: false,
    reason: 'outside',
    message: `${name} lies outside the project, so it is not read; copy the source into the project and point to the copy`,
  };
}

function isInside(root: string, path: string): boolean {
  const inside = relative(root, path);
  return inside === '' || (!inside.startsWith(`..${sep}`) && inside !== '..' && resolve(root, inside) === path);
}
