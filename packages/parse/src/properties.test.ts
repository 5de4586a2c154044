/*
 * Issue 6, hostile input: property tests of the parse stage over random Markdown and random
 * "marker soup". Whatever the text, parseBriefing must not throw; every claim and marker must
 * slice the BOM-less text to exactly its text, with line and column an editor would show; and
 * the result must not depend on anything but the text.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Marker, Position } from '@citecheck/model';
import { parseBriefing, type ParsedBriefing } from './extract.js';

const RUNS = 200;
const FILE = 'hostile.md';

// ---------------------------------------------------------------------------------------------
// An independent position count: lines end at CRLF, LF or a lone CR; columns are UTF-16 code
// units, 1-based; offsets count from the first character after a BOM.

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0d && text.charCodeAt(i + 1) === 0x0a) continue;
    if (c === 0x0a || c === 0x0d) starts.push(i + 1);
  }
  return starts;
}

function place(starts: number[], offset: number): { line: number; column: number } {
  let line = 0;
  while (line + 1 < starts.length && (starts[line + 1] ?? Infinity) <= offset) line++;
  return { line: line + 1, column: offset - (starts[line] ?? 0) + 1 };
}

const withoutBom = (raw: string): string => (raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw);

/** Every span the parse reports, checked against the text; returns the problems found (none is good). */
function positionProblems(raw: string, parsed: ParsedBriefing): string[] {
  const text = withoutBom(raw);
  const starts = lineStarts(text);
  const problems: string[] = [];
  const checkPosition = (what: string, p: Position): void => {
    if (!Number.isInteger(p.offset) || p.offset < 0 || p.offset > text.length) {
      problems.push(`${what}: offset ${p.offset} outside 0..${text.length}`);
      return;
    }
    const expected = place(starts, p.offset);
    if (expected.line !== p.line || expected.column !== p.column) {
      problems.push(`${what}: offset ${p.offset} reported at ${p.line}:${p.column}, the text puts it at ${expected.line}:${expected.column}`);
    }
  };
  const checkSpan = (what: string, span: { start: Position; end: Position }, expectedText: string): void => {
    checkPosition(`${what} start`, span.start);
    checkPosition(`${what} end`, span.end);
    if (span.start.offset > span.end.offset) problems.push(`${what}: start ${span.start.offset} after end ${span.end.offset}`);
    const sliced = text.slice(span.start.offset, span.end.offset);
    if (sliced !== expectedText) problems.push(`${what}: text slices to ${JSON.stringify(sliced)}, reported ${JSON.stringify(expectedText)}`);
  };
  if (parsed.text !== text) problems.push('parsed.text is not the BOM-less input');
  parsed.claims.forEach((claim, i) => {
    checkSpan(`claim #${i} ${JSON.stringify(claim.text.slice(0, 40))}`, claim, claim.text);
    claim.markers.forEach((m, j) => checkSpan(`claim #${i} marker #${j} ${JSON.stringify(m.raw)}`, m, m.raw));
    claim.citations.forEach((c, j) => checkSpan(`claim #${i} citation #${j} marker ${JSON.stringify(c.marker.raw)}`, c.marker, c.marker.raw));
  });
  parsed.markers.forEach((m: Marker, i) => checkSpan(`marker #${i} ${JSON.stringify(m.raw)}`, m, m.raw));
  parsed.titles.forEach((t, i) => {
    checkPosition(`title #${i} start`, t.start);
    checkPosition(`title #${i} end`, t.end);
  });
  return problems;
}

/** Parses, turning an exception into a failed property with the exception's text. */
function parseOrExplain(raw: string): ParsedBriefing {
  try {
    return parseBriefing(raw, { file: FILE });
  } catch (error) {
    throw new Error(`parseBriefing threw on ${JSON.stringify(raw.slice(0, 300))}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Arbitraries.

const WORDS = [
  'prices', 'rose', 'fell', 'by', 'about', 'a third', 'in', '2021', 'the', 'U.S.', 'e.g.', 'Dr.', 'et al.', 'No. 5',
  '3.5%', '“quoted”', '(aside)', '—', 'most', 'all', '研究表明', '增长了', '。', '！', '？', '東京', 'での', '🎉', '👩‍👩‍👧',
  '𝐀𝐁𝐂', '😀', 'é', 'e\u0301', '\u200b', 'مرحبا', 'km²', '¹', '²³', '\t', '*bold*', '**strong**', '_em_', '`code [1]`',
  '<br>', '&amp;', '\\[1\\]', 'https://example.org/a?b=[1]', '@smith2020', '~~gone~~', '[citation needed]',
];

const MARKERS = [
  '[1]', '[2]', '[1][2]', '[1, 3]', '[13,14]', '[2-4]', '[2–4]', '[1–5,9–12]', '[[3]](https://example.org/3)',
  '[3](https://example.org/x)', '[^3]', '[^1_4]', '[@smith2020]', '[@a; @b]', '[see @a, pp. 3-4; also -@b]', '¹', '²³',
  '\ue200cite\ue202turn9view0\ue201', '[3-1]', '[0]', '[1,,2]', '[2019-2024]', '[36000, 100000]', '[[9,1,3]]', '[...]',
  '[citation needed]', '[link](https://example.org/[1])', '[1000]',
];

const word = fc.constantFrom(...WORDS);
const marker = fc.constantFrom(...MARKERS);
const wordOrMarker = fc.oneof({ weight: 5, arbitrary: word }, { weight: 2, arbitrary: marker }, { weight: 1, arbitrary: fc.string({ maxLength: 6 }) });

const sentence = fc
  .tuple(fc.array(wordOrMarker, { minLength: 1, maxLength: 14 }), fc.constantFrom('.', '.', '. ', '!', '?', '。', '', '…'), fc.array(marker, { maxLength: 2 }), fc.boolean())
  .map(([words, stop, after, before]) => (before ? `${words.join(' ')}${after.join('')}${stop}` : `${words.join(' ')}${stop}${after.join('')}`));

const paragraph = fc.array(sentence, { minLength: 1, maxLength: 4 }).map((s) => s.join(' '));

/** A block as lines; joined later with a random line ending. */
const block: fc.Arbitrary<readonly string[]> = fc.oneof(
  paragraph.map((p) => [p]),
  fc.tuple(fc.integer({ min: 1, max: 6 }), paragraph).map(([depth, p]) => [`${'#'.repeat(depth)} ${p}`]),
  fc.tuple(paragraph, fc.constantFrom('===', '---')).map(([p, u]) => [p, u]),
  fc
    .array(fc.tuple(fc.integer({ min: 0, max: 4 }), fc.constantFrom('- ', '* ', '+ ', '1. ', '2) ', '- [ ] '), paragraph), { minLength: 1, maxLength: 5 })
    .map((items) => items.map(([indent, bullet, p]) => `${'  '.repeat(indent)}${bullet}${p}`)),
  fc.tuple(fc.integer({ min: 1, max: 4 }), fc.array(paragraph, { minLength: 1, maxLength: 3 })).map(([depth, ps]) => ps.map((p) => `${'> '.repeat(depth)}${p}`)),
  fc.tuple(fc.constantFrom('```', '~~~', '```python'), fc.array(paragraph, { maxLength: 3 }), fc.boolean()).map(([fence, body, closed]) => [fence, ...body, ...(closed ? [fence.slice(0, 3)] : [])]),
  fc.array(paragraph, { minLength: 1, maxLength: 2 }).map((body) => body.map((l) => `    ${l}`)),
  fc
    .tuple(fc.integer({ min: 1, max: 3 }), fc.array(fc.array(fc.oneof(word, marker, paragraph), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }))
    .map(([columns, rows]) => [
      `| ${Array.from({ length: columns }, (_, i) => `h${i}`).join(' | ')} |`,
      `|${' --- |'.repeat(columns)}`,
      ...rows.map((cells) => `| ${cells.join(' | ')} |`),
    ]),
  fc.tuple(fc.integer({ min: 0, max: 30 }), fc.constantFrom('https://example.org/a', '<https://x.y/(a)>', 'not a url', '')).map(([n, url]) => [`[${n}]: ${url} "Title"`]),
  fc.tuple(fc.constantFrom('1', '3', 'ofgem', '1_4', ''), paragraph).map(([label, p]) => [`[^${label}]: ${p}`]),
  fc.constantFrom(['## Sources'], ['References'], ['参考文献'], ['Works cited:'], ['1. [A source](https://example.org/1)'], ['[1] https://example.org/1 - Title']),
  fc.constantFrom(['<!-- citecheck-disable-next-line uncited-claim -->'], ['<!-- citecheck-disable -->'], ['<!-- citecheck-enable unused-reference -->'], ['<div>', 'html [1] block', '</div>'], ['<!--'], ['-->']),
  fc.constantFrom(['Executive summary'], ['1. Background'], ['QUESTION: what happened?'], ['ANSWER:'], ['Let me search for that.'], ['If you want, I can draft more.'], ['This report reviews the evidence.']),
  fc.constantFrom(['---'], ['***'], [''], ['   '], ['\t'], ['$$', 'x = [1]', '$$']),
);

const frontMatter = fc.oneof(
  fc.constant(''),
  fc.constantFrom('title: A brief', 'references: refs.json', 'bibliography: refs.bib', 'bibliography: [a.bib, b.bib]', 'references:\n  - id: x', 'bad: [unclosed', ': :', '- list', 'key: "\u0000"').map((body) => `---\n${body}\n---\n`),
);

const LINE_ENDINGS = ['\n', '\r\n', '\r'] as const;

/** Random Markdown: front matter, blocks, one line ending (or a mix of all three), maybe a BOM. */
const markdown = fc
  .tuple(
    fc.boolean(),
    frontMatter,
    fc.array(block, { minLength: 1, maxLength: 8 }),
    fc.oneof(fc.constantFrom(...LINE_ENDINGS), fc.constant('mixed' as const)),
    fc.array(fc.constantFrom(...LINE_ENDINGS), { minLength: 1, maxLength: 8 }),
    fc.constantFrom('\n\n', '\n', ''),
    fc.constantFrom('', '\n', '\r\n', ' '),
  )
  .map(([bom, front, blocks, ending, mix, gap, tail]) => {
    const lines = `${front}${blocks.map((b) => b.join('\n')).join(gap)}${tail}`.split('\n');
    const text = lines
      .map((line, i) => (i === lines.length - 1 ? line : line + (ending === 'mixed' ? (mix[i % mix.length] ?? '\n') : ending)))
      .join('');
    return (bom ? '\ufeff' : '') + text;
  });

const SOUP = ['[', ']', '0', '1', '2', '3', '9', '12', ',', '-', '–', '^', '@', '(', ')', '¹', '²', '³', '⁰', '\ue200', '\ue201', '\ue202', '.', ' ', '\n', '\r\n', '\r', 'a', 'cite', 'turn0search1', 'x', 'Prices rose', ':', '!', 'http://', '_', '*', '`', ';', '>', '#', '|'];

/** Random "marker soup": the characters markers are made of, in any order. */
const soup = fc
  .tuple(fc.boolean(), fc.array(fc.constantFrom(...SOUP), { maxLength: 120 }))
  .map(([bom, parts]) => (bom ? '\ufeff' : '') + parts.join(''));

/** Anything at all, lone surrogates included. */
const anyText = fc.string({ unit: 'binary', maxLength: 200 });

const inputs = fc.oneof({ weight: 3, arbitrary: markdown }, { weight: 3, arbitrary: soup }, { weight: 1, arbitrary: anyText });

// ---------------------------------------------------------------------------------------------

describe('parseBriefing on hostile input (properties)', () => {
  it('never throws, on random Markdown, marker soup and arbitrary strings', () => {
    fc.assert(
      fc.property(inputs, (raw) => {
        parseOrExplain(raw);
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('random Markdown: every claim, marker and citation slices the text to its text, at the line and column an editor shows', () => {
    fc.assert(
      fc.property(markdown, (raw) => {
        expect(positionProblems(raw, parseOrExplain(raw))).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });

  it('marker soup: every claim, marker and citation slices the text to its text, at the line and column an editor shows', () => {
    fc.assert(
      fc.property(soup, (raw) => {
        expect(positionProblems(raw, parseOrExplain(raw))).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });

  it('arbitrary strings: every claim, marker and citation slices the text to its text', () => {
    fc.assert(
      fc.property(anyText, (raw) => {
        expect(positionProblems(raw, parseOrExplain(raw))).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });

  it('a claim\'s markers lie inside the claim', () => {
    fc.assert(
      fc.property(fc.oneof(markdown, soup), (raw) => {
        const parsed = parseOrExplain(raw);
        for (const claim of parsed.claims) {
          for (const m of claim.markers) {
            expect({ claim: claim.text, marker: m.raw, inside: m.start.offset >= claim.start.offset && m.end.offset <= claim.end.offset }).toMatchObject({ inside: true });
          }
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('is deterministic: parsing the same text twice gives deep-equal results', () => {
    fc.assert(
      fc.property(inputs, (raw) => {
        const first = parseOrExplain(raw);
        const second = parseOrExplain(raw);
        expect(second).toEqual(first);
      }),
      { numRuns: RUNS },
    );
  });

  it('a UTF-8 BOM changes nothing: positions count from the first visible character', () => {
    fc.assert(
      fc.property(inputs, (raw) => {
        const text = withoutBom(raw);
        expect(parseOrExplain(`\ufeff${text}`)).toEqual(parseOrExplain(text));
      }),
      { numRuns: RUNS },
    );
  });
});
