import { lstat, readlink, realpath, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { CitecheckError } from '@citecheck/model';
import { confineNamed, isInside } from '@citecheck/registry';

/** A path and what it is to this run, as a message names it: "-o", "the registry". */
export interface RunPath {
  path: string;
  what: string;
}

/**
 * What a path is once links are followed. An existing regular file is its inode, so a link, a
 * `..` path or a hard link to it all come out the same; a file not there yet is its real folder
 * and name. A pipe or device is null: writing to it (`-o /dev/null --badge /dev/null`) harms
 * no input and no other output.
 */
async function identity(path: string): Promise<string | null> {
  const info = await stat(path).catch(() => null);
  if (info !== null) return info.isFile() ? `inode:${info.dev}:${info.ino}` : null;
  const folder = await realpath(dirname(path)).catch(() => resolve(dirname(path)));
  return `path:${join(folder, basename(path))}`;
}

/**
 * An output the user names is written where they say, but not through a link in the project
 * that leads out of it (`-o report.md` where someone committed `report.md -> ~/.bashrc`), to a
 * file or to a place where one would be created. Links to pipes and devices (`out ->
 * /dev/null`) are written in place and harm nothing.
 */
async function refuseLinkOut(output: RunPath, root: string): Promise<void> {
  const link = await lstat(output.path).then((info) => info.isSymbolicLink(), () => false);
  if (!link) return;
  const target = await stat(output.path).catch(() => null);
  if (target !== null && !target.isFile()) return;
  // A link to nothing: where the file would be created, one link at a time.
  let leadsTo = output.path;
  for (let hops = 0; target === null && hops < 40; hops++) {
    const next = await readlink(leadsTo).catch(() => null);
    if (next === null) break;
    leadsTo = resolve(dirname(leadsTo), next);
  }
  const inside = target === null ? isInside(await realpath(root).catch(() => resolve(root)), await realFolder(leadsTo)) : (await confineNamed(output.path, root)).ok;
  if (!inside) {
    throw new CitecheckError(`${output.what} ${output.path} is a symbolic link to a place outside the project; citecheck does not write through it, so nothing was written: choose another path`);
  }
}

/** `path` with its folder's links resolved (the file itself may not exist). */
async function realFolder(path: string): Promise<string> {
  return join(await realpath(dirname(path)).catch(() => resolve(dirname(path))), basename(path));
}

/**
 * Refuses a run whose outputs would overwrite one of its inputs or each other, or write out of
 * the project `root` through a link, before anything is written: `lint a.md -o a.md` must not
 * replace the briefing with its own report.
 */
export async function refuseOverlaps(outputs: readonly RunPath[], inputs: readonly RunPath[], root: string): Promise<void> {
  const seen = new Map<string, RunPath>();
  for (const output of outputs) {
    await refuseLinkOut(output, root);
    const id = await identity(output.path);
    if (id === null) continue;
    const earlier = seen.get(id);
    if (earlier !== undefined) throw new CitecheckError(`${output.what} ${output.path} is the same file as ${earlier.what} ${earlier.path}; give each output its own path`);
    seen.set(id, output);
  }
  if (seen.size === 0) return;
  const checked = new Set<string>();
  for (const input of inputs) {
    const path = resolve(input.path);
    if (checked.has(path)) continue;
    checked.add(path);
    const info = await stat(path).catch(() => null);
    // A registry looked for and not there yet counts too: a report written there would be
    // read as the registry next run.
    const id = info === null ? await identity(path) : info.isFile() ? `inode:${info.dev}:${info.ino}` : null;
    const output = id === null ? undefined : seen.get(id);
    if (output === undefined) continue;
    const leads = resolve(output.path) === path ? '' : ` (it leads to ${path})`;
    const is = info === null ? `is where this run looks for ${input.what}${leads}` : `is ${input.what} this run reads${leads}`;
    throw new CitecheckError(`${output.what} ${output.path} ${is}; citecheck never writes over its inputs, so nothing was written: choose another path`);
  }
}
