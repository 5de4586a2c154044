import { lstat, stat } from 'node:fs/promises';
import { basename, dirname, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { CitecheckError, type Reference, type Registry } from '@citecheck/model';
import { confine, refuseNamedLinkOut } from './confine.js';
import { describeKind, kindOf } from './input-file.js';
import { cslRegistry, loadRegistryFile } from './load.js';

export interface FindRegistryOptions {
  /** The briefing whose registry is wanted. */
  documentPath: string;
  /**
   * The folder search never climbs above this (the config's folder, else the git root), and
   * registries named by front matter or looked for must really lie inside it (see confine.ts).
   */
  projectRoot: string;
  /** `--registry FILE` or the config's `registry`: wins over everything else. */
  optionPath?: string;
  /** The document's parsed front matter; `references: path` is relative to the document. */
  frontMatter?: Record<string, unknown> | null;
  /** The document's own reference list, as the parse package extracted it. */
  documentReferences?: readonly Reference[];
  /** Told about registries looked for and skipped (a FIFO, a link out of the project). */
  notice?: (message: string) => void;
}

// After the SPEC's names, the names pandoc users give a bibliography (`brief.bib`, `references.bib`).
const SIBLING_SUFFIXES = ['.refs.json', '.refs.yaml', '.refs.yml', '.bib'];
const FOLDER_NAMES = ['references.json', 'references.yaml', 'references.yml', 'references.bib'];

/**
 * The registry for one document, in the SPEC's order: option, front matter, `<name>.refs.*`
 * beside the document, `references.*` in its folder or a parent up to the project root, the
 * document's own list. Null when there is none. A path the user named that does not exist is
 * an error; files that are merely looked for are skipped.
 */
export async function findRegistry(options: FindRegistryOptions): Promise<Registry | null> {
  const { documentPath, optionPath } = options;
  if (optionPath !== undefined) {
    const given = `given with --registry or the config's "registry"`;
    await refuseNamedLinkOut(optionPath, options.projectRoot, `the registry ${optionPath}`, ` (${given})`);
    return loadGiven(optionPath, 'option', given);
  }

  const fromFrontMatter = await frontMatterRegistry(options);
  if (fromFrontMatter !== null) return fromFrontMatter;

  for (const candidate of registryCandidates(documentPath, options.projectRoot)) {
    if (await usableCandidate(candidate.file, options)) return loadRegistryFile(candidate.file, candidate.via);
  }

  const own = options.documentReferences ?? [];
  if (own.length > 0) return { file: documentPath, via: 'document', references: [...own] };
  return null;
}

/**
 * The files looked for, in order, when neither an option nor the front matter names the
 * registry: `<name>.refs.*` beside the document, then `references.*` up to the project root.
 * A cache must watch them all, since creating one changes which registry a document uses.
 */
export function registryCandidates(documentPath: string, projectRoot: string): { file: string; via: 'sibling' | 'folder' }[] {
  const folder = dirname(documentPath);
  const name = basename(documentPath, extname(documentPath));
  return [
    ...SIBLING_SUFFIXES.map((suffix) => ({ file: join(folder, name + suffix), via: 'sibling' as const })),
    ...searchFolders(folder, projectRoot).flatMap((dir) => FOLDER_NAMES.map((fileName) => ({ file: join(dir, fileName), via: 'folder' as const }))),
  ];
}

/**
 * What the front matter names: `references: path` (citecheck's key), else pandoc's
 * `bibliography:` (one file or a list, BibTeX or CSL) together with pandoc's inline
 * `references:` list of CSL items. Null when it names nothing.
 */
async function frontMatterRegistry(options: FindRegistryOptions): Promise<Registry | null> {
  const matter = options.frontMatter;
  if (!matter) return null;
  const { documentPath } = options;
  const inline = matter.references;
  if (inline !== undefined && inline !== null && !Array.isArray(inline)) {
    return loadFromFrontMatter('references', inline, options);
  }
  const written = matter.bibliography === undefined || matter.bibliography === null ? [] : [matter.bibliography].flat();
  // Every path is checked before any is read, so the first mistake reported is the first written.
  for (const value of written) await confinedFrontMatterPath('bibliography', value, options);
  const registries: Registry[] = [];
  for (const value of written) registries.push(await loadFromFrontMatter('bibliography', value, options));
  if (Array.isArray(inline) && inline.length > 0) registries.push(inlineCslRegistry(inline, documentPath));
  if (registries.length === 0) return null;
  const first = registries[0] as Registry;
  // Pandoc merges its bibliographies and lets the first definition of a key win; so does this.
  const byId = new Map<string, Reference>();
  for (const reference of registries.flatMap((r) => r.references)) if (!byId.has(reference.id)) byId.set(reference.id, reference);
  const references = [...byId.values()];
  return { file: first.file, via: 'front-matter', references };
}

/** A registry the user named: one that is missing, or is not a file, is an error, never a fall-through. */
function loadGiven(file: string, via: Registry['via'], given: string, namedIn?: string): Promise<Registry> {
  return loadRegistryFile(file, via, { given, ...(namedIn === undefined ? {} : { namedIn }) });
}

async function loadFromFrontMatter(key: string, value: unknown, options: FindRegistryOptions): Promise<Registry> {
  const file = await confinedFrontMatterPath(key, value, options);
  return loadGiven(file, 'front-matter', `given as "${key}: ${String(value)}" in the front matter`, options.documentPath);
}

/**
 * A path named by front matter, refused unless it really lies inside the project: front matter
 * is data, and `references: /etc/passwd` must not make citecheck read (and quote) that file.
 * The message names the path as written and never anything read from it.
 */
async function confinedFrontMatterPath(key: string, value: unknown, options: FindRegistryOptions): Promise<string> {
  const file = frontMatterPath(key, value, options.documentPath);
  const place = await confine(file, options.projectRoot);
  if (!place.ok && place.reason === 'outside') {
    throw new CitecheckError(
      `"${key}: ${String(value)}" in the front matter names a file outside the project (${resolve(options.projectRoot)}), so it is not read; copy the registry into the project and name the copy`,
      { file: options.documentPath },
    );
  }
  return file;
}

function frontMatterPath(key: string, value: unknown, documentPath: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new CitecheckError(`"${key}" in the front matter must be the path of a registry or bibliography file, got ${JSON.stringify(value)}`, { file: documentPath });
  }
  return isAbsolute(value) ? value : join(dirname(documentPath), value);
}

/** Pandoc's inline bibliography: CSL items written in the front matter itself. */
function inlineCslRegistry(items: unknown[], documentPath: string): Registry {
  const start = { line: 1, column: 1, offset: 0 };
  const registry = cslRegistry(documentPath, 'front-matter', items.map((value, index) => ({ value, start, end: start, label: `front matter "references" entry #${index + 1}` })));
  // Where each item stands in the front matter is not tracked: findings about one fall back to the first claim.
  return { ...registry, references: registry.references.map((r) => ({ ...r, origin: { file: documentPath } })) };
}

/**
 * The document's folder, then each parent up to and including the project root, spelled
 * relative to the document's folder as given so paths stay in the caller's form. A document
 * outside the project searches only its own folder: climbing would leave the project.
 */
function searchFolders(folder: string, projectRoot: string): string[] {
  const start = resolve(folder);
  const root = resolve(projectRoot);
  const inside = start === root || start.startsWith(root.endsWith(sep) ? root : root + sep);
  if (!inside) return [folder];
  const folders: string[] = [];
  for (let dir = start; ; dir = dirname(dir)) {
    folders.push(join(folder, relative(start, dir)));
    if (dir === root || dirname(dir) === dir) break;
  }
  return folders;
}

/**
 * A registry looked for, not named: used when it is a regular file inside the project. Anything
 * else standing at the name (a FIFO, a device, a link out of the project or in a loop) is
 * skipped with a notice, never read; a folder or nothing at all is skipped quietly.
 */
async function usableCandidate(file: string, options: FindRegistryOptions): Promise<boolean> {
  const info = await lstat(file).catch(() => null);
  if (info === null) return false;
  const shown = relative(dirname(options.documentPath), file) || file;
  const place = await confine(file, options.projectRoot);
  if (!place.ok) {
    if (place.reason === 'outside') options.notice?.(`${shown} is a symbolic link to a place outside the project, so it is not read as a registry`);
    if (place.reason === 'loop') options.notice?.(`${shown} is a symbolic link that leads back to itself, so it is not read as a registry`);
    return false;
  }
  const kind = kindOf(await stat(place.real));
  if (kind === 'file') return true;
  if (kind !== 'folder') options.notice?.(`${shown} is ${describeKind(kind)}, not a file, so it is not read as a registry`);
  return false;
}
