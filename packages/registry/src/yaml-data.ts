import { type Document, isAlias, isMap, isScalar, isSeq, type Node, parseDocument, type YAMLError } from 'yaml';
import { yamlNestingBeyond } from '@citecheck/parse';
import type { PathSegment } from './data-error.js';
import { type DuplicateKey, MAX_DEPTH, type OffsetRange, type ParseOutcome, tooDeepMessage } from './parsed-data.js';

/**
 * Parses YAML (1.2 core schema, so `date: 2021-05-01` stays text and is never turned into a
 * Date) keeping each node's offsets. Duplicate keys are collected rather than left to the YAML
 * parser so JSON and YAML files report them in the same words.
 */
export function parseYaml(text: string): ParseOutcome {
  // Measured before composing, which recurses (see yamlNestingBeyond).
  const tooDeep = yamlNestingBeyond(text, MAX_DEPTH);
  if (tooDeep !== -1) return { kind: 'too-deep', message: tooDeepMessage(), offset: tooDeep };
  const doc = parseDocument(text, { uniqueKeys: false, prettyErrors: false, logLevel: 'error' });
  const error = doc.errors[0];
  if (error !== undefined) return { kind: 'syntax', message: describeYamlError(error), offset: errorOffset(text, error) };
  if (doc.contents === null) return { kind: 'empty' };
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (failure) {
    // Aliases are only checked when the document is converted: a missing anchor, or an alias
    // bomb that would expand into gigabytes.
    const reason = failure instanceof Error ? failure.message : String(failure);
    // Aliases can nest what the depth check saw flat; a stack overflow is not a syntax error.
    if (failure instanceof RangeError) return { kind: 'too-deep', message: tooDeepMessage(), offset: firstAliasOffset(doc) ?? 0 };
    const message = /unresolved alias/i.test(reason)
      ? `an alias (*name) refers to an anchor (&name) that is not defined before it: ${reason}`
      : /excessive alias/i.test(reason)
        ? 'the aliases (*name) in this file expand to too much data'
        : lowerFirst(reason);
    return { kind: 'syntax', message, offset: firstAliasOffset(doc) ?? 0 };
  }
  return {
    kind: 'data',
    data: {
      format: 'yaml',
      value,
      locate: (path, part = 'value') => locate(doc, text, path, part),
      duplicateKeys: findDuplicateKeys(doc.contents, []),
    },
  };
}

function locate(doc: Document, text: string, path: readonly PathSegment[], part: 'value' | 'key'): OffsetRange {
  let node: unknown = doc.contents;
  let keyNode: unknown;
  for (const segment of path) {
    if (isAlias(node)) node = node.resolve(doc);
    let next: unknown;
    let nextKey: unknown;
    if (isMap(node)) {
      // The last of repeated keys, because that is the one toJS keeps.
      const pair = node.items.filter((p) => keyName(p.key) === String(segment)).pop();
      nextKey = pair?.key;
      next = pair?.value ?? pair?.key;
    } else if (isSeq(node) && typeof segment === 'number') {
      next = node.items[segment];
    }
    if (!hasRange(next)) break;
    node = next;
    keyNode = nextKey;
  }
  const target = part === 'key' && hasRange(keyNode) ? keyNode : node;
  return hasRange(target) ? trimmedRange(text, target.range) : { start: 0, end: 0 };
}

function keyName(key: unknown): string | undefined {
  return isScalar(key) ? String(key.value) : undefined;
}

function hasRange(node: unknown): node is Node & { range: [number, number, number] } {
  return typeof node === 'object' && node !== null && 'range' in node && Array.isArray(node.range);
}

/** A block node's range runs on over the line break after it; a span should end at its text. */
function trimmedRange(text: string, range: readonly [number, number, number]): OffsetRange {
  let end = range[1];
  while (end > range[0] && /\s/.test(text[end - 1] ?? '')) end--;
  return { start: range[0], end };
}

/**
 * Repeated keys of every map, in document order (a key, then the maps inside its value). Walked
 * with a stack of frames, not by recursion, and collected in one list: a deep or wide file
 * neither overflows the stack nor is spread into push.
 */
function findDuplicateKeys(root: unknown, rootPath: PathSegment[]): DuplicateKey[] {
  const found: DuplicateKey[] = [];
  const frames: { node: unknown; path: PathSegment[]; next: number; seen: Map<string, number> }[] = [{ node: root, path: rootPath, next: 0, seen: new Map() }];
  while (frames.length > 0) {
    const frame = frames[frames.length - 1];
    if (frame === undefined) break;
    const { node, path, seen } = frame;
    const index = frame.next++;
    if (isMap(node) && index < node.items.length) {
      const pair = node.items[index];
      const name = keyName(pair?.key);
      if (pair === undefined || name === undefined || !hasRange(pair.key)) continue;
      const first = seen.get(name);
      if (first === undefined) seen.set(name, pair.key.range[0]);
      else found.push({ path, key: name, first, second: pair.key.range[0] });
      frames.push({ node: pair.value, path: [...path, name], next: 0, seen: new Map() });
    } else if (isSeq(node) && index < node.items.length) {
      frames.push({ node: node.items[index], path: [...path, index], next: 0, seen: new Map() });
    } else {
      frames.pop();
    }
  }
  return found;
}

function firstAliasOffset(doc: Document): number | undefined {
  // In document order, with a stack rather than recursion (nesting is the file's to choose).
  const pending: unknown[] = [doc.contents];
  while (pending.length > 0) {
    const node = pending.pop();
    if (isAlias(node) && node.range) return node.range[0];
    const children: unknown[] = isMap(node) ? node.items.flatMap((p) => [p.key, p.value]) : isSeq(node) ? node.items : [];
    for (let i = children.length - 1; i >= 0; i--) pending.push(children[i]);
  }
  return undefined;
}

/**
 * Where to send the reader. An unclosed quote is reported by yaml where the file runs out;
 * the opening quote, the last one before that point, is where the fix goes.
 */
function errorOffset(text: string, error: YAMLError): number {
  if (error.code === 'MISSING_CHAR' && /closing ["']quote/.test(error.message)) {
    const quote = error.message.includes('"quote') ? '"' : "'";
    const opening = text.lastIndexOf(quote, error.pos[0] - 1);
    if (opening !== -1) return opening;
  }
  return error.pos[0];
}

/** The yaml package's messages speak of "implicit keys" and "flow collections"; say it plainly. */
function describeYamlError(error: YAMLError): string {
  const original = error.message;
  switch (error.code) {
    case 'MULTIPLE_DOCS':
      return 'the file holds more than one YAML document (a second "---" line); keep everything in one document';
    case 'TAB_AS_INDENT':
      return 'YAML cannot be indented with tabs; use spaces';
    case 'MISSING_CHAR':
      if (/quote/i.test(original)) return 'quoted text is never closed: the closing quote is missing';
      if (/map values/i.test(original)) return 'expected "name: value" here: a colon is missing, or the line is indented wrongly';
      if (/\]/.test(original)) return 'a list opened with [ is not closed with ]';
      if (/\}/.test(original)) return 'an object opened with { is not closed with }';
      return lowerFirst(original);
    case 'BAD_INDENT':
      if (/end with a \]/.test(original)) return 'a list opened with [ is not closed with ]';
      if (/end with a \}/.test(original)) return 'an object opened with { is not closed with }';
      return 'the indentation here does not line up with the lines around it';
    case 'BLOCK_AS_IMPLICIT_KEY':
      if (/compact mappings/i.test(original)) {
        return 'a value cannot itself be "name: value" on the same line; put it in quotes, or on the next line, indented';
      }
      return 'the indentation here does not line up with the lines around it';
    case 'MULTILINE_IMPLICIT_KEY':
      return 'a field name must fit on one line: a colon is missing, or the line is indented wrongly';
    default:
      return lowerFirst(original);
  }
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

