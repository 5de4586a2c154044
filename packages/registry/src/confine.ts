import { realpath } from 'node:fs/promises';
import { relative, resolve, sep } from 'node:path';
import { CitecheckError } from '@citecheck/model';

/**
 * The project-confinement rule, one for every file citecheck reads.
 *
 * The project root is the config's folder, else the git root, else the working folder. A file
 * that citecheck finds by itself or that data names is read only if its real path, every
 * symbolic link followed, lies inside the root: a briefing met by a folder walk or a glob, a
 * registry or bibliography named in front matter, a registry looked for beside a briefing or in
 * its folders, a snapshot named by a registry. Briefings and registries are often written by
 * someone else (a pull request), and citecheck runs in CI, often as root: `references:
 * /etc/passwd` or a committed `evil.md -> ~/.ssh/id_rsa` must not be read, let alone quoted.
 *
 * A file the user names themselves (a path on the command line, `--registry`, `--config`,
 * `--baseline`, and what their config names) is read where it is, even outside the root: that
 * is their choice. Except a named path that lies inside the project but is a link leading out
 * of it: the link was committed by whoever wrote the project, not chosen by the user.
 *
 * For a briefing named outside the project, its own folder stands in for the root: its data
 * (sibling registry, front matter, snapshots) may come from that folder, and below it, only.
 */
export type Confined = { ok: true; real: string } | { ok: false; reason: 'outside' | 'missing' | 'loop' };

/** Where `path` really is, if that lies inside `root`; otherwise why it may not be read. */
export async function confine(path: string, root: string): Promise<Confined> {
  const lexical = resolve(path);
  const realRoot = await realpath(root).catch(() => resolve(root));
  const lexicallyInside = isInside(resolve(root), lexical) || isInside(realRoot, lexical);
  let real: string;
  try {
    real = await realpath(lexical);
  } catch (error) {
    // What is missing outside the project is said as outside: nothing about it is told.
    if (!lexicallyInside) return { ok: false, reason: 'outside' };
    return { ok: false, reason: (error as NodeJS.ErrnoException).code === 'ELOOP' ? 'loop' : 'missing' };
  }
  return isInside(realRoot, real) ? { ok: true, real } : { ok: false, reason: 'outside' };
}

/** The root a briefing's data is confined to: the project's, or for a briefing outside it, its own folder. */
export async function dataRoot(briefing: string, projectRoot: string): Promise<string> {
  const folder = resolve(briefing, '..');
  const inside = await confine(folder, projectRoot);
  return inside.ok || inside.reason !== 'outside' ? projectRoot : folder;
}

/**
 * The folder a path the user named must stay inside: the project root when the path is written
 * inside the project (a link there leading out was committed, not chosen), else the place the
 * user named, links resolved.
 */
export async function namedLimit(path: string, root: string): Promise<string> {
  const written = resolve(path);
  const realRoot = await realpath(root).catch(() => resolve(root));
  if (isInside(resolve(root), written) || isInside(realRoot, written)) return root;
  return realpath(written).catch(() => written);
}

/** A path the user named, under the rule above. */
export async function confineNamed(path: string, root: string): Promise<Confined> {
  return confine(path, await namedLimit(path, root));
}

/**
 * A path the user named is read where it is, unless it lies in the project and is a link that
 * leads out of it: then a CitecheckError says so, `name` ("the registry refs.json") first and
 * `after` (how it was given) last.
 */
export async function refuseNamedLinkOut(path: string, root: string, name: string, after = ''): Promise<void> {
  const place = await confineNamed(path, root);
  if (!place.ok && place.reason === 'outside') throw new CitecheckError(`${name} is a symbolic link to a place outside the project, so it is not read${after}`);
}

/** `path` is `root` or lies below it; both absolute and already free of links where it matters. */
export function isInside(root: string, path: string): boolean {
  const inside = relative(root, path);
  return inside === '' || (!inside.startsWith(`..${sep}`) && inside !== '..' && resolve(root, inside) === path);
}
