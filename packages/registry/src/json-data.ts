import jsonc from 'jsonc-parser';
import type { Node, ParseError } from 'jsonc-parser';
import type { PathSegment } from './data-error.js';
import { createLineIndex } from './positions.js';
import { type DuplicateKey, MAX_DEPTH, type OffsetRange, type ParseOutcome, tooDeepMessage } from './parsed-data.js';

// jsonc-parser's "main" is a UMD bundle whose named exports Node's ESM loader cannot see, so
// the functions come off the default export. Its enums are const enums, hence the names below.
const { parseTree, getNodeValue, printParseErrorCode, stripComments, visit } = jsonc;

/**
 * Parses JSON keeping offsets. Comments are accepted (editors colour `.json` config files as
 * JSONC and people annotate registries); trailing commas are not, since other JSON tools
 * reading the same file would fail on them.
 */

export function parseJson(text: string): ParseOutcome {
  if (stripComments(text).trim() === '') return { kind: 'empty' };
  const tooDeep = depthBeyond(text, MAX_DEPTH);
  if (tooDeep !== -1) return { kind: 'too-deep', message: tooDeepMessage(), offset: tooDeep };
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: false, disallowComments: false });
  const first = errors[0];
  if (first !== undefined || root === undefined) {
    const error = first ?? { error: 4, offset: 0, length: 0 };
    return { kind: 'syntax', ...describeSyntaxError(text, error) };
  }
  const value: unknown = getNodeValue(root);
  return {
    kind: 'data',
    data: {
      format: 'json',
      value,
      locate: (path, part = 'value') => locate(root, path, part),
      duplicateKeys: findDuplicateKeys(root, []),
    },
  };
}

function locate(root: Node, path: readonly PathSegment[], part: 'value' | 'key'): OffsetRange {
  let node = root;
  let keyNode: Node | undefined;
  for (const segment of path) {
    const next = child(node, segment);
    if (next === undefined) return range(node);
    node = next.value;
    keyNode = next.key;
  }
  return range(part === 'key' && keyNode !== undefined ? keyNode : node);
}

function child(node: Node, segment: PathSegment): { value: Node; key?: Node } | undefined {
  if (node.type === 'array' && typeof segment === 'number') {
    const value = node.children?.[segment];
    return value && { value };
  }
  if (node.type !== 'object') return undefined;
  // The last of repeated keys, because that is the one getNodeValue keeps.
  const property = node.children?.filter((p) => p.children?.[0]?.value === String(segment)).pop();
  const [key, value] = property?.children ?? [];
  return value && key && { value, key };
}

function range(node: Node): OffsetRange {
  return { start: node.offset, end: node.offset + node.length };
}

/** Repeated keys of every object, in document order, collected in one list (never spread into push, which overflows past ~125,000). */
function findDuplicateKeys(root: Node, rootPath: PathSegment[]): DuplicateKey[] {
  const found: DuplicateKey[] = [];
  const frames: { node: Node; path: PathSegment[]; next: number; seen: Map<string, number> }[] = [{ node: root, path: rootPath, next: 0, seen: new Map() }];
  while (frames.length > 0) {
    const frame = frames[frames.length - 1];
    if (frame === undefined) break;
    const { node, path, seen } = frame;
    const children = node.children ?? [];
    const index = frame.next++;
    if (node.type === 'object' && index < children.length) {
      const [key, value] = children[index]?.children ?? [];
      if (key === undefined) continue;
      const name = String(key.value);
      const first = seen.get(name);
      if (first === undefined) seen.set(name, key.offset);
      else found.push({ path, key: name, first, second: key.offset });
      if (value !== undefined) frames.push({ node: value, path: [...path, name], next: 0, seen: new Map() });
    } else if (node.type === 'array' && index < children.length) {
      const item = children[index];
      if (item !== undefined) frames.push({ node: item, path: [...path, index], next: 0, seen: new Map() });
    } else {
      frames.pop();
    }
  }
  return found;
}

interface Context {
  /** The innermost open object or array at the error, with where it was opened. */
  container: { kind: 'object' | 'array'; offset: number } | undefined;
  /** The last comma or colon, bracket, key or value seen before the error. */
  last: { kind: 'begin' | 'end' | 'comma' | 'colon' | 'value'; offset: number } | undefined;
  /** Whether a complete top-level value ended before the error. */
  rootClosed: boolean;
}

/** Replays the parse up to the error to learn what the parser was inside and had just read. */
function contextAt(text: string, offset: number): Context {
  const stack: { kind: 'object' | 'array'; offset: number }[] = [];
  let last: Context['last'];
  let rootClosed = false;
  const before = (at: number): boolean => at < offset;
  const close = (at: number): void => {
    if (!before(at)) return;
    stack.pop();
    last = { kind: 'end', offset: at };
    if (stack.length === 0) rootClosed = true;
  };
  visit(text, {
    onObjectBegin: (at) => {
      if (!before(at)) return;
      stack.push({ kind: 'object', offset: at });
      last = { kind: 'begin', offset: at };
    },
    onArrayBegin: (at) => {
      if (!before(at)) return;
      stack.push({ kind: 'array', offset: at });
      last = { kind: 'begin', offset: at };
    },
    onObjectEnd: close,
    onArrayEnd: close,
    onObjectProperty: (_name, at) => {
      if (before(at)) last = { kind: 'value', offset: at };
    },
    onLiteralValue: (_value, at) => {
      if (!before(at)) return;
      last = { kind: 'value', offset: at };
      if (stack.length === 0) rootClosed = true;
    },
    onSeparator: (character, at) => {
      if (before(at)) last = { kind: character === ',' ? 'comma' : 'colon', offset: at };
    },
  });
  return { container: stack[stack.length - 1], last, rootClosed };
}

const VALUE_FORMS = 'text in double quotes, a number, true, false, null, an object or a list';

/** Words for jsonc-parser's error codes, and the offset a person should look at. */
function describeSyntaxError(text: string, error: ParseError): { message: string; offset: number } {
  const raw = text.slice(error.offset, error.offset + error.length);
  const atEnd = error.offset >= text.trimEnd().length;
  const found = atEnd || raw === '' ? 'the end of the file' : quoteToken(raw);
  const context = contextAt(text, error.offset);
  const { container, last } = context;
  const closer = container?.kind === 'array' ? 'closing bracket ]' : 'closing brace }';
  const opened = container && `the ${container.kind === 'array' ? 'list' : 'object'} opened at ${lineColumn(text, container.offset)}`;
  const at = (message: string, offset = error.offset): { message: string; offset: number } => ({ message, offset });
  const expectsKey = container?.kind === 'object' && (last?.kind === 'begin' || last?.kind === 'comma');

  switch (printParseErrorCode(error.error)) {
    case 'CommaExpected':
    case 'CloseBraceExpected':
    case 'CloseBracketExpected':
      if (atEnd) return at(opened ? `the file ends too early: ${opened} is never closed with ${closer.slice(-1)}` : 'the file ends too early');
      if ((raw === '}' && container?.kind === 'array') || (raw === ']' && container?.kind === 'object')) {
        return at(`expected a comma or ${closer}, found ${raw}: ${opened} is not closed`);
      }
      return at(`expected a comma or ${closer} before ${found}`);
    case 'PropertyNameExpected':
      if (last?.kind === 'comma' && raw === '}') return at('trailing comma: remove the comma before }', last.offset);
      if (raw.startsWith("'")) return at('field names need double quotes, not single quotes');
      return at(`expected a field name in double quotes, found ${found}`);
    case 'ValueExpected':
      if (last?.kind === 'comma' && (raw === ']' || raw === '}')) return at(`trailing comma: remove the comma before ${raw}`, last.offset);
      if (atEnd) return at(`the file ends too early: expected a value (${VALUE_FORMS})`);
      return at(`expected a value (${VALUE_FORMS}), found ${found}`);
    case 'ColonExpected':
      return at(`expected a colon after the field name, found ${found}`);
    case 'InvalidSymbol':
      if (context.rootClosed && container === undefined) return at(`unexpected ${found} after the end of the data; a JSON file holds one value`);
      if (expectsKey) {
        return raw.startsWith("'")
          ? at('field names need double quotes, not single quotes')
          : at(`field names need double quotes: write "${raw}"`);
      }
      if (raw.startsWith("'")) return at('text needs double quotes, not single quotes');
      return at(`${found} is not a JSON value; write ${VALUE_FORMS}`);
    case 'EndOfFileExpected':
      return at(`unexpected ${found} after the end of the data; a JSON file holds one value`);
    case 'InvalidNumberFormat':
    case 'UnexpectedEndOfNumber':
      return at(`${found} is not a valid number`);
    case 'UnexpectedEndOfString':
      return at('text is missing its closing double quote');
    case 'InvalidCharacter': {
      const control = [...raw].findIndex((ch) => ch.charCodeAt(0) < 0x20);
      return at('a line break or tab inside text must be written as \\n or \\t', error.offset + Math.max(control, 0));
    }
    case 'InvalidEscapeCharacter':
      return at('invalid escape in text: a backslash is written \\\\, and the escapes are \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX');
    case 'InvalidUnicode':
      return at('invalid \\u escape: it needs four hexadecimal digits, like \\u00e9');
    case 'UnexpectedEndOfComment':
      return at('a /* comment is never closed with */');
    case 'InvalidCommentToken':
      return at('invalid comment: use // or /* … */');
    default:
      return at(`the JSON is not valid here (found ${found})`);
  }
}

function quoteToken(raw: string): string {
  const short = raw.length > 30 ? `${raw.slice(0, 29)}…` : raw;
  return short.startsWith('"') ? short : `"${short}"`;
}

function lineColumn(text: string, offset: number): string {
  const { line, column } = createLineIndex(text).toPosition(offset);
  return `line ${line}, column ${column}`;
}

/** The offset where brackets outside strings first nest deeper than `max`, or -1: one pass. */
function depthBeyond(text: string, max: number): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '[' || c === '{') {
      if (++depth > max) return i;
    } else if (c === ']' || c === '}') depth--;
  }
  return -1;
}
