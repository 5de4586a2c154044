import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CitecheckError, type Report } from '@citecheck/model';
import { formatStylish, plural } from '@citecheck/report';
import { rules } from '@citecheck/rules';
import { loadReport, withoutBaseline } from './baseline.js';
import { collect } from './collect.js';
import { repositoryRoot } from './config.js';
import { fatalMessage } from './errors.js';
import { init } from './init.js';
import { extractRegistry, importRegistry, validateRegistries } from './registry-commands.js';
import { mergeReports } from './merge.js';
import { LINT_FORMATS, type LintFormat, REPORT_FORMATS, type ReportFormat, renderCoverage, renderLint, writeBadge, writeReport } from './output.js';
import { refuseOverlaps, type RunPath } from './output-guard.js';
import { parseShard } from './shard.js';
import { defaultJobs, JOBS_PER_CORE, MAX_JOBS } from './pool.js';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
export const tool = { name: 'citecheck', version: pkg.version };

const HELP = `Usage: citecheck <command> [paths|globs…] [options]

Checks the claims and citations of briefings (Markdown or the plain-text briefing dialect).

Commands:
  lint [paths…]               lint briefings (default: the config's "include" globs)
  report [paths…]             the citation-coverage report (per document, section and source)
  merge REPORT.json…          one report from several shards' JSON reports
  registry validate FILE…     check registries: schema, unique ids, duplicate URLs, missing
                              titles and URLs, impossible dates, snapshots that cannot be read,
                              ids no numbered marker can cite
  registry import FILE        CSL-JSON (Zotero) or BibTeX to the native format
  registry extract DOC        a document's own reference list to the native format
  init                        a config file and an example registry in this folder

Registries: native JSON/YAML, CSL-JSON (a Zotero or Better BibTeX export), BibTeX (.bib),
pandoc's "bibliography:" front matter, or the document's own footnotes, link definitions
and Sources list. --registry, import and validate take any of the files.

Options for lint and report:
  --registry FILE       the reference registry for every file linted
  --config FILE         a config file (default: citecheck.config.json or .citecheckrc.json,
                        searched from here up to the git root)
  --format NAME         lint and merge: ${LINT_FORMATS.join(' | ')} (default: stylish)
                        report: ${REPORT_FORMATS.join(' | ')} (default: html)
  -o, --output FILE     write the report to FILE instead of standard output
  --badge FILE          also write an SVG citation-coverage badge to FILE
  --max-warnings N      exit 1 when there are more than N warnings
  --min-coverage PCT    exit 1 when citation coverage (cited / claims) is below PCT percent
  --quiet               report errors only
  --changed[=REF]       only briefings changed since REF (default: the merge base with the
                        default branch) or not yet committed, and those whose registry changed
  --baseline FILE       report only findings that the JSON report FILE lacks
  --shard K/N           the K-th of N stable slices of the file list (CI matrices)
  --jobs N              worker threads (default: the number of cores, ${defaultJobs()} here, when
                        there are enough briefings to be worth starting them; at most
                        ${JOBS_PER_CORE} per core and one per briefing)
  --cache               skip briefings unchanged since the last run (file, registry,
                        snapshots, config and version all count)
  --cache-location FILE where --cache keeps its results (default:
                        node_modules/.cache/citecheck/cache.json under the project root)
  --force               registry import/extract -o, init: replace files that exist
  -h, --help            show this help
  -v, --version         show the version

Rules:
${rules.map((r) => `  ${r.meta.id.padEnd(22)} ${r.meta.defaultSeverity.padEnd(8)} ${r.meta.description}`).join('\n')}

Exit codes: 0 clean, 1 errors found or a threshold broken, 2 a fatal problem.
`;

export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  cwd: string;
  isTTY: boolean;
  /** Progress goes to standard error only when a person is watching it. */
  stderrIsTTY?: boolean;
}

const defaultIo = (): Io => ({
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  cwd: process.cwd(),
  isTTY: process.stdout.isTTY === true && process.env.NO_COLOR === undefined,
  stderrIsTTY: process.stderr.isTTY === true,
});

/** Runs the command line and returns the exit code; never throws, never prints a stack. */
export async function main(argv: string[], io: Io = defaultIo()): Promise<number> {
  try {
    return await run(argv, io);
  } catch (error) {
    if (error instanceof CitecheckError) {
      io.stderr(fatalMessage(error, io.cwd));
    } else {
      const message = error instanceof Error ? error.message : String(error);
      io.stderr(`citecheck: unexpected problem: ${message}\nPlease report it with the file that caused it.\n`);
    }
    return 2;
  }
}

const OPTIONS = {
  registry: { type: 'string' },
  config: { type: 'string' },
  format: { type: 'string' },
  output: { type: 'string', short: 'o' },
  badge: { type: 'string' },
  'max-warnings': { type: 'string' },
  'min-coverage': { type: 'string' },
  quiet: { type: 'boolean' },
  changed: { type: 'string' },
  baseline: { type: 'string' },
  shard: { type: 'string' },
  jobs: { type: 'string' },
  cache: { type: 'boolean' },
  force: { type: 'boolean' },
  'cache-location': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

/**
 * `--changed` takes its REF only as `--changed=REF`, or as the next word when that word is not
 * an option and not a path that exists: `citecheck lint --changed docs/` must not read `docs/`
 * as a ref. parseArgs has no optional values, so the bare flag becomes `--changed=`.
 */
function normaliseChanged(argv: string[], looksLikePath: (word: string) => boolean): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i] ?? '';
    if (word !== '--changed') {
      out.push(word);
      continue;
    }
    const next = argv[i + 1];
    // Git refs cannot hold glob characters, so a glob is always a path.
    if (next !== undefined && !next.startsWith('-') && !/[*?[{]/.test(next) && !looksLikePath(next)) {
      out.push(`--changed=${next}`);
      i++;
    } else {
      out.push('--changed=');
    }
  }
  return out;
}

/**
 * Plain digits only: `Number()` would also take "" (as 0), "0x50", "1e3" and " 7 ", none of
 * which anyone means as a count.
 */
function wholeNumber(name: string, text: string | undefined, min: number): number | undefined {
  if (text === undefined) return undefined;
  const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min) throw new CitecheckError(`--${name} takes a whole number${min > 0 ? ` of at least ${min}` : ''}, such as ${min > 0 ? 4 : 10}, not "${text}"`);
  return value;
}

/** `90`, `87.5` or `90%`, from 0 to 100; the same plain digits as counts. */
function percentage(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = /^\d+(\.\d+)?%?$/.test(text) ? Number(text.replace(/%$/, '')) : Number.NaN;
  if (!(value >= 0 && value <= 100)) {
    throw new CitecheckError(`--min-coverage takes a percentage from 0 to 100, such as 90, not "${text}"`);
  }
  return value;
}

async function run(argv: string[], io: Io): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: normaliseChanged(argv, (word) => existsSync(resolve(io.cwd, word))),
      allowPositionals: true,
      strict: true,
      options: OPTIONS,
    });
  } catch (error) {
    throw new CitecheckError(`${(error as Error).message}\nRun citecheck --help for the options.`);
  }
  const { values, positionals } = parsed;
  if (values.version) {
    io.stdout(`${tool.version}\n`);
    return 0;
  }
  const [command, ...paths] = positionals;
  if (values.help || command === undefined || command === 'help') {
    io.stdout(HELP);
    return 0;
  }
  if (command === 'init') {
    if (paths.length > 0) throw new CitecheckError('init takes no paths: it writes citecheck.config.json and references.yaml in this folder');
    await init(io, values.force ?? false);
    return 0;
  }
  if (command === 'registry') return registryCommand(paths, values, io);
  if (command !== 'lint' && command !== 'report' && command !== 'merge') {
    throw new CitecheckError(`unknown command "${command}"; run citecheck --help`);
  }
  const formats: readonly string[] = command === 'report' ? REPORT_FORMATS : LINT_FORMATS;
  const format = values.format ?? (command === 'report' ? 'html' : 'stylish');
  if (!formats.includes(format)) {
    throw new CitecheckError(`unknown format "${format}" for ${command}; use one of: ${formats.join(', ')}`);
  }
  const maxWarnings = wholeNumber('max-warnings', values['max-warnings'], 0);
  const minCoverage = percentage(values['min-coverage']);
  const jobsGiven = wholeNumber('jobs', values.jobs, 1);
  const jobs = { count: Math.min(jobsGiven ?? defaultJobs(), MAX_JOBS()), explicit: jobsGiven !== undefined };
  if (jobsGiven !== undefined && jobsGiven > jobs.count) {
    io.stderr(`citecheck: --jobs ${jobsGiven} lowered to ${jobs.count}, ${JOBS_PER_CORE} threads for each of the ${defaultJobs()} cores here; more only wait for a core\n`);
  }
  const shard = values.shard !== undefined ? parseShard(values.shard) : undefined;

  const outputs = [
    ...(values.output !== undefined ? [{ path: resolve(io.cwd, values.output), what: '-o' }] : []),
    ...(values.badge !== undefined ? [{ path: resolve(io.cwd, values.badge), what: '--badge' }] : []),
  ];
  // Two outputs on one path: said before the work, not after the first has been written.
  const root = await repositoryRoot(io.cwd);
  await refuseOverlaps([...outputs, ...(values.cache && values['cache-location'] !== undefined ? [{ path: resolve(io.cwd, values['cache-location']), what: '--cache-location' }] : [])], [], root);
  const inputs: RunPath[] = [];
  let report: Report;
  if (command === 'merge') {
    if (paths.length === 0) throw new CitecheckError('merge needs the JSON reports to merge: citecheck merge shard-1.json shard-2.json …');
    report = mergeReports(await Promise.all(paths.map((p) => loadReport(p, io.cwd))), tool);
    inputs.push(...paths.map((p) => ({ path: resolve(io.cwd, p), what: 'a report being merged' })));
  } else {
    const collected = await collect(paths, {
      cwd: io.cwd,
      tool,
      jobs,
      ...(values.config !== undefined ? { config: values.config } : {}),
      ...(values.registry !== undefined ? { registry: values.registry } : {}),
      ...(values.quiet ? { quiet: true } : {}),
      ...(values.changed !== undefined ? { changed: values.changed === '' ? null : values.changed } : {}),
      ...(shard !== undefined ? { shard } : {}),
      ...(values.cache ? { cache: values['cache-location'] !== undefined ? resolve(io.cwd, values['cache-location']) : null } : {}),
      ...(io.stderrIsTTY ? { progress: progressLine(io) } : {}),
    });
    for (const notice of collected.notices) io.stderr(`citecheck: ${notice}\n`);
    report = collected.report;
    inputs.push(...collected.inputs);
  }
  if (values.baseline !== undefined) {
    inputs.push({ path: resolve(io.cwd, values.baseline), what: 'the baseline report' });
    const result = withoutBaseline(report, await loadReport(values.baseline, io.cwd, 'baseline report'));
    report = result.report;
    if (result.suppressed > 0) io.stderr(`citecheck: ${result.suppressed} findings already in ${values.baseline} not shown\n`);
  }

  const context = { cwd: io.cwd, color: io.isTTY && values.output === undefined, stdout: io.stdout };
  const text = command === 'report' ? renderCoverage(format as ReportFormat, report, context) : renderLint(format as LintFormat, report, context);
  await refuseOverlaps(outputs, inputs, root);
  await writeReport(text, values.output, context);
  if (values.badge !== undefined) await writeBadge(report, values.badge, io.cwd);
  return gate(report, { maxWarnings, minCoverage, failOnErrors: command !== 'report' }, io);
}

async function registryCommand([sub, ...files]: string[], values: { output?: string; force?: boolean; config?: string; format?: string; 'max-warnings'?: string }, io: Io): Promise<number> {
  const options = {
    ...(values.output !== undefined ? { output: values.output } : {}),
    ...(values.force ? { force: true } : {}),
    ...(values.config !== undefined ? { config: values.config } : {}),
  };
  switch (sub) {
    case 'import':
      await importRegistry(files, options, io);
      return 0;
    case 'extract':
      await extractRegistry(files, options, io);
      return 0;
    case 'validate': {
      const format = values.format ?? 'stylish';
      if (!(LINT_FORMATS as readonly string[]).includes(format)) throw new CitecheckError(`unknown format "${format}"; use one of: ${LINT_FORMATS.join(', ')}`);
      const { report, failed } = await validateRegistries(files, options, io, tool);
      const context = { cwd: io.cwd, color: io.isTTY && values.output === undefined, stdout: io.stdout };
      const text = format === 'stylish' ? formatStylish(report, { color: context.color, unit: 'registry', coverage: false, failed }) : renderLint(format as LintFormat, report, context);
      if (values.output !== undefined) {
        await refuseOverlaps([{ path: resolve(io.cwd, values.output), what: '-o' }], files.map((f) => ({ path: resolve(io.cwd, f), what: 'a registry being validated' })), await repositoryRoot(io.cwd));
      }
      await writeReport(text, values.output, context);
      const code = gate(report, { maxWarnings: wholeNumber('max-warnings', values['max-warnings'], 0), minCoverage: undefined, failOnErrors: true }, io);
      return failed > 0 ? 2 : code;
    }
    default:
      throw new CitecheckError(`${sub === undefined ? 'registry needs a command' : `unknown registry command "${sub}"`}: validate, import or extract; run citecheck --help`);
  }
}

interface Thresholds {
  maxWarnings: number | undefined;
  minCoverage: number | undefined;
  /** `report` is for reading: only the thresholds asked for fail it. */
  failOnErrors: boolean;
}

/** The exit code: 1 on errors or a broken threshold, saying which threshold and by how much. */
function gate(report: Report, thresholds: Thresholds, io: Io): number {
  const { summary } = report;
  let code = thresholds.failOnErrors && summary.findings.error > 0 ? 1 : 0;
  if (thresholds.maxWarnings !== undefined && summary.findings.warning > thresholds.maxWarnings) {
    io.stderr(`citecheck: ${plural(summary.findings.warning, 'warning')}, more than --max-warnings ${thresholds.maxWarnings}\n`);
    code = 1;
  }
  // Nothing to cite is not a coverage failure.
  if (thresholds.minCoverage !== undefined && summary.claims > 0) {
    const coverage = (100 * summary.cited) / summary.claims;
    if (coverage < thresholds.minCoverage) {
      io.stderr(`citecheck: citation coverage ${summary.cited}/${summary.claims} (${coverage.toFixed(1)}%) is below --min-coverage ${thresholds.minCoverage}%\n`);
      code = 1;
    }
  }
  return code;
}

/** "citecheck: 120/1000 briefings", rewritten in place on a terminal; cleared when done. */
function progressLine(io: Io): (done: number, total: number) => void {
  let last = 0;
  return (done, total) => {
    const now = Date.now();
    if (done < total && now - last < 100) return;
    last = now;
    io.stderr(done < total ? `\rcitecheck: ${done}/${total} briefings` : '\r\u001b[K');
  };
}
