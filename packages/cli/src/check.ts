import { readFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { CitecheckError, type FileResult, type Registry } from '@citecheck/model';
import { buildEvidence, type EvidenceIndex, readSourceTexts, verifyClaims } from '@citecheck/evidence';
import { parseBriefing } from '@citecheck/parse';
import { findRegistry, registryCandidates } from '@citecheck/registry';
import { lint, type RuleSetting } from '@citecheck/rules';

export interface CheckOptions {
  /** Paths in results and messages are relative to this folder. */
  cwd: string;
  /** The registry search never climbs above this folder. */
  root: string;
  /** `--registry` or the config's `registry`: one registry for every file. */
  registry?: string;
  rules?: Record<string, RuleSetting>;
  quiet?: boolean;
  /** Source text indexed per registry file, shared by every briefing that uses the registry. */
  evidenceCache?: Map<string, Promise<EvidenceIndex | null>>;
}

const TEXT_DECODER = new TextDecoder('utf-8', { fatal: true });

/** Reads, parses and lints one briefing: the whole pipeline for one file. */
export async function checkFile(file: string, options: CheckOptions): Promise<FileResult> {
  const shown = relative(options.cwd, file) || file;
  let raw: string;
  try {
    raw = TEXT_DECODER.decode(await readFile(file));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CitecheckError(`no such file: ${shown}`);
    if (code === 'EISDIR') throw new CitecheckError(`${shown} is a folder, not a briefing`);
    if (error instanceof TypeError) throw new CitecheckError(`${shown} is not UTF-8 text; save it as UTF-8 and try again`);
    throw error;
  }
  const parsed = parseBriefing(raw, { file: shown });
  const found = await findRegistry({
    documentPath: file,
    projectRoot: options.root,
    ...(options.registry !== undefined ? { optionPath: options.registry } : {}),
    ...(parsed.frontMatter ? { frontMatter: parsed.frontMatter } : {}),
    documentReferences: parsed.references,
  });
  const registry: Registry | null = found && { ...found, file: found.via === 'document' ? shown : relative(options.cwd, found.file) || found.file };
  const notices = [...parsed.notices];
  if (registry === null && parsed.claims.some((c) => c.citations.length > 0)) {
    notices.push('no reference registry found (no --registry, front matter, .refs.json, references.json or source list); only uncited claims and malformed markers are checked');
  }
  // Stage "evidence": the sources' text, indexed once, and what it says about each claim.
  const evidence = found ? await evidenceFor(found, options) : null;
  const support = verifyClaims(parsed.claims, registry, evidence);
  const result = lint(
    { path: shown, claims: parsed.claims, markers: parsed.markers, registry, directives: parsed.directives, evidence, support },
    { ...(options.rules ? { rules: options.rules } : {}), ...(options.quiet ? { quiet: true } : {}) },
  );
  return {
    path: shown,
    registry: registry?.file ?? null,
    claims: parsed.claims,
    findings: result.findings,
    coverage: result.coverage,
    // verifyClaims answers for every claim, in claim order.
    support: [...support.values()],
    references: (registry?.references ?? []).map((r) => ({ id: r.id, title: r.title ?? null, url: r.url ?? null, hasText: evidence?.hasText(r.id) ?? false })),
    notices,
    inputs: inputsOf(file, found, options),
  };
}

/** What else the result was read from, for `--cache` (see FileResult.inputs). */
function inputsOf(file: string, found: Registry | null, options: CheckOptions): string[] {
  const inputs: string[] = [];
  if (found === null || found.via === 'sibling' || found.via === 'folder' || found.via === 'document') {
    const chosen = found === null ? null : resolve(found.file);
    for (const candidate of registryCandidates(file, options.root)) {
      const path = resolve(candidate.file);
      inputs.push(path);
      if (path === chosen) break;
    }
  } else {
    inputs.push(resolve(found.file));
  }
  if (found !== null && found.via !== 'document') {
    for (const ref of found.references) if (ref.snapshot !== undefined) inputs.push(resolve(dirname(found.file), ref.snapshot));
  }
  return inputs;
}

/** Reads and indexes a registry's source text once per run, however many briefings cite it. */
function evidenceFor(registry: Registry, options: CheckOptions): Promise<EvidenceIndex | null> {
  const build = async (): Promise<EvidenceIndex | null> => buildEvidence(await readSourceTexts(registry, registry.file, options.root));
  // A document's own list has no excerpts or snapshots of its own to share.
  if (registry.via === 'document' || options.evidenceCache === undefined) return build();
  let cached = options.evidenceCache.get(registry.file);
  if (cached === undefined) {
    cached = build();
    options.evidenceCache.set(registry.file, cached);
  }
  return cached;
}
