import { dirname, join, resolve } from 'node:path';
import { CitecheckError, closestName } from '@citecheck/model';
import { confine, confineNamed, DataFileError, parseDataFile, readDataFile, schemaProblems } from '@citecheck/registry';
import { type RuleSetting, rules } from '@citecheck/rules';
import { exists, readJsonSchema } from './fs.js';

export const CONFIG_NAMES = ['citecheck.config.json', '.citecheckrc.json'];

export interface Config {
  /** The config file, or null when none was found. */
  file: string | null;
  /** Where relative paths in the config, and the registry search, stop: the project root. */
  root: string;
  include: string[];
  registry?: string;
  rules: Record<string, RuleSetting>;
}

const schema = readJsonSchema(new URL('../schema/config.schema.json', import.meta.url));

/** `--config FILE`, else the nearest config file from `cwd` up to the git root. */
export async function loadConfig(cwd: string, explicit?: string): Promise<Config> {
  const file = explicit !== undefined ? resolve(cwd, explicit) : await discover(cwd);
  if (file === null) return { file: null, root: (await gitRoot(cwd)) ?? cwd, include: [], rules: {} };
  await refuseLinkOut(file, cwd, explicit !== undefined);
  const text = await readDataFile(file, 'config file');
  const document = parseDataFile(file, text);
  const problems = schemaProblems(document, schema);
  const data = document.value as { include?: string[]; registry?: string; rules?: Record<string, RuleSetting> };
  const known = rules.map((r) => r.meta.id);
  if (problems.length === 0) {
    for (const id of Object.keys(data.rules ?? {})) {
      if (known.includes(id)) continue;
      const near = closestName(id, known);
      problems.push({
        message: `unknown rule "${id}" in "rules"${near ? ` (did you mean "${near}"?)` : ''}; the rules are: ${known.join(', ')}`,
        start: document.locate(['rules', id], 'key').start,
      });
    }
  }
  // The config is data too (a pull request may change it): what it names stays in the project.
  if (problems.length === 0 && data.registry !== undefined) {
    const place = await confine(resolve(dirname(file), data.registry), dirname(file));
    if (!place.ok && place.reason === 'outside') {
      problems.push({ message: `"registry" names a file outside the project (${dirname(file)}), so it is not read; copy the registry into the project and name the copy`, start: document.locate(['registry']).start });
    }
  }
  if (problems.length > 0) throw new DataFileError(file, problems);
  const config: Config = { file, root: dirname(file), include: data.include ?? [], rules: data.rules ?? {} };
  if (data.registry !== undefined) config.registry = resolve(dirname(file), data.registry);
  return config;
}

/**
 * The confinement rule of registry/confine.ts, for the config: one found by the search must
 * really lie in the repository it was found in, and one the user names is read where it is,
 * unless it lies in the repository and is a link leading out (someone committed that link).
 */
async function refuseLinkOut(file: string, cwd: string, named: boolean): Promise<void> {
  const repository = await repositoryRoot(cwd);
  const place = named ? await confineNamed(file, repository) : await confine(file, repository);
  if (!place.ok && place.reason === 'outside') {
    throw new CitecheckError(`the config file ${file} is a symbolic link to a place outside the project, so it is not read; put the config itself in the project`);
  }
}

async function discover(cwd: string): Promise<string | null> {
  const stop = (await gitRoot(cwd)) ?? cwd;
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    for (const name of CONFIG_NAMES) {
      const candidate = join(dir, name);
      if (await exists(candidate)) return candidate;
    }
    if (dir === stop || dirname(dir) === dir) return null;
  }
}

/** The repository `cwd` lies in (its git root, else `cwd`): where committed links can lead out of. */
export async function repositoryRoot(cwd: string): Promise<string> {
  return (await gitRoot(cwd)) ?? cwd;
}

async function gitRoot(cwd: string): Promise<string | null> {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (await exists(join(dir, '.git'))) return dir;
    if (dirname(dir) === dir) return null;
  }
}
