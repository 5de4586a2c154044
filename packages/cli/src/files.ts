import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CitecheckError } from '@citecheck/model';
import { glob, isDynamicPattern } from 'tinyglobby';

const BRIEFING_GLOB = '**/*.{md,markdown,txt}';
const IGNORE = ['**/node_modules/**', '**/.git/**', '**/*.refs.*'];

/**
 * Paths, folders and globs → briefing files, sorted so output and shards are stable. A path
 * that names nothing is an error (a typo must not pass CI as "no findings").
 */
export async function resolveFiles(patterns: string[], cwd: string): Promise<string[]> {
  const files = new Set<string>();
  for (const pattern of patterns) {
    if (isDynamicPattern(pattern)) {
      const matched = await glob(pattern, { cwd, absolute: true, ignore: IGNORE });
      if (matched.length === 0) throw new CitecheckError(`no files match ${pattern}`);
      for (const f of matched) files.add(f);
      continue;
    }
    const path = resolve(cwd, pattern);
    const info = await stat(path).catch(() => null);
    if (info === null) throw new CitecheckError(`no such file or folder: ${pattern}`);
    if (info.isDirectory()) {
      for (const f of await glob(BRIEFING_GLOB, { cwd: path, absolute: true, ignore: IGNORE })) files.add(f);
    } else {
      files.add(path);
    }
  }
  return [...files].sort();
}
