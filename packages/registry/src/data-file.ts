import { extname } from 'node:path';
import { CitecheckError, type Span } from '@citecheck/model';
import { DataFileError, type PathSegment, type Problem } from './data-error.js';
import { readInputFile } from './input-file.js';
import { parseJson } from './json-data.js';
import type { DuplicateKey, ParseOutcome } from './parsed-data.js';
import { createLineIndex, type LineIndex } from './positions.js';
import { READ_LIMITS, type ReadLimitKind, tooLargeProblem } from './read-limits.js';
import { wordSchemaErrors } from './schema-messages.js';
import { decodeText, stripBom } from './text.js';
import { validateAgainst } from './validator.js';
import { type DescribePath, placeLabel } from './wording.js';
import { parseYaml } from './yaml-data.js';

export interface DataFileOptions {
  /** Names places the schema has a word for, e.g. `references[2]` → "reference #3". */
  describePath?: DescribePath;
  /** Said after messages about the file's overall shape (empty, wrong top level). */
  shapeHint?: string;
}

/** A parsed JSON or YAML file that can still say where each value was written. */
export interface DataDocument {
  file: string;
  format: 'json' | 'yaml';
  /** The text parsed: BOM removed, so offsets match the model's positions. */
  text: string;
  value: unknown;
  lines: LineIndex;
  /** The span of the value at `path`, or of its field name with part 'key'. */
  locate(path: readonly PathSegment[], part?: 'value' | 'key'): Span;
  duplicateKeys: DuplicateKey[];
}

/** JSON for `.json`/`.jsonc`, YAML for `.yaml`/`.yml`; otherwise the first character decides. */
export function formatOf(file: string, text: string): 'json' | 'yaml' {
  const extension = extname(file).toLowerCase();
  if (extension === '.json' || extension === '.jsonc') return 'json';
  if (extension === '.yaml' || extension === '.yml') return 'yaml';
  return /^\s*[[{]/.test(text) ? 'json' : 'yaml';
}

export interface ReadContext {
  /** Which bound of READ_LIMITS applies (default: registry). */
  limit?: ReadLimitKind;
  /** Said after a message about reading it: how the user named it, "(given with --registry)". */
  given?: string;
  /** The file that named it (a briefing's front matter), where the error is placed. */
  namedIn?: string;
}

/**
 * Reads a data file as strict UTF-8 text, so a UTF-16 or Latin-1 file fails with a clear
 * message. `what` names the file in those messages ("registry file not found: …"). Only a
 * regular file of at most the context's limit is read; anything else (a FIFO, /dev/zero, a
 * link loop) is an error that says what stands there, never a hang.
 */
export async function readDataFile(file: string, what = 'file', context: ReadContext = {}): Promise<string> {
  const limit = context.limit ?? 'registry';
  const read = await readInputFile(file, { maxBytes: READ_LIMITS[limit] });
  if (!read.ok) {
    const problem = read.reason === 'missing' ? `${what} not found: ${file}` : `${what} ${file} ${read.reason === 'too-large' ? tooLargeProblem(limit, read.size) : read.problem}`;
    throw new CitecheckError(context.given === undefined ? problem : `${problem} (${context.given})`, context.namedIn === undefined ? {} : { file: context.namedIn });
  }
  return decodeText(file, read.bytes);
}

/** Parses without validating: syntax errors, an empty file and duplicate keys are reported. */
export function parseDataFile(file: string, text: string, options: DataFileOptions = {}): DataDocument {
  const visible = stripBom(text);
  const lines = createLineIndex(visible);
  const fail = (message: string, offset: number): never => {
    throw new DataFileError(file, [{ message, start: lines.toPosition(offset) }]);
  };
  const nul = visible.indexOf('\u0000');
  if (nul !== -1) fail('the file contains a NUL character: it is binary or UTF-16, not UTF-8 text', nul);

  const format = formatOf(file, visible);
  const outcome: ParseOutcome = format === 'json' ? parseJson(visible) : parseYaml(visible);
  if (outcome.kind === 'empty') return fail(`the file is empty${options.shapeHint ? `; ${options.shapeHint}` : ''}`, 0);
  if (outcome.kind === 'too-deep') return fail(outcome.message, outcome.offset);
  if (outcome.kind === 'syntax') return fail(`${format === 'json' ? 'JSON' : 'YAML'} syntax error: ${outcome.message}`, outcome.offset);

  const { data } = outcome;
  const document: DataDocument = {
    file,
    format,
    text: visible,
    value: data.value,
    lines,
    locate: (path, part) => {
      const range = data.locate(path, part);
      return lines.toSpan(range.start, range.end);
    },
    duplicateKeys: data.duplicateKeys,
  };
  if (data.duplicateKeys.length > 0) {
    throw new DataFileError(file, data.duplicateKeys.map((d) => duplicateKeyProblem(document, d, options)));
  }
  return document;
}

function duplicateKeyProblem(document: DataDocument, duplicate: DuplicateKey, options: DataFileOptions): Problem {
  const label = placeLabel(duplicate.path, document.value, options.describePath);
  const first = document.lines.toPosition(duplicate.first);
  return {
    message: `${label === '' ? '' : `${label}: `}the field "${duplicate.key}" appears twice (first at line ${first.line}, column ${first.column}); keep one`,
    start: document.lines.toPosition(duplicate.second),
  };
}

/** Every way the document breaks the schema, worded for a person; empty when it is valid. */
export function schemaProblems(document: DataDocument, schema: object, options: DataFileOptions = {}): Problem[] {
  const errors = validateAgainst(schema, document.value);
  const worded = wordSchemaErrors(errors, {
    root: document.value,
    format: document.format,
    locate: (path, part) => {
      const span = document.locate(path, part);
      return { start: span.start.offset, end: span.end.offset };
    },
    ...(options.describePath ? { describePath: options.describePath } : {}),
    ...(options.shapeHint ? { shapeHint: options.shapeHint } : {}),
  });
  return worded.map((p) => ({ message: p.message, start: document.lines.toPosition(p.offset) }));
}

/**
 * Parses a JSON or YAML data file and checks it against a JSON Schema. Throws a DataFileError
 * (a CitecheckError with the file, line and column of the first problem, listing them all).
 */
export function loadDataFile(file: string, text: string, schema: object, options: DataFileOptions = {}): unknown {
  const document = parseDataFile(file, text, options);
  const problems = schemaProblems(document, schema, options);
  if (problems.length > 0) throw new DataFileError(file, problems);
  return document.value;
}
