import { extname } from 'node:path';
import type { Position, Reference, ReferenceKind, Registry, Span } from '@citecheck/model';
import { isBibtex, parseBibtex } from './bibtex.js';
import { type CslItem, cslItemProblems, cslItemsOf, cslToReference, type PlacedItem } from './csl.js';
import { DataFileError, type PathSegment, type Problem } from './data-error.js';
import { type DataDocument, parseDataFile, type ReadContext, readDataFile, schemaProblems } from './data-file.js';
import { isRecord, valueAt } from './wording.js';
import { createLineIndex } from './positions.js';
import { stripBom } from './text.js';
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

/** Reads, validates and normalises a registry file (native, CSL-JSON or BibTeX); `file` is kept as given. */
export async function loadRegistryFile(file: string, via: Registry['via'] = 'option', context: Omit<ReadContext, 'limit'> = {}): Promise<Registry> {
  const text = await readDataFile(file, 'registry file', context);
  return parseRegistry(file, text, via);
}

/**
 * Validates registry text and turns it into the model's Registry: ids as strings, each entry's
 * place in the file kept as its origin. The native format is checked against its schema;
 * CSL-JSON (a Zotero export, or pandoc's YAML `references:`) and BibTeX are read as their
 * tools write them. Repeated ids are an error in every format.
 */
export function parseRegistry(file: string, text: string, via: Registry['via'] = 'option'): Registry {
  const visible = stripBom(text);
  if (isBibtex(extname(file).toLowerCase(), visible)) {
    return fromPlacedItems(file, via, parseBibtex(file, visible, createLineIndex(visible)));
  }
  const document = parseDataFile(file, text, registryWording);
  const csl = cslItemsOf(document.value);
  keepIdsExact(document, csl === null ? nativeIdPaths(document.value) : csl.items.flatMap((_, index) => [[...csl.path(index), 'id'], [...csl.path(index), 'citation-key']]));
  if (csl !== null) {
    return cslRegistry(file, via, csl.items.map((value, index) => ({ value, label: `entry #${index + 1}`, ...document.locate(csl.path(index)) })));
  }
  const problems = schemaProblems(document, registrySchema, registryWording);
  if (problems.length > 0) throw new DataFileError(file, problems);

  // The schema has just vouched for this shape.
  const entries = (document.value as { references: RawEntry[] }).references;
  const placed = entries.map((entry, index) => ({
    id: String(entry.id),
    written: entry.id,
    label: describeRegistryPath(['references', index, 'id'], document.value)?.label ?? `reference #${index + 1}`,
    at: document.locate(['references', index, 'id']).start,
  }));
  const duplicates = duplicateIdProblems(placed);
  if (duplicates.length > 0) throw new DataFileError(file, duplicates);

  return { file, via, references: entries.map((entry, index) => toReference(entry, document.locate(['references', index]), file)) };
}

function nativeIdPaths(value: unknown): PathSegment[][] {
  const references = isRecord(value) ? value.references : undefined;
  return Array.isArray(references) ? references.map((_, index) => ['references', index, 'id']) : [];
}

/**
 * A number id past 2^53 loses digits when read as a number (9007199254740993 becomes
 * …992, and two distinct ids collide), so such an id is taken as the digits written.
 */
function keepIdsExact(document: DataDocument, paths: readonly PathSegment[][]): void {
  for (const path of paths) {
    const parent = valueAt(document.value, path.slice(0, -1));
    const key = path[path.length - 1];
    if (!isRecord(parent) || typeof key !== 'string') continue;
    const id = parent[key];
    if (typeof id !== 'number' || Number.isSafeInteger(id)) continue;
    const span = document.locate(path);
    const written = document.text.slice(span.start.offset, span.end.offset);
    if (/^[-+]?\d+$/.test(written)) parent[key] = written.replace(/^\+/, '').replace(/^(-?)0+(?=\d)/, '$1');
  }
}

/** CSL items as written, wherever they come from (a CSL-JSON file, pandoc's front matter): each must be citable. */
export function cslRegistry(file: string, via: Registry['via'], placed: readonly (Omit<PlacedItem, 'item'> & { value: unknown })[]): Registry {
  const problems = cslItemProblems(placed);
  if (problems.length > 0) throw new DataFileError(file, problems);
  return fromPlacedItems(file, via, placed.map((p) => ({ ...p, item: p.value as CslItem })));
}

function fromPlacedItems(file: string, via: Registry['via'], items: PlacedItem[]): Registry {
  const references = items.map((placed) => cslToReference(placed, file));
  const duplicates = duplicateIdProblems(items.map((placed, index) => ({ id: references[index]?.id ?? '', written: references[index]?.id, label: placed.label, at: placed.start })));
  if (duplicates.length > 0) throw new DataFileError(file, duplicates);
  return { file, via, references };
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

/** An id as written, with how messages name its entry and where the id stands. */
interface PlacedId {
  id: string;
  written: unknown;
  label: string;
  at: Position;
}

/** 1 and "1" are one id once normalised, so they collide too; both places are named. */
function duplicateIdProblems(ids: readonly PlacedId[]): Problem[] {
  const first = new Map<string, PlacedId>();
  const problems: Problem[] = [];
  for (const placed of ids) {
    const earlier = first.get(placed.id);
    if (earlier === undefined) {
      first.set(placed.id, placed);
      continue;
    }
    const sameAs = earlier.written !== placed.written ? ` (written ${JSON.stringify(earlier.written)} there)` : '';
    problems.push({
      message: `${placed.label}: the id ${JSON.stringify(placed.written)} is already used by ${earlier.label.replace(/ \("id".*$/, '')} at line ${earlier.at.line}, column ${earlier.at.column}${sameAs}; each id must be unique`,
      start: placed.at,
    });
  }
  return problems;
}
