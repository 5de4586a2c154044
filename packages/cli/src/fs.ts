import { readFileSync } from 'node:fs';
import { rename, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

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
  const temp = join(dirname(path), `.${process.pid}.${Date.now()}.citecheck.tmp`);
  await writeFile(temp, data);
  await rename(temp, path);
}
