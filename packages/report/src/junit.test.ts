import type { Finding } from '@citecheck/model';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { toReport } from './json.js';
import { formatJunit } from './junit.js';
import { at, finding, file as reportFile } from './testing/build.js';

interface Element {
  name: string;
  attributes: Record<string, string>;
  children: Element[];
  text: string;
}

/**
 * Parses with saxes, a conforming XML 1.0 parser that throws on anything not well-formed,
 * including characters XML forbids: if the formatter lets one through, this throws.
 */
function parseXml(xml: string): Element {
  const document: Element = { name: '#document', attributes: {}, children: [], text: '' };
  const stack: Element[] = [document];
  const top = (): Element => stack[stack.length - 1] ?? document;
  const parser = new SaxesParser();
  parser.on('opentag', (tag) => {
    const element: Element = { name: tag.name, attributes: { ...tag.attributes }, children: [], text: '' };
    top().children.push(element);
    stack.push(element);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.on('text', (text) => {
    top().text += text;
  });
  parser.write(xml).close();
  return document;
}

const only = (element: Element | undefined, name: string): Element => {
  const found = element?.children.filter((child) => child.name === name) ?? [];
  if (found.length !== 1 || found[0] === undefined) throw new Error(`expected one <${name}>, found ${found.length}`);
  return found[0];
};
const all = (element: Element, name: string): Element[] => element.children.filter((child) => child.name === name);

const tool = { name: 'citecheck', version: '0.1.0' };


// A JUnit suite is about findings only: files here have no claims.
const file = (path: string, findings: Finding[]) => reportFile(path, [], findings);

const brief = file('briefs/a.md', [
  finding({ ruleId: 'uncited-claim', severity: 'warning', message: 'Uncited claim "50% of cases"', start: at(3, 1), end: at(3, 20), claimId: 1 }),
  finding({ ruleId: 'unknown-reference', severity: 'error', message: 'No source [9] in the registry', start: at(5, 7), end: at(5, 10), claimId: 2, ref: '9' }),
  finding({ ruleId: 'citation-mismatch', severity: 'info', message: 'Reference 4 fits better', start: at(6, 1), end: at(6, 5), claimId: 3, ref: '2' }),
  finding({ ruleId: 'unused-reference', severity: 'warning', message: 'Reference 6 is never cited', start: at(40, 5), end: at(40, 9), ref: '6', file: 'briefs/a.refs.json' }),
]);
const clean = file('briefs/clean.md', []);
const adviceOnly = file('briefs/advice.md', [finding({ ruleId: 'citation-mismatch', severity: 'info', message: 'Reference 1 fits better' })]);

describe('formatJunit', () => {
  const xml = formatJunit(toReport([brief, clean, adviceOnly], tool));
  const root = only(parseXml(xml), 'testsuites');
  const suites = all(root, 'testsuite');

  it('is well-formed XML with a declaration, ending in a newline', () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ')).toBe(true);
    expect(xml.endsWith('</testsuites>\n')).toBe(true);
  });

  it('counts tests and failures for the run and for each file', () => {
    expect(root.attributes).toEqual({ name: 'citecheck', tests: '6', failures: '3', errors: '0' });
    expect(suites.map((s) => s.attributes)).toEqual([
      { name: 'briefs/a.md', tests: '4', failures: '3', errors: '0' },
      { name: 'briefs/clean.md', tests: '1', failures: '0', errors: '0' },
      { name: 'briefs/advice.md', tests: '1', failures: '0', errors: '0' },
    ]);
    // The counts agree with what is actually in the document.
    const cases = suites.flatMap((s) => all(s, 'testcase'));
    expect(cases).toHaveLength(6);
    expect(cases.filter((c) => all(c, 'failure').length > 0)).toHaveLength(3);
    expect(cases.filter((c) => all(c, 'error').length > 0 || all(c, 'skipped').length > 0)).toHaveLength(0);
  });

  it('writes errors and warnings as failures named after the rule and the place', () => {
    const [warning, error] = all(suites[0] ?? root, 'testcase');
    expect(warning?.attributes).toEqual({ classname: 'briefs/a.md', name: 'uncited-claim 3:1' });
    expect(only(warning, 'failure').attributes).toEqual({ type: 'uncited-claim', message: 'Uncited claim "50% of cases"' });
    expect(only(warning, 'failure').text).toBe('briefs/a.md:3:1 Uncited claim "50% of cases"');
    expect(error?.attributes.name).toBe('unknown-reference 5:7');
    expect(only(error, 'failure').text).toBe('briefs/a.md:5:7 No source [9] in the registry');
  });

  it('points registry findings at the registry file', () => {
    const registry = all(suites[0] ?? root, 'testcase')[3];
    expect(registry?.attributes).toEqual({ classname: 'briefs/a.md', name: 'unused-reference briefs/a.refs.json:40:5' });
    expect(only(registry, 'failure').text).toBe('briefs/a.refs.json:40:5 Reference 6 is never cited');
  });

  it('passes info findings, keeping their text as output', () => {
    const info = all(suites[0] ?? root, 'testcase')[2];
    expect(info?.children.map((c) => c.name)).toEqual(['system-out']);
    expect(only(info, 'system-out').text).toBe('briefs/a.md:6:1 Reference 4 fits better');
  });

  it('gives a clean file one passing test case, so it shows as checked', () => {
    const [passing] = all(suites[1] ?? root, 'testcase');
    expect(passing?.attributes).toEqual({ classname: 'briefs/clean.md', name: 'citecheck' });
    expect(passing?.children).toEqual([]);
  });

  it('writes an empty run for no files', () => {
    const empty = only(parseXml(formatJunit(toReport([], tool))), 'testsuites');
    expect(empty.attributes).toEqual({ name: 'citecheck', tests: '0', failures: '0', errors: '0' });
    expect(empty.children).toEqual([]);
  });

  describe('hostile text', () => {
    const illegal = '\u0000\u0001\u0008\u000B\u000C\u000E\u001F\uFFFE\uFFFF';
    const message = `<script>alert("x&y")</script> ]]> it's${illegal} lone \uD800 low \uDC00 pair \uD83D\uDE00 tab\tline\nnext\r\nend`;
    // What survives: everything but the characters XML 1.0 cannot carry; the emoji's pair is kept.
    const kept = `<script>alert("x&y")</script> ]]> it's lone  low  pair \uD83D\uDE00 tab\tline\nnext\r\nend`;
    const path = `briefs/<a> & "b" 'c'\u0007.md`;
    const keptPath = `briefs/<a> & "b" 'c'.md`;
    const hostile = file(path, [finding({ ruleId: 'rule"<&>', severity: 'error', message, start: at(2, 3), end: at(2, 9) })]);
    const out = formatJunit(toReport([hostile], tool));

    it('escapes markup and drops characters XML forbids', () => {
      expect(out).not.toContain('<script>');
      expect(out).not.toContain(']]>');
      expect(out).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/);
      expect(out).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
      expect(out).toContain('&lt;script&gt;alert(&quot;x&amp;y&quot;)&lt;/script&gt; ]]&gt; it&apos;s');
    });

    it('parses back to the same text, newlines included', () => {
      const suite = only(only(parseXml(out), 'testsuites'), 'testsuite');
      expect(suite.attributes.name).toBe(keptPath);
      const testcase = only(suite, 'testcase');
      expect(testcase.attributes).toEqual({ classname: keptPath, name: 'rule"<&> 2:3' });
      const failure = only(testcase, 'failure');
      expect(failure.attributes).toEqual({ type: 'rule"<&>', message: kept });
      expect(failure.text).toBe(`${keptPath}:2:3 ${kept}`);
    });

    it('is checked by a parser that really rejects what was stripped or escaped', () => {
      // Without these the well-formedness checks above could pass against a lenient parser.
      expect(() => parseXml('<a>\u0001</a>')).toThrow();
      expect(() => parseXml('<a>\uD800</a>')).toThrow();
      expect(() => parseXml('<a b="\uFFFF"/>')).toThrow();
      expect(() => parseXml('<a>]]></a>')).toThrow();
      expect(() => parseXml('<a><script></a>')).toThrow();
      expect(() => parseXml('<a b="x"y"/>')).toThrow();
    });
  });
});
