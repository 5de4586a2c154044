/*
 * Issue 6, hostile input: property tests of registry loading. Whatever text a registry file
 * holds (random JSON, YAML-ish, BibTeX-ish text, CSL arrays), parseRegistry either returns a
 * Registry or throws a CitecheckError that names the file and a line and column inside the
 * text; never any other exception.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CitecheckError, type Position, type Registry } from '@citecheck/model';
import { parseRegistry } from './load.js';

const RUNS = 200;

// ---------------------------------------------------------------------------------------------
// An independent line count (LF, CRLF or a lone CR end a line; columns in UTF-16 code units).

function lineLengths(text: string): number[] {
  const lengths: number[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0d && text.charCodeAt(i + 1) === 0x0a) continue;
    if (c === 0x0a || c === 0x0d) {
      // The line's own text, without its line ending.
      lengths.push(i - start - (c === 0x0a && text.charCodeAt(i - 1) === 0x0d ? 1 : 0));
      start = i + 1;
    }
  }
  lengths.push(text.length - start);
  return lengths;
}

const withoutBom = (raw: string): string => (raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw);

/** Why `line:column` is not a place in `text` (a column may stand just past the line's end), or null. */
function outside(text: string, line: number | undefined, column: number | undefined): string | null {
  const lengths = lineLengths(withoutBom(text));
  if (line === undefined || column === undefined) return `no line and column (line ${line}, column ${column})`;
  if (!Number.isInteger(line) || line < 1 || line > lengths.length) return `line ${line} is not one of the text's ${lengths.length} lines`;
  const length = lengths[line - 1] ?? 0;
  if (!Number.isInteger(column) || column < 1 || column > length + 1) return `column ${column} is outside line ${line} (${length} characters)`;
  return null;
}

/** The outcome of parsing, with everything that breaks the contract spelled out. */
function contractProblems(file: string, text: string): string[] {
  let registry: Registry;
  try {
    registry = parseRegistry(file, text);
  } catch (error) {
    if (!(error instanceof CitecheckError)) {
      return [`${file}: threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)} on ${JSON.stringify(text.slice(0, 300))}`];
    }
    const problems: string[] = [];
    if (error.file !== file) problems.push(`the error names file ${String(error.file)}, not ${file}`);
    const where = outside(text, error.line, error.column);
    if (where !== null) problems.push(`${error.format().split('\n')[0]}: ${where}`);
    if (error.message.trim() === '') problems.push('the error has no message');
    if (/\n\s+at /.test(error.message)) problems.push('the message carries a stack trace');
    return problems;
  }
  const problems: string[] = [];
  if (registry.file !== file) problems.push(`registry.file is ${registry.file}, not ${file}`);
  const ids = registry.references.map((r) => r.id);
  if (new Set(ids).size !== ids.length) problems.push(`repeated ids returned: ${JSON.stringify(ids)}`);
  for (const ref of registry.references) {
    if (typeof ref.id !== 'string' || ref.id === '') problems.push(`reference id ${JSON.stringify(ref.id)} is not a non-empty string`);
    const checkPlace = (what: string, p: Position | undefined): void => {
      if (p === undefined) return;
      const where = outside(text, p.line, p.column);
      if (where !== null) problems.push(`reference ${ref.id} origin ${what}: ${where}`);
    };
    checkPlace('start', ref.origin?.start);
    checkPlace('end', ref.origin?.end);
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Arbitraries.

const EXTENSIONS = ['.json', '.yaml', '.bib'] as const;
const fileName = fc.constantFrom(...EXTENSIONS).map((ext) => `refs${ext}`);

const wildValue = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1.5, 1e308, 2 ** 53 + 1, '', ' ', '1', 'x', '2021-05-01', 'May 2021', '2021-02-30', '__proto__', 'constructor', '\u0000', '\ud800', '😀', 'https://example.org/a'),
  fc.string({ maxLength: 12 }),
  fc.integer(),
  fc.double(),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
);

const FIELDS = ['id', 'title', 'url', 'publisher', 'date', 'kind', 'excerpts', 'snapshot', 'tittle', '__proto__', 'constructor', 'prototype', '', ' id', 'ID'];

/** Something shaped like a native registry, with every field given values of random types. */
const nativeish = fc.oneof(
  fc.record({
    references: fc.array(fc.dictionary(fc.constantFrom(...FIELDS), wildValue, { maxKeys: 6 }), { maxLength: 6 }),
  }),
  fc.record({ references: wildValue }),
  fc.dictionary(fc.constantFrom('references', 'refs', '$schema', ''), wildValue, { maxKeys: 3 }),
);

const CSL_FIELDS = ['id', 'type', 'title', 'URL', 'DOI', 'issued', 'container-title', 'publisher', 'citation-key', 'note', 'author', 'accessed'];
const cslValue = fc.oneof(
  wildValue,
  fc.constantFrom({ 'date-parts': [[2020]] }, { 'date-parts': [[2020, 13, 40]] }, { 'date-parts': [] }, { 'date-parts': 'x' }, { raw: 'spring 2020' }, [{ family: 'Smith', given: 'A' }], 'Citation Key: smith2020', 'article-journal'),
);

/** CSL-JSON arrays (a Zotero export) and pandoc's `references:` with random items. */
const cslish = fc.oneof(
  fc.array(fc.oneof({ weight: 5, arbitrary: fc.dictionary(fc.constantFrom(...CSL_FIELDS), cslValue, { maxKeys: 6 }) }, { weight: 1, arbitrary: wildValue }), { maxLength: 6 }),
  fc.record({ references: fc.array(fc.dictionary(fc.constantFrom(...CSL_FIELDS), cslValue, { maxKeys: 6 }), { maxLength: 5 }) }),
);

const SPACES = [0, 1, 2, 4, '\t'] as const;

/** JSON text of a random value, sometimes broken by a cut, an inserted character or a comment. */
const jsonText = fc
  .tuple(fc.oneof(nativeish, cslish, fc.jsonValue({ maxDepth: 4 })), fc.constantFrom(...SPACES), fc.constantFrom('none', 'cut', 'insert', 'comment', 'trailing-comma'), fc.nat(), fc.constantFrom(',', '{', '}', '[', ']', '"', ':', '\\', '\n', '/*', '//', 'NaN'))
  .map(([value, space, damage, at, inserted]) => {
    const text = JSON.stringify(value, null, space) ?? 'null';
    const i = text.length === 0 ? 0 : at % text.length;
    switch (damage) {
      case 'cut':
        return text.slice(0, i);
      case 'insert':
        return text.slice(0, i) + inserted + text.slice(i);
      case 'comment':
        return `// a registry\n${text}\n/* end */`;
      case 'trailing-comma':
        return text.replace(/(["\d\]}el])(\s*[\]}])/, '$1,$2');
      default:
        return text;
    }
  });

const YAML_PIECES = [
  'references:', '  - id: 1', '  - id: dube2010', '    title: A title', '    title: "unclosed', "    title: 'single", '    url: https://example.org/a',
  '    date: 2021-05-01', '    date: May 2021', '    date: 2021', '    kind: government', '    kind: blog', '    excerpts:', '      - A passage.',
  '      - [1, 2]', '    snapshot: ../../etc/passwd', '    tittle: typo', '  - &a { id: 2 }', '  - *a', '  - *undefined', '    <<: *a', '  - !!binary aGVsbG8=',
  '  - !custom x', '? complex', ': key', '--- ', '...', '%YAML 1.2', '%TAG ! tag:x,2000:', '\t- id: tab', '  -', '-', '- id:', '  id: 1', '    - x', 'references: [',
  'references: {', 'references: null', 'references: 5', '|', '>', '  |-', '    literal [1]', '# comment', '"key": value', 'id: 1', '- 1', '- null', '- ~', '{', '}', '[', ']',
  '  - id: 1\r', '\u00a0- id: 9', '  - id: 研究', '  - id: 😀', '  - id: 1e400', '  - id: 0x1F', '  - id: .inf', '  - id: -0', '  - id: 1.0', '  - id: true', '  - id: ""',
];

const yamlText = fc
  .tuple(fc.array(fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...YAML_PIECES) }, { weight: 1, arbitrary: fc.string({ maxLength: 10 }) }), { maxLength: 20 }), fc.constantFrom('\n', '\r\n', '\r'))
  .map(([lines, ending]) => lines.join(ending));

const BIB_PIECES = [
  '@article{smith2020,', '@book{key,', '@misc{,', '@online(paren2021,', '@ARTICLE{Upper,', '@string{jan = "January"}', '@comment{anything}', '@preamble{"x"}',
  '  title = {A {Protected} Title},', '  title = "quoted",', '  author = {Smith, A. and Jones, B.},', '  year = 2020,', '  year = {2020},', '  month = jan,',
  '  doi = {10.1000/xyz},', '  url = {https://example.org/a},', '  note = {Citation Key: x},', '  title = {unbalanced,', '  title = {{a}', '  journal = jan # " issue",',
  '  author = {\\"{o}\\\'e\\c{c}},', '}', '}}', ')', '{', ',', '=', '#', '%', '% a comment', '@', '@article', '@article{', 'smith2020', '"', '\\', '  = value', '@article{dup,', '@article{dup,',
];

const bibText = fc
  .tuple(fc.array(fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...BIB_PIECES) }, { weight: 1, arbitrary: fc.string({ maxLength: 10 }) }), { maxLength: 25 }), fc.constantFrom('\n', '\r\n', '\r'))
  .map(([lines, ending]) => lines.join(ending));

/** A whole file: text of any kind under any of the three extensions, maybe with a BOM or CRLF. */
const registryFile = fc
  .tuple(
    fileName,
    fc.oneof({ weight: 3, arbitrary: jsonText }, { weight: 3, arbitrary: yamlText }, { weight: 3, arbitrary: bibText }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 80 }) }),
    fc.boolean(),
    fc.boolean(),
  )
  .map(([file, text, bom, crlf]) => ({ file, text: (bom ? '\ufeff' : '') + (crlf ? text.replace(/\r?\n/g, '\r\n') : text) }));

// ---------------------------------------------------------------------------------------------

describe('parseRegistry on hostile input (properties)', () => {
  it('random registry texts under .json, .yaml and .bib: a Registry, or a CitecheckError placed inside the text', () => {
    fc.assert(
      fc.property(registryFile, ({ file, text }) => {
        expect(contractProblems(file, text)).toEqual([]);
      }),
      { numRuns: RUNS * 3 },
    );
  });

  it('random JSON values (native-shaped, CSL arrays, anything) as .json and .yaml', () => {
    fc.assert(
      fc.property(fc.constantFrom('refs.json', 'refs.yaml'), jsonText, (file, text) => {
        expect(contractProblems(file, text)).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });

  it('random YAML-ish text as .yaml', () => {
    fc.assert(
      fc.property(yamlText, (text) => {
        expect(contractProblems('refs.yaml', text)).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });

  it('random BibTeX-ish text as .bib', () => {
    fc.assert(
      fc.property(bibText, (text) => {
        expect(contractProblems('refs.bib', text)).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });

  it('random BibTeX-ish text with LF line endings only, as .bib', () => {
    fc.assert(
      fc.property(bibText, (text) => {
        expect(contractProblems('refs.bib', text.replace(/\r\n?/g, '\n'))).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });

  it('random CSL-JSON arrays as .json and .yaml', () => {
    fc.assert(
      fc.property(fc.constantFrom('refs.json', 'refs.yaml'), cslish, fc.constantFrom(0, 2), (file, value, space) => {
        expect(contractProblems(file, JSON.stringify(value, null, space))).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });

  it('is deterministic: the same text gives the same registry or the same error', () => {
    const outcome = (file: string, text: string): unknown => {
      try {
        return parseRegistry(file, text);
      } catch (error) {
        return error instanceof CitecheckError ? { error: error.format() } : { unexpected: String(error) };
      }
    };
    fc.assert(
      fc.property(registryFile, ({ file, text }) => {
        expect(outcome(file, text)).toEqual(outcome(file, text));
      }),
      { numRuns: RUNS },
    );
  });
});

describe('parseRegistry on hostile input (examples)', () => {
  const cases: [string, string, string][] = [
    ['JSON nested 100,000 deep', 'refs.json', '['.repeat(100_000)],
    ['JSON objects nested 50,000 deep', 'refs.json', '{"a":'.repeat(50_000) + '1' + '}'.repeat(50_000)],
    ['YAML flow sequences nested 100,000 deep', 'refs.yaml', '['.repeat(100_000)],
    ['YAML block sequences nested 2,000 deep', 'refs.yaml', Array.from({ length: 2_000 }, (_, i) => `${' '.repeat(i * 2)}-`).join('\n') + ' x'],
    ['a YAML alias bomb', 'refs.yaml', ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...Array.from({ length: 9 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9).fill(`*${String.fromCharCode(97 + i)}`).join(',')}]`), 'references: *j'].join('\n')],
    ['BibTeX braces nested 100,000 deep', 'refs.bib', `@article{k,\n  title = ${'{'.repeat(100_000)}\n}`],
    ['BibTeX with 200,000 @ signs', 'refs.bib', '@'.repeat(200_000)],
    ['a prototype-polluting JSON registry', 'refs.json', '{"references":[{"id":1,"__proto__":{"polluted":true}}],"__proto__":{"polluted":true}}'],
    ['an id too large for a number', 'refs.json', '{"references":[{"id":123456789012345678901234567890}]}'],
    ['a NUL in a .bib file', 'refs.bib', '@article{k,\n  title = {a\u0000b}\n}'],
  ];
  it.each(cases)('%s: a Registry or a placed CitecheckError', (_name, file, text) => {
    expect(contractProblems(file, text)).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
