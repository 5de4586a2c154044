import { readFileSync } from 'node:fs';
import { link, mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { CitecheckError } from '@citecheck/model';

export async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

export function readJsonSchema(url: URL): object {
  return JSON.parse(readFileSync(url, 'utf8')) as object;
}

/** Writes beside the target, then renames: an interrupted run never leaves half a report. */
export async function writeAtomically(path: string, data: string): Promise<void> {
  // `-o reports/ci/out.sarif` in a fresh checkout: make the folder, as other linters do.
  await mkdir(dirname(path), { recursive: true }).catch((error: NodeJS.ErrnoException) => {
    throw new CitecheckError(`cannot create the folder for ${path}: ${error.code === 'EEXIST' || error.code === 'ENOTDIR' ? 'a file stands in the way' : error.message}`);
  });
  const temp = join(dirname(path), `.${process.pid}.${Date.now()}.citecheck.tmp`);
  try {
    await writeFile(temp, data);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') throw new CitecheckError(`cannot write ${path}: it is a folder`);
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') throw new CitecheckError(`cannot write ${path}: permission denied`);
    if (code === 'ENOSPC') throw new CitecheckError(`cannot write ${path}: the disk is full; the earlier file, if any, is untouched`);
    throw new CitecheckError(`cannot write ${path}: ${(error as Error).message}`);
  }
}

/**
 * Writes a file the user will go on to edit (a registry, a config): atomically, and never over
 * one that exists unless `force` says so, since that would lose their work.
 */
export async function writeNewFile(path: string, data: string, force: boolean): Promise<void> {
  if (force) return writeAtomically(path, data);
  await mkdir(dirname(path), { recursive: true });
  const temp = join(dirname(path), `.${process.pid}.${Date.now()}.citecheck.tmp`);
  await writeFile(temp, data);
  try {
    // A hard link fails if the target exists, so no check-then-write race can clobber it.
    await link(temp, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new CitecheckError(`${path} already exists; nothing was written (add --force to replace it)`);
    throw error;
  } finally {
    await rm(temp, { force: true });
  }
}
