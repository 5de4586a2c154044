import { describe, expect, it } from 'vitest';
import { formatGithub } from './github.js';
import { toReport } from './json.js';
import { codeSpan } from './markdown.js';
import { formatStylish } from './stylish.js';
import { at } from './testing/build.js';
import { terminalSafe } from './unsafe-text.js';

describe('terminalSafe', () => {
  it('shows C0, DEL, C1, bidi overrides and isolates, and lone surrogates as \\u escapes', () => {
    expect(terminalSafe('a\u001b[31mb\u0007\u007f\u009b\u202e\u2066\ud800z')).toBe('a\\u001b[31mb\\u0007\\u007f\\u009b\\u202e\\u2066\\ud800z');
  });

  it('leaves text, emoji (surrogate pairs), accents and other scripts alone', () => {
    const text = 'Café 😀 שלום ١٢٣ — “quoted”';
    expect(terminalSafe(text)).toBe(text);
  });
});

describe('codeSpan', () => {
  it('fences backticks with a longer run and pads a span that starts or ends with one', () => {
    expect(codeSpan('a`b')).toBe('``a`b``');
    expect(codeSpan('`x``')).toBe('``` `x`` ```');
  });

  it('escapes pipes only in a table cell, and keeps backslashes and Markdown characters as they are', () => {
    expect(codeSpan('a|b_c*d\\e')).toBe('`a|b_c*d\\e`');
    expect(codeSpan('a|b', true)).toBe('`a\\|b`');
  });

  it('keeps a newline from ending the line', () => {
    expect(codeSpan('a\nb\r\nc')).toBe('`a b c`');
  });
});

describe('text formatters', () => {
  const report = toReport(
    [
      {
        path: 'x\u001b[2J.md',
        registry: null,
        claims: [],
        coverage: { claims: 0, cited: 0, supported: 0, unverifiable: 0 },
        references: [],
        findings: [{ ruleId: 'uncited-claim', severity: 'warning', message: 'Uncited claim "\u001b]8;;https://evil\u0007here\u202e"', start: at(1, 1), end: at(1, 2), claimId: 1, ref: null }],
      },
    ],
    { name: 'citecheck', version: '0' },
  );

  it('stylish escapes the path and the message', () => {
    const out = formatStylish(report, { color: false });
    expect(out).not.toMatch(/[\u001b\u0007\u202e]/);
    expect(out).toContain('x\\u001b[2J.md:1:1');
    expect(out).toContain('\\u001b]8;;https://evil\\u0007here\\u202e');
  });

  it('github escapes controls after its own %, CR and LF escapes', () => {
    const out = formatGithub(report);
    expect(out).not.toMatch(/[\u001b\u0007\u202e]/);
    expect(out).toContain('file=x\\u001b[2J.md,line=1');
  });
});
