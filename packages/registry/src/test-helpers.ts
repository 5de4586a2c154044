import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, expect } from 'vitest';
import { CitecheckError } from '@citecheck/model';

/** Line and column of the nth occurrence of `needle`, counted by hand from LF line breaks. */
export function where(text: string, needle: string, occurrence = 1): { line: number; column: number } {
  let index = -1;
  for (let i = 0; i < occurrence; i++) {
    index = text.indexOf(needle, index + 1);
    if (index === -1) throw new Error(`"${needle}" occurs fewer than ${occurrence} times`);
  }
  const before = text.slice(0, index).split('\n');
  return { line: before.length, column: (before[before.length - 1] ?? '').length + 1 };
}

/** The CitecheckError `run` throws; fails the test when it throws nothing or something else. */
export function thrown(run: () => unknown): CitecheckError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(CitecheckError);
    return error as CitecheckError;
  }
  throw new Error('expected a CitecheckError, nothing was thrown');
}

export async function rejected(promise: Promise<unknown>): Promise<CitecheckError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(CitecheckError);
    return error as CitecheckError;
  }
  throw new Error('expected a CitecheckError, the promise resolved');
}

/** Ajv's own phrasing, which must never reach a user. */
export const AJV_WORDING = [
  'must have required property',
  'must NOT have additional properties',
  'must be equal to one of the allowed values',
  'must match pattern',
  'must match format',
  'must be string',
  'must be integer',
  'must be object',
  'must be array',
  'must NOT have fewer',
  'instancePath',
];

const created: string[] = [];
afterAll(async () => {
  await Promise.all(created.splice(0).map((root) => rm(root, { recursive: true, force: true })));
});

/** A fresh folder with the given files (paths relative to it, folders created as needed). */
export async function tempTree(files: Record<string, string | Uint8Array>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'citecheck-registry-'));
  created.push(root);
  for (const [path, content] of Object.entries(files)) {
    const full = join(root, path);
    await mkdir(dirname(full), { recursive: true });
    await writeFile(full, content);
  }
  return root;
}
