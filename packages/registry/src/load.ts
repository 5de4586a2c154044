import { extname } from 'node:path';
import { CitecheckError, type Reference, type ReferenceKind, type Registry, type Span } from '@citecheck/model';
import { DataFileError, type Problem } from './data-error.js';
import { type DataDocument, parseDataFile, readDataFile, schemaProblems } from './data-file.js';
import { describeRegistryPath, registrySchema, registryWording } from './registry-schema.js';

/** An entry as the schema admits it: every field optional except the id, the date maybe a bare year. */
interface RawEntry {
  id: number | string;
  title?: string;
  url?: string;
  publisher?: string;
  date?: string | number;
  kind?: ReferenceKind;
  excerpts?: string[];
  snapshot?: string;
}

/** Reads, validates and normalises a native registry file; `file` is kept as given. */
export async function loadRegistryFile(file: string, via: Registry['via'] = 'option'): Promise<Registry> {
  const text = await readDataFile(file, 'registry file');
  return parseRegistry(file, text, via);
}

/**
 * Validates registry text against the schema and for repeated ids, and turns it into the
 * model's Registry: ids as strings, each entry's place in the file kept as its origin.
 */
export function parseRegistry(file: string, text: string, via: Registry['via'] = 'option'): Registry {
  rejectForeignFormats(file, text);
  const document = parseDataFile(file, text, registryWording);
  if (Array.isArray(document.value) && document.value.some(looksLikeCsl)) {
    throw new DataFileError(file, [{
      message: 'this looks like CSL-JSON (a Zotero export), not a citecheck registry; convert it with `citecheck registry import`',
      start: document.lines.toPosition(0),
    }]);
  }
  const problems = schemaProblems(document, registrySchema, registryWording);
  if (problems.length > 0) throw new DataFileError(file, problems);

  // The schema has just vouched for this shape.
  const entries = (document.value as { references: RawEntry[] }).references;
  const duplicates = duplicateIdProblems(document, entries);
  if (duplicates.length > 0) throw new DataFileError(file, duplicates);

  return { file, via, references: entries.map((entry, index) => toReference(entry, document.locate(['references', index]), file)) };
}

function toReference(entry: RawEntry, span: Span, file: string): Reference {
  const reference: Reference = { id: String(entry.id) };
  if (entry.title !== undefined) reference.title = entry.title;
  if (entry.url !== undefined) reference.url = entry.url;
  if (entry.publisher !== undefined) reference.publisher = entry.publisher;
  // A bare year is a number in YAML (and allowed in JSON); the model keeps dates as text.
  if (entry.date !== undefined) reference.date = String(entry.date);
  if (entry.kind !== undefined) reference.kind = entry.kind;
  if (entry.excerpts !== undefined) reference.excerpts = entry.excerpts;
  if (entry.snapshot !== undefined) reference.snapshot = entry.snapshot;
  reference.origin = { file, start: span.start, end: span.end };
  return reference;
}

/** 1 and "1" are one id once normalised, so they collide too; both places are named. */
function duplicateIdProblems(document: DataDocument, entries: readonly RawEntry[]): Problem[] {
  const firstIndex = new Map<string, number>();
  const problems: Problem[] = [];
  entries.forEach((entry, index) => {
    const id = String(entry.id);
    const earlier = firstIndex.get(id);
    if (earlier === undefined) {
      firstIndex.set(id, index);
      return;
    }
    const before = document.locate(['references', earlier, 'id']).start;
    const written = entries[earlier]?.id;
    const sameAs = written !== entry.id ? ` (written ${JSON.stringify(written)} there)` : '';
    const label = describeRegistryPath(['references', index, 'id'], document.value)?.label ?? `reference #${index + 1}`;
    problems.push({
      message: `${label}: the id ${JSON.stringify(entry.id)} is already used by reference #${earlier + 1} at line ${before.line}, column ${before.column}${sameAs}; each id must be unique`,
      start: document.locate(['references', index, 'id']).start,
    });
  });
  return problems;
}

/** BibTeX would fail as YAML with a baffling message about reserved characters. */
function rejectForeignFormats(file: string, text: string): void {
  if (extname(file).toLowerCase() === '.bib' || /^\uFEFF?\s*@[A-Za-z]+\s*[{(]/.test(text)) {
    throw new CitecheckError('this is BibTeX, not a citecheck registry; convert it with `citecheck registry import`', { file, line: 1, column: 1 });
  }
}

function looksLikeCsl(item: unknown): boolean {
  return typeof item === 'object' && item !== null && ('issued' in item || 'URL' in item || 'container-title' in item || 'author' in item);
}
