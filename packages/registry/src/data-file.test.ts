import { describe, expect, it } from 'vitest';
import { DataFileError } from './data-error.js';
import { formatOf, loadDataFile, parseDataFile, readDataFile } from './data-file.js';
import { decodeText } from './text.js';
import { AJV_WORDING, rejected, tempTree, thrown, where } from './test-helpers.js';
import { join } from 'node:path';

// A schema shaped like the CLI's config, to show the loader is not registry-specific.
const configSchema = {
  $id: 'https://citecheck.dev/test/config.schema.json',
  type: 'object',
  additionalProperties: false,
  properties: {
    include: { type: 'array', items: { type: 'string', minLength: 1 } },
    registry: { type: 'string', minLength: 1 },
    rules: { type: 'object', additionalProperties: { enum: ['off', 'info', 'warning', 'error'] } },
  },
};

describe('loadDataFile with JSON', () => {
  it('returns the parsed value of a valid file, comments allowed', () => {
    const text = '{\n  // which briefings\n  "include": ["briefs/*.md"],\n  "rules": {"uncited-claim": "error"}\n}\n';
    expect(loadDataFile('c.json', text, configSchema)).toEqual({ include: ['briefs/*.md'], rules: { 'uncited-claim': 'error' } });
  });

  it('names the line and column of a missing comma, and says what was expected', () => {
    const text = '{\n  "include": ["a.md"]\n  "registry": "refs.json"\n}\n';
    const error = thrown(() => loadDataFile('c.json', text, configSchema));
    expect(error.file).toBe('c.json');
    expect({ line: error.line, column: error.column }).toEqual(where(text, '"registry"'));
    expect(error.message).toMatch(/expected a comma or closing brace/);
  });

  it('points a trailing comma at the comma itself', () => {
    const text = '{\n  "include": [\n    "a.md",\n  ]\n}\n';
    const error = thrown(() => loadDataFile('c.json', text, configSchema));
    expect({ line: error.line, column: error.column }).toEqual(where(text, ','));
    expect(error.message).toMatch(/trailing comma/);
  });

  it('explains unquoted and single-quoted field names', () => {
    expect(thrown(() => loadDataFile('c.json', '{include: []}', configSchema)).message).toMatch(/field names need double quotes: write "include"/);
    expect(thrown(() => loadDataFile('c.json', "{'include': []}", configSchema)).message).toMatch(/double quotes, not single quotes/);
  });

  it('says when the file ends before a list is closed, and where the list opened', () => {
    const text = '{\n  "include": [\n    "a.md"\n';
    const error = thrown(() => loadDataFile('c.json', text, configSchema));
    expect(error.message).toMatch(/ends too early: the list opened at line 2, column 14 is never closed with \]/);
  });

  it('reports text after the end of the data', () => {
    const text = '{"include": []}\n}';
    const error = thrown(() => loadDataFile('c.json', text, configSchema));
    expect(error.line).toBe(2);
    expect(error.message).toMatch(/after the end of the data/);
  });

  it('reports a line break inside text at the line break', () => {
    const text = '{"registry": "a\tb"}';
    const error = thrown(() => loadDataFile('c.json', text, configSchema));
    expect(error.column).toBe(text.indexOf('\t') + 1);
    expect(error.message).toMatch(/written as \\n or \\t/);
  });

  it('words schema errors generically for a schema without a path hook', () => {
    const text = '{\n  "include": ["a.md", ""],\n  "rules": {"uncited-claim": "loud"},\n  "registy": "x"\n}\n';
    const error = thrown(() => loadDataFile('c.json', text, configSchema));
    expect(error).toBeInstanceOf(DataFileError);
    const problems = (error as DataFileError).problems;
    expect(problems.map((p) => p.message)).toEqual([
      '"include" item #2 must not be empty',
      '"rules" → "uncited-claim" must be one of: off, info, warning, error; got "loud"',
      'unknown field "registy" at the top of the file (did you mean "registry"?)',
    ]);
    expect(problems.map((p) => ({ line: p.start.line, column: p.start.column }))).toEqual([
      where(text, '""'),
      where(text, '"loud"'),
      where(text, '"registy"'),
    ]);
    // Later problems carry their own place so each formatted line is clickable.
    expect(error.format().split('\n')).toEqual([
      `c.json:2:23: "include" item #2 must not be empty`,
      `c.json:3:30: "rules" → "uncited-claim" must be one of: off, info, warning, error; got "loud"`,
      `c.json:4:3: unknown field "registy" at the top of the file (did you mean "registry"?)`,
    ]);
  });

  it('never shows ajv wording', () => {
    const texts = ['[1]', '{"include": "a.md"}', '{"include": [1]}', '{"x": 1}', '{"rules": {"a": 5}}'];
    for (const text of texts) {
      const message = thrown(() => loadDataFile('c.json', text, configSchema)).message;
      for (const phrase of AJV_WORDING) expect(message).not.toContain(phrase);
    }
  });

  it('reports a field written twice, naming the first place', () => {
    const text = '{\n  "registry": "a.json",\n  "registry": "b.json"\n}';
    const error = thrown(() => loadDataFile('c.json', text, configSchema));
    expect({ line: error.line, column: error.column }).toEqual(where(text, '"registry"', 2));
    expect(error.message).toBe('the field "registry" appears twice (first at line 2, column 3); keep one');
  });

  it('says an empty or comment-only file is empty', () => {
    for (const text of ['', '  \n', '// nothing yet\n']) {
      const error = thrown(() => loadDataFile('c.json', text, configSchema));
      expect(error.message).toBe('the file is empty');
      expect([error.line, error.column]).toEqual([1, 1]);
    }
  });

  it('reports a top-level list as the wrong shape, with the hint when one is given', () => {
    const error = thrown(() => loadDataFile('c.json', '["a.md"]', configSchema, { shapeHint: 'write {"include": [...]}' }));
    expect(error.message).toBe('the file must hold an object, got a list; write {"include": [...]}');
  });
});

describe('loadDataFile with YAML', () => {
  it('parses YAML by extension and keeps dates as text', () => {
    expect(loadDataFile('c.yml', 'include:\n  - 2021-05-01.md\n', configSchema)).toEqual({ include: ['2021-05-01.md'] });
  });

  it('reports a syntax error with its line and column', () => {
    const text = 'include:\n  - a.md\nregistry: "refs.json\n';
    const error = thrown(() => loadDataFile('c.yaml', text, configSchema));
    expect(error.message).toBe('YAML syntax error: quoted text is never closed: the closing quote is missing');
    expect({ line: error.line, column: error.column }).toEqual(where(text, '"refs'));
  });

  it('reports an unclosed flow list in plain words', () => {
    const text = 'include: [a.md, b.md\nregistry: refs.json\n';
    const error = thrown(() => loadDataFile('c.yaml', text, configSchema));
    expect(error.message).toBe('YAML syntax error: a list opened with [ is not closed with ]');
  });

  it('reports tabs used for indentation', () => {
    const error = thrown(() => loadDataFile('c.yaml', 'rules:\n\tuncited-claim: off\n', configSchema));
    expect(error.message).toMatch(/cannot be indented with tabs/);
    expect(error.line).toBe(2);
  });

  it('locates schema errors inside YAML and suggests quoting numbers', () => {
    const text = 'include:\n  - a.md\n  - 1984\n';
    const error = thrown(() => loadDataFile('c.yaml', text, configSchema));
    expect(error.message).toBe('"include" item #2 must be text, got 1984 (a number); in YAML, put it in quotes');
    expect({ line: error.line, column: error.column }).toEqual(where(text, '1984'));
  });

  it('treats a comment-only file as empty and refuses several documents', () => {
    expect(thrown(() => loadDataFile('c.yaml', '# later\n', configSchema)).message).toBe('the file is empty');
    expect(thrown(() => loadDataFile('c.yaml', 'include: []\n---\nrules: {}\n', configSchema)).message).toMatch(/more than one YAML document/);
  });

  it('reports an alias to an undefined anchor instead of crashing', () => {
    const error = thrown(() => loadDataFile('c.yaml', 'include: *missing\n', configSchema));
    expect(error.message).toMatch(/alias/);
  });
});

describe('text handling', () => {
  it('drops a BOM and counts positions from the first visible character', () => {
    const text = '\uFEFF{\r\n  "include": 5\r\n}\r\n';
    const error = thrown(() => loadDataFile('c.json', text, configSchema));
    expect([error.line, error.column]).toEqual([2, 14]);
    expect(parseDataFile('c.json', '\uFEFF{"include": []}').locate(['include']).start).toEqual({ line: 1, column: 13, offset: 12 });
  });

  it('refuses text with NUL characters', () => {
    expect(thrown(() => loadDataFile('c.json', '{"a\u0000": 1}', configSchema)).message).toMatch(/NUL character/);
  });

  it('refuses UTF-16 and invalid UTF-8 bytes, naming where the bad byte is', () => {
    expect(thrown(() => decodeText('r.json', new Uint8Array([0xff, 0xfe, 0x7b, 0x00]))).message).toMatch(/UTF-16/);
    const latin1 = new Uint8Array([...Buffer.from('{\n  "title": "caf'), 0xe9, ...Buffer.from('"\n}')]);
    const error = thrown(() => decodeText('r.json', latin1));
    expect(error.message).toMatch(/not UTF-8 text \(byte 0xE9/);
    expect([error.line, error.column]).toEqual([2, 16]);
  });

  it('decodes valid UTF-8 and drops the BOM', () => {
    expect(decodeText('r.json', new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from('{"a": "é"}')]))).toBe('{"a": "é"}');
  });

  it('chooses the format by extension, else by the first character', () => {
    expect(formatOf('a.JSON', 'x: 1')).toBe('json');
    expect(formatOf('a.yml', '{"x": 1}')).toBe('yaml');
    expect(formatOf('.citecheckrc', '  {"x": 1}')).toBe('json');
    expect(formatOf('.citecheckrc', 'x: 1')).toBe('yaml');
  });

  it('readDataFile names a missing file with the caller\'s word for it', async () => {
    const root = await tempTree({ 'bad.json': new Uint8Array([0x7b, 0xc3, 0x28, 0x7d]) });
    expect((await rejected(readDataFile(join(root, 'nope.json'), 'config file'))).message).toBe(`config file not found: ${join(root, 'nope.json')}`);
    expect((await rejected(readDataFile(join(root, 'bad.json')))).message).toMatch(/not UTF-8/);
  });
});
