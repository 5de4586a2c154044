import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataFileError } from './data-error.js';
import { loadRegistryFile, parseRegistry } from './load.js';
import { registrySchema } from './registry-schema.js';
import { AJV_WORDING, rejected, tempTree, thrown, where } from './test-helpers.js';

const VALID_JSON = `{
  "$schema": "https://citecheck.dev/schema/registry.schema.json",
  "references": [
    {
      "id": 1,
      "title": "Attrition of child sexual abuse cases",
      "url": "https://example.org/report",
      "publisher": "Ministry of Justice",
      "date": "2021-05-01",
      "kind": "government",
      "excerpts": ["Verbatim passage."],
      "snapshot": "sources/1.md"
    },
    { "id": "smith2020", "date": "2020-03" }
  ]
}
`;

const VALID_YAML = `references:
  - id: 1
    title: Attrition of child sexual abuse cases
    date: 2021
    kind: peer-reviewed
    excerpts:
      - Verbatim passage.
  - id: smith2020
    url: https://example.org/smith
`;

/** Every problem message of a registry that must fail. */
function problemsOf(file: string, text: string): string[] {
  const error = thrown(() => parseRegistry(file, text));
  expect(error).toBeInstanceOf(DataFileError);
  return (error as DataFileError).problems.map((p) => p.message);
}

describe('parseRegistry: valid files', () => {
  it('reads a JSON registry, ids as strings, fields as written', () => {
    const registry = parseRegistry('refs.json', VALID_JSON, 'sibling');
    expect(registry.file).toBe('refs.json');
    expect(registry.via).toBe('sibling');
    expect(registry.references.map(({ origin: _origin, ...rest }) => rest)).toEqual([
      {
        id: '1',
        title: 'Attrition of child sexual abuse cases',
        url: 'https://example.org/report',
        publisher: 'Ministry of Justice',
        date: '2021-05-01',
        kind: 'government',
        excerpts: ['Verbatim passage.'],
        snapshot: 'sources/1.md',
      },
      { id: 'smith2020', date: '2020-03' },
    ]);
  });

  it('reads a YAML registry, a bare year becoming a text date', () => {
    const registry = parseRegistry('refs.yaml', VALID_YAML, 'folder');
    expect(registry.references.map(({ origin: _origin, ...rest }) => rest)).toEqual([
      { id: '1', title: 'Attrition of child sexual abuse cases', date: '2021', kind: 'peer-reviewed', excerpts: ['Verbatim passage.'] },
      { id: 'smith2020', url: 'https://example.org/smith' },
    ]);
  });

  it('sets each entry\'s origin to the span of its object in JSON', () => {
    const [first, second] = parseRegistry('refs.json', VALID_JSON).references;
    const firstStart = where(VALID_JSON, '{\n      "id": 1');
    expect(first?.origin?.file).toBe('refs.json');
    expect(first?.origin?.start).toMatchObject(firstStart);
    expect(first?.origin?.end).toMatchObject({ line: 13, column: 6 }); // just past the closing brace
    const secondStart = VALID_JSON.indexOf('{ "id": "smith2020"');
    const secondEnd = VALID_JSON.indexOf('}', secondStart) + 1;
    expect(second?.origin?.start?.offset).toBe(secondStart);
    expect(second?.origin?.end?.offset).toBe(secondEnd);
    expect(VALID_JSON.slice(second?.origin?.start?.offset, second?.origin?.end?.offset)).toBe('{ "id": "smith2020", "date": "2020-03" }');
  });

  it('sets origins in YAML from the first field to the end of the last value', () => {
    const [first, second] = parseRegistry('refs.yaml', VALID_YAML).references;
    expect(first?.origin?.start).toMatchObject(where(VALID_YAML, 'id: 1'));
    expect(VALID_YAML.slice(first?.origin?.start?.offset, first?.origin?.end?.offset)).toMatch(/^id: 1\n[\s\S]*- Verbatim passage\.$/);
    expect(second?.origin?.start).toMatchObject(where(VALID_YAML, 'id: smith2020'));
    expect(second?.origin?.end).toMatchObject({ line: 9, column: 35 });
  });

  it('counts origin offsets after a BOM and lines across CRLF', () => {
    const text = '\uFEFF{"references": [\r\n  {"id": 1}\r\n]}';
    const [reference] = parseRegistry('refs.json', text).references;
    expect(reference?.origin?.start).toEqual({ line: 2, column: 3, offset: text.indexOf('{"id"') - 1 });
  });

  it('accepts an empty list of references', () => {
    expect(parseRegistry('refs.json', '{"references": []}').references).toEqual([]);
  });
});

describe('parseRegistry: invalid files', () => {
  it('reports a JSON syntax error at its line and column', () => {
    const text = '{\n  "references": [\n    {"id": 1}\n    {"id": 2}\n  ]\n}\n';
    const error = thrown(() => parseRegistry('refs.json', text));
    expect(error.file).toBe('refs.json');
    expect({ line: error.line, column: error.column }).toEqual({ line: 4, column: 5 });
    expect(error.message).toBe('JSON syntax error: expected a comma or closing bracket ] before "{"');
  });

  it('reports a YAML syntax error at its line', () => {
    const text = 'references:\n  - id: 1\n    title: Crime: the numbers\n';
    const error = thrown(() => parseRegistry('refs.yaml', text));
    expect(error.line).toBe(3);
    expect(error.message).toMatch(/^YAML syntax error: a value cannot itself be "name: value" on the same line/);
  });

  it('reports an entry without an id at the entry', () => {
    const text = '{"references": [\n  {"id": 1},\n  {"title": "No id"}\n]}';
    const error = thrown(() => parseRegistry('refs.json', text));
    expect(error.message).toBe('reference #2 has no "id"');
    expect({ line: error.line, column: error.column }).toEqual(where(text, '{"title"'));
  });

  it('reports a wrong type, naming the entry by number and id', () => {
    const text = '{"references": [{"id": 7, "title": ["A", "B"]}]}';
    expect(problemsOf('refs.json', text)).toEqual(['reference #1 ("id" 7): "title" must be text, got a list']);
  });

  it('reports an id that is neither a whole number nor a key', () => {
    expect(problemsOf('refs.json', '{"references": [{"id": 1.5}, {"id": "two words"}, {"id": null}]}')).toEqual([
      'reference #1: "id" must be a number like 3 or a key like smith2020 (no spaces), got 1.5',
      'reference #2: "id" must be a number like 3 or a key like smith2020 (no spaces), got "two words"',
      'reference #3: "id" must be a number like 3 or a key like smith2020 (no spaces), got null',
    ]);
  });

  it('reports a bad date at the date, in words', () => {
    const text = '{\n  "references": [\n    {"id": 1},\n    {"id": 2},\n    {"id": 7, "date": "May 2021"}\n  ]\n}';
    const error = thrown(() => parseRegistry('registry.json', text));
    expect(error.format()).toBe(
      `registry.json:${where(text, '"May 2021"').line}:${where(text, '"May 2021"').column}: reference #3 ("id" 7): "date" must be a date like 2021-05-01 (or 2021-05, or 2021), got "May 2021"`,
    );
    expect(problemsOf('refs.json', '{"references": [{"id": 1, "date": "2021-13-01"}, {"id": 2, "date": 21}]}')).toHaveLength(2);
  });

  it('lists the allowed kinds and suggests the closest', () => {
    expect(problemsOf('refs.yaml', 'references:\n  - id: 1\n    kind: goverment\n  - id: 2\n    kind: blog\n')).toEqual([
      'reference #1 ("id" 1): "kind" must be one of: peer-reviewed, government, news, advocacy, dataset, report, other; got "goverment" (did you mean "government"?)',
      'reference #2 ("id" 2): "kind" must be one of: peer-reviewed, government, news, advocacy, dataset, report, other; got "blog"',
    ]);
  });

  it('reports an unknown field at its name, with the closest known field', () => {
    const text = '{"references": [\n  {"id": 3, "tittle": "Typo"}\n]}';
    const error = thrown(() => parseRegistry('refs.json', text));
    expect(error.message).toBe('reference #1 ("id" 3): unknown field "tittle" (did you mean "title"?)');
    expect({ line: error.line, column: error.column }).toEqual(where(text, '"tittle"'));
    expect(problemsOf('refs.json', '{"references": [{"id": 3, "link": "x"}]}')).toEqual([
      'reference #1 ("id" 3): unknown field "link"; the known fields are id, title, url, publisher, date, kind, excerpts, snapshot',
    ]);
    expect(problemsOf('refs.yaml', 'refrences: []\n')).toEqual([
      'the file has no "references" list; a registry looks like {"references": [{"id": 1, "title": "…", "url": "https://…"}]}',
      'unknown field "refrences" at the top of the file (did you mean "references"?)',
    ]);
  });

  it('reports a url that is not a full address', () => {
    expect(problemsOf('refs.json', '{"references": [{"id": 1, "url": "example.org/report"}]}')).toEqual([
      'reference #1 ("id" 1): "url" must be a full web address like https://example.org/page, got "example.org/report"',
    ]);
  });

  it('reports duplicate ids at the repeat, naming the first place', () => {
    const text = '{\n  "references": [\n    {"id": 1, "title": "A"},\n    {"id": 2},\n    {"id": "1", "title": "C"}\n  ]\n}';
    const error = thrown(() => parseRegistry('refs.json', text));
    const first = where(text, '1,');
    const repeat = where(text, '"1"');
    expect({ line: error.line, column: error.column }).toEqual(repeat);
    expect(error.message).toBe(
      `reference #3: the id "1" is already used by reference #1 at line ${first.line}, column ${first.column} (written 1 there); each id must be unique`,
    );
  });

  it('reports duplicate ids in YAML naming both lines', () => {
    const text = 'references:\n  - id: a\n  - id: b\n  - id: a\n';
    const error = thrown(() => parseRegistry('refs.yaml', text));
    expect(error.line).toBe(4);
    expect(error.message).toMatch(/reference #3: the id "a" is already used by reference #1 at line 2, column 9/);
  });

  it('reports an empty file', () => {
    for (const [file, text] of [['refs.json', ''], ['refs.yaml', '\n# todo\n']] as const) {
      const error = thrown(() => parseRegistry(file, text));
      expect(error.message).toMatch(/^the file is empty; a registry looks like \{"references"/);
      expect([error.line, error.column]).toEqual([1, 1]);
    }
  });

  it('reads a top-level list as CSL-JSON and says which items cannot be cited', () => {
    expect(problemsOf('refs.json', '[{"id": 1}, "two", {"title": "No id"}]')).toEqual([
      'entry #2 must be an object with an "id" and a "title", got the text "two"',
      'entry #3 has no "id" (or "citation-key"): nothing can cite it; give it the key the briefing cites, as in [@smith2020]',
    ]);
  });

  it('reports a BibTeX syntax error with the line and column citation-js gives', () => {
    const error = thrown(() => parseRegistry('refs.yaml', '@article{ok,\n  title = {T}\n}\n@article{broken title = {T}}\n'));
    expect(error.message).toMatch(/^BibTeX syntax error: expected "comma"/);
    expect([error.line, error.column]).toEqual([4, 17]);
  });

  it('reports every problem, sorted by place, without ajv wording', () => {
    const text = '{"references": [\n  {"title": 5},\n  {"id": 2, "kind": "x", "excerpts": "one", "extra": 1},\n  "three"\n]}';
    const error = thrown(() => parseRegistry('refs.json', text)) as DataFileError;
    expect(error.problems.map((p) => p.start.line)).toEqual([2, 2, 3, 3, 3, 4]);
    for (const phrase of AJV_WORDING) expect(error.format()).not.toContain(phrase);
    expect(error.problems.at(-1)?.message).toBe('reference #3 must be an object, got "three"');
  });
});

describe('loadRegistryFile', () => {
  it('loads a file from disk, keeping the path as given', async () => {
    const root = await tempTree({ 'refs.yaml': VALID_YAML });
    const registry = await loadRegistryFile(join(root, 'refs.yaml'), 'front-matter');
    expect(registry.file).toBe(join(root, 'refs.yaml'));
    expect(registry.via).toBe('front-matter');
    expect(registry.references.map((r) => r.id)).toEqual(['1', 'smith2020']);
    expect(registry.references[0]?.origin?.file).toBe(join(root, 'refs.yaml'));
  });

  it('says a missing file is missing', async () => {
    const error = await rejected(loadRegistryFile('/nowhere/refs.json'));
    expect(error.message).toBe('registry file not found: /nowhere/refs.json');
  });

  it('refuses a file that is not UTF-8', async () => {
    const root = await tempTree({ 'refs.json': new Uint8Array([...Buffer.from('{"references": [{"id": 1, "title": "Caf'), 0xe9, ...Buffer.from('"}]}')]) });
    const error = await rejected(loadRegistryFile(join(root, 'refs.json')));
    expect(error.message).toMatch(/not UTF-8 text/);
    expect(error.column).toBe(40);
  });

  it('accepts the seed registry shipped with the project', async () => {
    const seed = new URL('../../../fixtures/seed/briefing.refs.json', import.meta.url);
    const registry = await loadRegistryFile(seed.pathname, 'sibling');
    expect(registry.references.map((r) => r.id)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11']);
  });
});

describe('registry.schema.json', () => {
  it('has a stable $id, a title, and a description on every property', async () => {
    const text = await readFile(new URL('../schema/registry.schema.json', import.meta.url), 'utf8');
    expect(registrySchema).toEqual(JSON.parse(text));
    expect(registrySchema.$id).toBe('https://citecheck.dev/schema/registry.schema.json');
    expect(typeof registrySchema.title).toBe('string');
    const undocumented: string[] = [];
    const visit = (schema: unknown, path: string): void => {
      if (typeof schema !== 'object' || schema === null) return;
      const properties = (schema as { properties?: Record<string, unknown> }).properties ?? {};
      for (const [name, property] of Object.entries(properties)) {
        if (typeof (property as { description?: unknown }).description !== 'string') undocumented.push(`${path}.${name}`);
        visit(property, `${path}.${name}`);
      }
      for (const [name, definition] of Object.entries((schema as { definitions?: Record<string, unknown> }).definitions ?? {})) {
        visit(definition, `definitions.${name}`);
      }
    };
    visit(registrySchema, '');
    expect(undocumented).toEqual([]);
  });
});
