import { describe, expect, it } from 'vitest';
import { cslDate } from './csl.js';
import { DataFileError } from './data-error.js';
import { parseRegistry } from './load.js';
import { thrown } from './test-helpers.js';

const fields = (file: string, text: string) => parseRegistry(file, text).references.map(({ origin: _origin, ...rest }) => rest);

describe('CSL-JSON', () => {
  it('maps the fields a registry entry has: key, title, URL or DOI, journal or publisher, date, kind', () => {
    const text = JSON.stringify([
      { id: 'http://zotero.org/users/1/items/AAAA', 'citation-key': 'smith2021', type: 'article-journal', title: 'Attrition', 'container-title': 'Justice Quarterly', DOI: '10.1/abc', issued: { 'date-parts': [['2021', 5, 1]] } },
      { id: 'http://zotero.org/users/1/items/BBBB', type: 'report', title: 'Backlogs', publisher: 'Ministry', URL: 'https://example.org/b', note: 'Some note\nCitation Key: moj2022', issued: { raw: 'March 2022' } },
      { id: 7, type: 'book', title: 'A book' },
    ]);
    expect(fields('library.json', text)).toEqual([
      { id: 'smith2021', title: 'Attrition', url: 'https://doi.org/10.1/abc', publisher: 'Justice Quarterly', date: '2021-05-01', kind: 'peer-reviewed' },
      { id: 'moj2022', title: 'Backlogs', url: 'https://example.org/b', publisher: 'Ministry', date: '2022', kind: 'report' },
      { id: '7', title: 'A book' },
    ]);
  });

  it("reads pandoc's CSL YAML (items under references:) by their CSL fields, and keeps native YAML native", () => {
    const csl = 'references:\n  - id: doe2019\n    type: report\n    title: Pandoc YAML\n    issued:\n      date-parts: [[2019]]\n';
    expect(fields('refs.yaml', csl)).toEqual([{ id: 'doe2019', title: 'Pandoc YAML', date: '2019', kind: 'report' }]);
    expect(fields('refs.yaml', 'references:\n  - id: 1\n    title: Native\n    date: 2019\n')).toEqual([{ id: '1', title: 'Native', date: '2019' }]);
  });

  it('repeated keys are an error naming both entries', () => {
    const error = thrown(() => parseRegistry('l.json', '[\n{"id": "a", "title": "A"},\n{"id": "a", "title": "B"}\n]')) as DataFileError;
    expect(error.problems.map((p) => [p.message, p.start.line])).toEqual([['entry #2: the id "a" is already used by entry #1 at line 2, column 1; each id must be unique', 3]]);
  });

  it('dates: parts as numbers or strings, to the precision given; nonsense is no date', () => {
    expect(cslDate({ 'date-parts': [[2021, 5, 1]] })).toBe('2021-05-01');
    expect(cslDate({ 'date-parts': [['2023', '2']] })).toBe('2023-02');
    expect(cslDate({ 'date-parts': [[21]] })).toBeUndefined();
    expect(cslDate({ literal: 'Spring 2020' })).toBe('2020');
    expect(cslDate('2020')).toBeUndefined();
  });
});

describe('BibTeX', () => {
  const BIB = `% exported
@string{moj = "Ministry of Justice"}

@techreport{moj_backlogs_2022,
\ttitle = {Court {Backlogs} in {England}},
\tinstitution = moj,
\tyear = {2022},
\tmonth = mar,
\turl = {https://example.org/backlogs},
}

@article{smith_attrition_2021,
  title = {Attrition of Child Sexual Abuse Cases},
  journal = {Justice Quarterly},
  doi = {10.1/abc},
  year = 2021
}
`;

  it('reads entries with macros, braces and DOIs, each placed at its @type{key, line', () => {
    const registry = parseRegistry('library.bib', BIB);
    expect(registry.references.map(({ origin, ...rest }) => [rest, origin?.start?.line])).toEqual([
      [{ id: 'moj_backlogs_2022', title: 'Court Backlogs in England', url: 'https://example.org/backlogs', publisher: 'Ministry of Justice', date: '2022-03', kind: 'report' }, 4],
      [{ id: 'smith_attrition_2021', title: 'Attrition of Child Sexual Abuse Cases', url: 'https://doi.org/10.1/abc', publisher: 'Justice Quarterly', date: '2021', kind: 'peer-reviewed' }, 12],
    ]);
  });

  it('is recognised by its content whatever the file is called', () => {
    expect(parseRegistry('references.txt', BIB).references).toHaveLength(2);
  });

  it('a key used twice is an error at the second entry', () => {
    const error = thrown(() => parseRegistry('l.bib', '@misc{a,\n  title = {One}\n}\n@misc{a,\n  title = {Two}\n}\n')) as DataFileError;
    expect(error.problems.map((p) => [p.message, p.start.line])).toEqual([['@misc{a}: the id "a" is already used by @misc{a} at line 1, column 1; each id must be unique', 4]]);
  });
});
