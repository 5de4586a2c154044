import { CitecheckError } from '@citecheck/model';
import { describe, expect, it } from 'vitest';
import { checkCodeSpans, checkNesting, checkTableWidth, MAX_NESTING, MAX_TABLE_COLUMNS } from './limits.js';
import { parseBriefing } from './extract.js';

/** The CitecheckError a limit throws for `text`, or null when it lets the text through. */
const refusalOf =
  (check: (text: string, file: string) => void, file: string) =>
  (text: string): CitecheckError | null => {
    try {
      check(text, file);
      return null;
    } catch (error) {
      return error as CitecheckError;
    }
  };

const refused = refusalOf(checkNesting, 'deep.md');

describe('checkNesting', () => {
  it('lets real nesting through: indented lists, quotes holding lists, ordered items', () => {
    expect(refused('- a\n  - b\n    - c\n\n> - quoted\n> > 1. deeper\n\n    code, not a list\n')).toBeNull();
    expect(refused(`${'- '.repeat(MAX_NESTING)}item\n`)).toBeNull();
  });

  it.each([
    ['markers on one line', `intro\n${'- '.repeat(3000)}item\n`, 2, 3000],
    ['block quotes', `${'>'.repeat(5000)} quote\n`, 1, 5000],
    ['indentation', `${Array.from({ length: 120 }, (_, i) => `${'  '.repeat(i)}- item`).join('\n')}\n`, 101, 101],
    ['ordered markers after a CR-only line', `a\r${'1. '.repeat(200)}x`, 2, 200],
  ])('refuses %s, naming the line and the depth', (_name, text, line, depth) => {
    const error = refused(text);
    expect(error).toBeInstanceOf(CitecheckError);
    expect([error?.file, error?.line, error?.column]).toEqual(['deep.md', line, 1]);
    expect(error?.message).toContain(`about ${depth} levels deep`);
  });
});

describe('checkTableWidth', () => {
  const width = refusalOf(checkTableWidth, 'wide.md');
  const table = (columns: number, prefix = ''): string => `${prefix}|${'a|'.repeat(columns)}\n${prefix}|${'-|'.repeat(columns)}\n${prefix}|${'b|'.repeat(columns)}\n`;

  it('lets tables up to the bound through, and thematic breaks of any length', () => {
    expect(width(`Intro.\n\n${table(MAX_TABLE_COLUMNS)}`)).toBeNull();
    expect(width(`${'- '.repeat(5_000)}\n`)).toBeNull();
  });

  it.each([
    ['a table', table(100_000), 1],
    ['a table after a paragraph', `Intro.\n\n${table(MAX_TABLE_COLUMNS + 1)}`, 3],
    ['a table in a block quote, aligned columns', `> |${'a|'.repeat(2_000)}\n> |${' :---: |'.repeat(2_000)}\n`, 1],
  ])('refuses %s, at its header line, naming the width', (_name, text, line) => {
    const error = width(text);
    expect(error).toBeInstanceOf(CitecheckError);
    expect([error?.file, error?.line, error?.column]).toEqual(['wide.md', line, 1]);
    expect(error?.message).toMatch(/a table with about \d+ columns/);
  });
});

describe('front matter nested past what YAML can compose', () => {
  const parse = (matter: string) => parseBriefing(`---\n${matter}\n---\n\n# Prices\n\nPrices rose by 5% [1].\n`, { file: 'deep.md' });

  it.each([
    ['flow brackets', `x: ${'['.repeat(5000)}`],
    ['flow maps', `x: ${'{a: '.repeat(3000)}`],
  ])('%s 5,000 deep: ignored with a notice that says so, never a stack overflow', (_what, matter) => {
    const parsed = parse(matter);
    expect(parsed.frontMatter).toBeNull();
    expect(parsed.notices.join('\n')).toMatch(/front matter nests more than 64 levels deep, too deep for citecheck to read; ignoring it/);
    expect(parsed.notices.join('\n')).not.toMatch(/call stack/i);
    expect(parsed.claims.map((c) => c.text)).toEqual(['Prices rose by 5% [1].']);
  });

  it('ordinary nesting is read', () => {
    expect(parse('references: refs.yaml\nbibliography:\n  - a.bib\nmeta: {a: [1, [2, [3]]]}').frontMatter).toMatchObject({ references: 'refs.yaml', bibliography: ['a.bib'] });
  });
});

describe('checkCodeSpans', () => {
  const check = refusalOf(checkCodeSpans, 'ticks.md');
  const growing = (count: number): string => Array.from({ length: count }, (_, k) => `a${'`'.repeat(k + 1)}`).join('');

  it('lets code spans, fences and a few stray backticks through, however long the paragraph', () => {
    expect(check(`${'Use `npm ci` and ``a ` b`` here. '.repeat(20_000)}\n`)).toBeNull();
    expect(check(`\`\`\`\ncode\n\`\`\`\n\n${'word '.repeat(1_000_000)}\` stray \` and \`\` two\n`)).toBeNull();
    // The same growing runs, a paragraph each: every paragraph is short.
    expect(check(growing(2_000).replaceAll('a', '\n\na'))).toBeNull();
  });

  it('refuses runs of lengths that never recur in one long paragraph, at the first of them', () => {
    const error = check(`Intro line.\nPrices rose ${growing(2_000)} [1].\n`);
    expect(error).toBeInstanceOf(CitecheckError);
    expect(error?.line).toBe(2);
    expect(error?.column).toBe(14);
    expect(error?.message).toMatch(/^2000 runs of backticks in the paragraph from here never close/);
  });
});
