import { dirname, relative, resolve } from 'node:path';
import { CitecheckError, type FileResult, type Registry, type ReportFile } from '@citecheck/model';
import { buildEvidence, type EvidenceIndex, readSourceTexts, verifyClaims } from '@citecheck/evidence';
import { parseBriefing } from '@citecheck/parse';
import { dataRoot, decodeText, findRegistry, READ_LIMITS, readInputFile, registryCandidates, tooLargeProblem } from '@citecheck/registry';
import { toReportFile } from '@citecheck/report';
import { lint, type RuleSetting } from '@citecheck/rules';
import { loadConfig } from './config.js';

/** A briefing: a path to read, or text already in hand (an editor buffer, a remark VFile). */
export type CheckDocument = string | { path?: string; text: string };

export interface CheckOptions {
  /** Relative paths are resolved, and paths in results shown, from here (default: the process's folder). */
  cwd?: string;
  /**
   * The config file: a path, or false for none. By default the nearest citecheck.config.json
   * or .citecheckrc.json above `cwd`, as the command line finds it; `rules` and `registry`
   * given here win over it.
   */
  config?: string | false;
  /** The project root: where the registry search stops and snapshots must lie (default: the config's folder, else the git root). */
  root?: string;
  /** One registry for the document, like `--registry`. */
  registry?: string;
  rules?: Record<string, RuleSetting>;
  /** Errors only, like `--quiet`. */
  quiet?: boolean;
  /** Source text indexed per registry file, shared by every briefing checked with the same map. */
  evidenceCache?: Map<string, Promise<EvidenceIndex | null>>;
}

/**
 * What `check` returns: the SPEC's JSON object for one file (`toReport([result.file], tool)`
 * is exactly `citecheck lint --format json`), what to tell the user besides findings, and
 * what the result depends on.
 */
export interface CheckResult {
  file: ReportFile;
  /** Problems that are not findings (no registry found, unreadable front matter): said once, never fatal. */
  notices: string[];
  /** Every file besides the briefing the result was read from (registry, snapshots, registry files looked for). */
  inputs: string[];
}

/**
 * Checks one briefing: parse, find its registry, read what its sources say, run the rules.
 * This is the whole pipeline; the command line calls it for every file (on worker threads too).
 * Throws a CitecheckError for what the user must fix first (an invalid registry, a file that is
 * not UTF-8).
 */
export async function check(document: CheckDocument, options: CheckOptions = {}): Promise<CheckResult> {
  const cwd = options.cwd ?? process.cwd();
  const config = options.config === false ? null : await loadConfig(cwd, options.config);
  const given = typeof document === 'string' ? { path: document } : document;
  const file = resolve(cwd, given.path ?? '<input>.md');
  // What the briefing's data may name is confined to the project, or to its own folder when
  // the user named a briefing outside the project (see @citecheck/registry's confine.ts).
  const root = await dataRoot(file, options.root ?? config?.root ?? cwd);
  const registry = options.registry !== undefined ? resolve(cwd, options.registry) : config?.registry;
  const rules = { ...config?.rules, ...options.rules };
  const shown = relative(cwd, file) || file;
  const raw = 'text' in given ? given.text : await readBriefing(file, shown);

  const parsed = parseBriefing(raw, { file: shown });
  const notices = [...parsed.notices];
  const found = await findRegistry({
    documentPath: file,
    projectRoot: root,
    ...(registry !== undefined ? { optionPath: registry } : {}),
    ...(parsed.frontMatter ? { frontMatter: parsed.frontMatter } : {}),
    documentReferences: parsed.references,
    notice: (message) => notices.push(message),
  });
  const shownRegistry: Registry | null = found && { ...found, file: found.via === 'document' ? shown : relative(cwd, found.file) || found.file };
  if (shownRegistry === null && parsed.claims.some((c) => c.citations.length > 0)) {
    notices.push('no reference registry found (no --registry, front matter, .refs.json, references.json or source list); only uncited claims and malformed markers are checked');
  }
  // Stage "evidence": the sources' text, indexed once, and what it says about each claim.
  const evidence = found ? await evidenceFor(found, root, options.evidenceCache) : null;
  const support = verifyClaims(parsed.claims, shownRegistry, evidence);
  const result = lint(
    { path: shown, claims: parsed.claims, markers: parsed.markers, registry: shownRegistry, directives: parsed.directives, evidence, support },
    { rules, ...(options.quiet ? { quiet: true } : {}) },
  );
  const checked: FileResult = {
    path: shown,
    registry: shownRegistry?.file ?? null,
    claims: parsed.claims,
    findings: result.findings,
    coverage: result.coverage,
    // verifyClaims answers for every claim, in claim order.
    support: [...support.values()],
    references: (shownRegistry?.references ?? []).map((r) => ({ id: r.id, title: r.title ?? null, url: r.url ?? null, hasText: evidence?.hasText(r.id) ?? false })),
    notices,
    inputs: inputsOf(file, found, root),
  };
  return { file: toReportFile(checked), notices, inputs: checked.inputs };
}

/** The briefing as strict UTF-8; a file that is not says where the first bad byte is. */
export async function readBriefing(file: string, shown: string): Promise<string> {
  const read = await readInputFile(file, { maxBytes: READ_LIMITS.briefing });
  if (!read.ok) {
    if (read.reason === 'missing') throw new CitecheckError(`no such file: ${shown}`);
    if (read.kind === 'folder') throw new CitecheckError(`${shown} is a folder, not a briefing`);
    if (read.reason === 'too-large') throw new CitecheckError(`${shown} ${tooLargeProblem('briefing', read.size)}; split it into smaller briefings`);
    throw new CitecheckError(`cannot read ${shown}: it ${read.problem}`);
  }
  return decodeText(shown, read.bytes);
}

/** What else the result was read from, for `--cache` (see FileResult.inputs). */
function inputsOf(file: string, found: Registry | null, root: string): string[] {
  const inputs: string[] = [];
  if (found === null || found.via === 'sibling' || found.via === 'folder' || found.via === 'document') {
    const chosen = found === null ? null : resolve(found.file);
    for (const candidate of registryCandidates(file, root)) {
      const path = resolve(candidate.file);
      inputs.push(path);
      if (path === chosen) break;
    }
  } else {
    inputs.push(resolve(found.file));
  }
  if (found !== null && found.via !== 'document') {
    // Pandoc's front matter may merge several bibliographies into one registry.
    for (const origin of new Set(found.references.map((r) => r.origin?.file))) if (origin !== undefined && origin !== found.file) inputs.push(resolve(origin));
    for (const ref of found.references) if (ref.snapshot !== undefined) inputs.push(resolve(dirname(found.file), ref.snapshot));
  }
  return inputs;
}

/**
 * Registries indexed at once. A run over many briefings that share a registry hits the same
 * entry; one whose briefings each have their own registry keeps only the last few, so memory
 * does not grow with the number of files.
 */
const EVIDENCE_KEPT = 8;

/** Reads and indexes a registry's source text once per run, however many briefings cite it. */
function evidenceFor(registry: Registry, root: string, cache: CheckOptions['evidenceCache']): Promise<EvidenceIndex | null> {
  const build = async (): Promise<EvidenceIndex | null> => buildEvidence(await readSourceTexts(registry, registry.file, root));
  // A document's own list has no excerpts or snapshots of its own to share.
  if (registry.via === 'document' || cache === undefined) return build();
  let cached = cache.get(registry.file);
  if (cached === undefined) {
    cached = build();
    const oldest = cache.size >= EVIDENCE_KEPT ? cache.keys().next().value : undefined;
    if (oldest !== undefined) cache.delete(oldest);
  } else {
    // Most recently used last, so the oldest is the one let go.
    cache.delete(registry.file);
  }
  cache.set(registry.file, cached);
  return cached;
}
