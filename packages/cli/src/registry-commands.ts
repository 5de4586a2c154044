import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { CitecheckError, type Reference, type Report, type ReportFile } from '@citecheck/model';
import { parseBriefing } from '@citecheck/parse';
import { auditRegistry, DataFileError, formatRegistry, REGISTRY_SCHEMA_PATH, loadRegistryFile, parseDataFile, parseRegistry, type Problem, refuseNamedLinkOut } from '@citecheck/registry';
import { toReport, type Tool } from '@citecheck/report';
import { readBriefing } from './check.js';
import { loadConfig, repositoryRoot } from './config.js';
import { fatalMessage } from './errors.js';
import { writeNewFile } from './fs.js';
import { refuseOverlaps, type RunPath } from './output-guard.js';

export interface CommandIo {
  cwd: string;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

export interface RegistryCommandOptions {
  output?: string;
  force?: boolean;
  config?: string;
  /** `registry validate`: "today", for dates in the future (tests pin it). */
  today?: string;
}

/**
 * `registry validate FILE…`: each registry loaded (schema, syntax, unique ids: a file that
 * fails these is fatal, exit 2) and audited (URLs, titles, dates, snapshots: findings). Every
 * file is checked even after a fatal one, so one run shows everything to fix.
 */
export async function validateRegistries(files: string[], options: RegistryCommandOptions, io: CommandIo, tool: Tool): Promise<{ report: Report; failed: number }> {
  if (files.length === 0) throw new CitecheckError('registry validate needs the registry files to check: citecheck registry validate references.yaml …');
  const { root } = await loadConfig(io.cwd, options.config);
  const results: ReportFile[] = [];
  let failed = 0;
  for (const file of files) {
    const shown = relative(io.cwd, resolve(io.cwd, file)) || file;
    try {
      const registry = await loadRegistryFile(await namedInput(file, root, io));
      const findings = await auditRegistry(registry, { projectRoot: root, ...(options.today ? { today: options.today } : {}) });
      results.push({
        path: shown,
        registry: shown,
        claims: [],
        findings: findings.map((f) => ({ ...f, file: shown })),
        coverage: { claims: 0, cited: 0, supported: 0, unverifiable: 0 },
        references: registry.references.map((r) => ({ id: r.id, title: r.title ?? null, url: r.url ?? null, hasText: (r.excerpts?.length ?? 0) > 0 || r.snapshot !== undefined })),
      });
    } catch (error) {
      if (!(error instanceof CitecheckError)) throw error;
      failed++;
      io.stderr(fatalMessage(error, io.cwd));
    }
  }
  return { report: toReport(results, tool), failed };
}

/** `registry import FILE`: CSL-JSON or BibTeX (or a native file, tidied) to the native format. */
export async function importRegistry(files: string[], options: RegistryCommandOptions, io: CommandIo): Promise<void> {
  const [file, ...extra] = files;
  if (file === undefined || extra.length > 0) throw new CitecheckError('registry import takes one file: citecheck registry import library.bib -o references.yaml');
  const { root } = await loadConfig(io.cwd, options.config);
  const registry = await loadRegistryFile(await namedInput(file, root, io));
  await emit(registry.references, `${registry.references.length} references from ${file}`, { ...options, root, input: { path: resolve(io.cwd, file), what: 'the file being imported' } }, io);
}

/** `registry extract DOC`: the document's own source list (footnotes, definitions, a Sources list). */
export async function extractRegistry(files: string[], options: RegistryCommandOptions, io: CommandIo): Promise<void> {
  const [file, ...extra] = files;
  if (file === undefined || extra.length > 0) throw new CitecheckError('registry extract takes one briefing: citecheck registry extract brief.md -o brief.refs.yaml');
  const { root } = await loadConfig(io.cwd, options.config);
  const path = await namedInput(file, root, io);
  const { references } = parseBriefing(await readBriefing(path, file), { file });
  if (references.length === 0) {
    throw new CitecheckError(`${file} has no reference list of its own (footnote or link definitions, a numbered "Sources" or "References" list, or linked markers)`);
  }
  await emit(references, `${references.length} references from the list in ${file}`, { ...options, root, input: { path: resolve(io.cwd, file), what: 'the briefing being read' } }, io);
}

/** The path of the installed registry schema from `folder`, with forward slashes as editors want. */
function schemaFrom(folder: string, root: string): string {
  const path = relative(folder, join(root, REGISTRY_SCHEMA_PATH)).split(sep).join('/');
  return path.startsWith('.') ? path : `./${path}`;
}

/** A file named on the command line; a link in the project leading out of it was committed, not chosen, and is not read. */
async function namedInput(file: string, root: string, io: CommandIo): Promise<string> {
  const path = resolve(io.cwd, file);
  await refuseNamedLinkOut(path, root, file);
  return path;
}

/** To standard output, or to `-o FILE` (YAML for .yaml/.yml, else JSON) without replacing one that exists. */
async function emit(references: readonly Reference[], what: string, options: RegistryCommandOptions & { input: RunPath; root: string }, io: CommandIo): Promise<void> {
  const output = options.output;
  const extension = output === undefined ? '' : extname(output).toLowerCase();
  const format = extension === '.yaml' || extension === '.yml' ? 'yaml' : 'json';
  // `$schema` is relative to the file written (`-o out/refs.yaml` is one folder down), pointing at the project's install.
  const schema = output === undefined ? REGISTRY_SCHEMA_PATH : schemaFrom(dirname(resolve(io.cwd, output)), options.root);
  const text = formatRegistry(references, format, schema);
  refuseUnreadable(text, format, references, options.input.path);
  if (output === undefined) {
    io.stdout(text);
    return;
  }
  // Even with --force: the source is what the user would need to redo the import.
  await refuseOverlaps([{ path: resolve(io.cwd, output), what: '-o' }], [options.input], await repositoryRoot(io.cwd));
  await writeNewFile(resolve(io.cwd, output), text, options.force ?? false);
  io.stderr(`citecheck: wrote ${what} to ${output}\n`);
}

/**
 * What import and extract write is read back as `--registry` would read it, so they never
 * write a file citecheck then refuses (a CSL date of month 13, an address that is not one).
 * Each problem is placed at the entry it came from, which is what the user can fix.
 */
function refuseUnreadable(text: string, format: 'json' | 'yaml', references: readonly Reference[], source: string): void {
  const name = `written.${format}`;
  let problems: readonly Problem[];
  try {
    parseRegistry(name, text);
    return;
  } catch (error) {
    if (!(error instanceof DataFileError)) throw error;
    problems = error.problems;
  }
  const document = parseDataFile(name, text);
  const spans = references.map((_, index) => document.locate(['references', index]));
  const placed = problems.map((problem): Problem => {
    const index = spans.findIndex((span) => span.start.offset <= problem.start.offset && problem.start.offset < span.end.offset);
    const origin = references[index]?.origin;
    const start = origin?.file === source ? origin.start : undefined;
    return {
      message: `${problem.message}; citecheck could not read the registry this entry would be written to, so nothing was written: correct the entry (or remove the field) and run again`,
      start: start ?? { line: 1, column: 1, offset: 0 },
    };
  });
  throw new DataFileError(source, placed);
}
