import { stat } from 'node:fs/promises';
import { basename, dirname, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { CitecheckError, type Reference, type Registry } from '@citecheck/model';
import { loadRegistryFile } from './load.js';

export interface FindRegistryOptions {
  /** The briefing whose registry is wanted. */
  documentPath: string;
  /** The folder search never climbs above this (the config's folder, else the git root). */
  projectRoot: string;
  /** `--registry FILE` or the config's `registry`: wins over everything else. */
  optionPath?: string;
  /** The document's parsed front matter; `references: path` is relative to the document. */
  frontMatter?: Record<string, unknown> | null;
  /** The document's own reference list, as the parse package extracted it. */
  documentReferences?: readonly Reference[];
}

const SIBLING_SUFFIXES = ['.refs.json', '.refs.yaml', '.refs.yml'];
const FOLDER_NAMES = ['references.json', 'references.yaml', 'references.yml'];

/**
 * The registry for one document, in the SPEC's order: option, front matter, `<name>.refs.*`
 * beside the document, `references.*` in its folder or a parent up to the project root, the
 * document's own list. Null when there is none. A path the user named that does not exist is
 * an error; files that are merely looked for are skipped.
 */
export async function findRegistry(options: FindRegistryOptions): Promise<Registry | null> {
  const { documentPath, optionPath } = options;
  if (optionPath !== undefined) {
    if (!(await isFile(optionPath))) {
      throw new CitecheckError(`registry file not found: ${optionPath} (given with --registry or the config's "registry")`);
    }
    return loadRegistryFile(optionPath, 'option');
  }

  const fromFrontMatter = frontMatterPath(options);
  if (fromFrontMatter !== undefined) {
    if (!(await isFile(fromFrontMatter.file))) {
      throw new CitecheckError(
        `registry file not found: ${fromFrontMatter.file} (given as "references: ${fromFrontMatter.written}" in the front matter)`,
        { file: documentPath },
      );
    }
    return loadRegistryFile(fromFrontMatter.file, 'front-matter');
  }

  for (const candidate of registryCandidates(documentPath, options.projectRoot)) {
    if (await isFile(candidate.file)) return loadRegistryFile(candidate.file, candidate.via);
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
 * The front matter's `references:` as a path beside the document. A list there is pandoc's
 * inline CSL references, a different thing, so it is left alone rather than misread.
 */
function frontMatterPath(options: FindRegistryOptions): { file: string; written: string } | undefined {
  const value = options.frontMatter?.references;
  if (value === undefined || value === null || Array.isArray(value)) return undefined;
  if (typeof value !== 'string' || value.trim() === '') {
    throw new CitecheckError(
      `"references" in the front matter must be the path of a registry file, got ${JSON.stringify(value)}`,
      { file: options.documentPath },
    );
  }
  const file = isAbsolute(value) ? value : join(dirname(options.documentPath), value);
  return { file, written: value };
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

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
