import { relative, resolve } from 'node:path';
import { CitecheckError, type Report } from '@citecheck/model';
import { READ_LIMITS, readDataFile, readInputFile } from '@citecheck/registry';
import { toReport, type Tool } from '@citecheck/report';
import { affectedBriefings, changedFiles } from './changed.js';
import type { CheckResult } from './check.js';
import { checkAll, type Jobs, type TaskOptions } from './pool.js';
import { loadConfig } from './config.js';
import { resolveFiles } from './files.js';
import { defaultCachePath, ResultCache } from './cache.js';
import { refuseOverlaps, type RunPath } from './output-guard.js';
import { isCheckResult } from './cache-entry.js';
import { shardKey, shardOf } from './shard.js';

export interface CollectOptions {
  cwd: string;
  tool: Tool;
  jobs: Jobs;
  config?: string;
  registry?: string;
  quiet?: boolean;
  /** `--changed`: a ref, or null for the merge base with the default branch. */
  changed?: string | null;
  shard?: { index: number; count: number };
  /** `--cache`: where to keep it, or null for the default place. */
  cache?: string | null;
  progress?: (done: number, total: number) => void;
}

// What may be a registry: a change to one re-lints every briefing that uses it.
const DATA_FILE = /\.(?:json|jsonc|ya?ml|bib|bibtex)$/i;

/**
 * From paths (or the config's include globs) to a Report: which files, which of them this run
 * needs (changed, this shard), from the cache where nothing changed, the rest checked.
 */
export async function collect(paths: string[], options: CollectOptions): Promise<{ report: Report; notices: string[]; inputs: RunPath[] }> {
  const notices: string[] = [];
  const config = await loadConfig(options.cwd, options.config);
  // `lint --changed` alone: the changed briefings of the whole project, as `git diff` would list them.
  const include = config.include.length === 0 && options.changed !== undefined ? ['.'] : config.include;
  const patterns = paths.length > 0 ? paths : include;
  if (patterns.length === 0) {
    throw new CitecheckError('no briefings to lint: name files, folders or globs, or set "include" in citecheck.config.json');
  }
  const found = paths.length > 0 ? await resolveFiles(paths, options.cwd, config.root) : await resolveFiles(include, config.root, config.root, { confined: true });
  notices.push(...found.notices);
  let files = found.files;
  if (options.shard !== undefined) {
    // Relative to the project root with forward slashes, so every machine of a matrix agrees.
    files = shardOf(files, (f) => shardKey(config.root, f), options.shard);
  }
  const registry = options.registry !== undefined ? resolve(options.cwd, options.registry) : config.registry;

  let keep: (checked: CheckResult[]) => CheckResult[] = (all) => all;
  if (options.changed !== undefined) {
    const change = await changedFiles(options.cwd, options.changed ?? undefined);
    if (change.note !== undefined) notices.push(change.note);
    const changed = new Set(change.files);
    const everything = (config.file !== null && changed.has(config.file)) || (registry !== undefined && changed.has(registry));
    if (!everything) {
      if ([...changed].some((f) => DATA_FILE.test(f))) {
        // Which registry a briefing uses is known only once it is checked: check all, keep the affected.
        keep = (all) => {
          const affected = new Set(affectedBriefings(changed, all.map((c, i) => ({ file: files[i] ?? '', registry: c.file.registry === null ? null : resolve(options.cwd, c.file.registry) }))));
          return all.filter((_, i) => affected.has(files[i] ?? ''));
        };
      } else {
        files = files.filter((f) => changed.has(f));
      }
    }
  }

  const taskOptions: TaskOptions = {
    cwd: options.cwd,
    root: config.root,
    rules: config.rules,
    ...(registry !== undefined ? { registry } : {}),
    ...(options.quiet ? { quiet: true } : {}),
  };
  const inputsOf = (checked: CheckResult[]): RunPath[] => runInputs(files, config.file, registry, checked);
  const checked = options.cache !== undefined ? await withCache(files, taskOptions, options, config.file, inputsOf, notices) : await checkAll(files, taskOptions, options.jobs, progress(options, files.length));
  const kept = keep(checked);
  for (const c of kept) for (const notice of c.notices) notices.push(`${c.file.path}: ${notice}`);
  return { report: toReport(kept.map((c) => c.file), options.tool), notices, inputs: inputsOf(checked) };
}

/** Every file the run read or looked for, so that no output is written over one of them. */
function runInputs(files: readonly string[], configFile: string | null, registry: string | undefined, checked: readonly CheckResult[]): RunPath[] {
  const inputs: RunPath[] = files.map((path) => ({ path, what: 'a briefing' }));
  if (configFile !== null) inputs.push({ path: configFile, what: 'the config file' });
  if (registry !== undefined) inputs.push({ path: registry, what: 'the registry' });
  for (const c of checked) for (const path of c.inputs) inputs.push({ path, what: 'a registry or snapshot' });
  return inputs;
}

const progress = (options: CollectOptions, total: number): ((done: number) => void) | undefined =>
  options.progress && total >= 20 ? (done) => options.progress?.(done, total) : undefined;

async function withCache(
  files: string[],
  taskOptions: TaskOptions,
  options: CollectOptions,
  configFile: string | null,
  inputsOf: (checked: CheckResult[]) => RunPath[],
  notices: string[],
): Promise<CheckResult[]> {
  const location = options.cache ?? defaultCachePath(taskOptions.root);
  // Said before any work, for the inputs known now; those found while checking, before saving.
  const guard = { path: location, what: '--cache-location' };
  await refuseOverlaps([guard], inputsOf([]), taskOptions.root);
  const cache = await ResultCache.open<CheckResult>(location, {
    version: options.tool.version,
    // Everything that changes a result besides its files: a run with --quiet is not a run
    // without it, and paths in results are relative to where citecheck runs.
    config: JSON.stringify({
      config: configFile === null ? null : await readDataFile(configFile, 'config file'),
      registry: taskOptions.registry ?? null,
      quiet: taskOptions.quiet ?? false,
      cwd: taskOptions.cwd,
    }),
    root: taskOptions.root,
  }, isCheckResult);
  if (cache.unusable !== null) notices.push(`the cache ${relative(options.cwd, location) || location} ${cache.unusable}: results are neither read from it nor saved to it this run`);
  // Bounded and regular files only, as check() reads them; one it refuses is checked to say why.
  const briefings = await Promise.all(files.map(async (file) => {
    const read = await readInputFile(file, { maxBytes: READ_LIMITS.briefing });
    return read.ok ? read.bytes : null;
  }));
  const hits = files.map((file, i) => {
    const bytes = briefings[i];
    return bytes === null || bytes === undefined ? undefined : cache.get(file, bytes);
  });
  const missing = files.filter((_, i) => hits[i] === undefined);
  const fresh = await checkAll(missing, taskOptions, options.jobs, progress(options, missing.length));
  const freshByFile = new Map(missing.map((file, i) => [file, fresh[i]]));
  const all: CheckResult[] = [];
  files.forEach((file, i) => {
    const hit = hits[i];
    const checked = hit ?? freshByFile.get(file);
    if (checked === undefined) return;
    all.push(checked);
    const bytes = briefings[i];
    if (hit === undefined && bytes !== null && bytes !== undefined) cache.set(file, bytes, checked.inputs, checked);
  });
  await refuseOverlaps([guard], inputsOf(all), taskOptions.root);
  await cache.save();
  return all;
}
