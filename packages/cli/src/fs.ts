import { readFileSync } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
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
    throw error;
  }
}
