import { describe, expect, it } from 'vitest';
import { coverageBadge } from './badge.js';
import { coverageReport } from './coverage.js';
import { escapeHtml, formatHtml } from './html.js';
import { briefingText, HOSTILE, sampleReport } from './testing/sample.js';

const coverage = coverageReport(sampleReport());
const readText = (path: string): string | null => (path === 'briefs/smoke.md' ? briefingText : null);

describe('formatHtml', () => {
  const html = formatHtml(coverage, { readText });

  it('lets no document, registry or message text through as markup', () => {
    expect(html).not.toContain(HOSTILE);
    expect(html).toContain(escapeHtml(HOSTILE));
    expect(html).not.toContain('href="javascript:');
  });

  it('shows control characters and bidi overrides as escapes, keeping the text\'s tabs and line breaks', () => {
    expect(escapeHtml('a\u001b[31mb\u202ec\td\ne\r\n')).toBe('a\\u001b[31mb\\u202ec\td\ne\r\n');
  });

  it('links only web URLs', () => {
    expect(html).toContain('<a href="https://example.org/smoke" rel="noreferrer">');
  });

  it('needs no network: no external scripts, styles, images or fonts, and a policy that forbids them', () => {
    expect(html).not.toMatch(/<(?:script|link|img)[^>]+(?:src|href)=/);
    expect(html).not.toMatch(/url\((?!#)/);
    expect(html).toContain("default-src 'none'");
  });

  it('marks every claim in the text with its status, focusable, with its findings in a tooltip', () => {
    const marks = [...html.matchAll(/<span class="claim s-(\w+)" id="(c0-\d+)" tabindex="0" data-status="\w+" aria-describedby="(c0-\d+-tip)">/g)];
    expect(marks.map((m) => m[1])).toEqual(['supported', 'unverified', 'uncited', 'flagged', 'flagged']);
    expect(html).toContain('role="tooltip" id="c0-3-tip"><strong>flagged</strong><br>cites [1]; backed by [1]<br><span class="sev-warning">warning</span> &quot;Every county&quot;');
  });

  it('shows the text around the claims, escaped, with the headings as written', () => {
    expect(html).toContain('<div class="text"># Summary\n\n<span class="claim s-supported"');
  });

  it('lists claims by section when the text on disk no longer matches the report', () => {
    const edited = formatHtml(coverage, { readText: (path) => readText(path)?.replace('Smoke', 'Haze') ?? null });
    expect(edited).not.toContain('<div class="text">');
    expect(edited).toContain('<h4>Summary</h4><ol class="claims"><li><span class="claim s-supported"');
  });

  it('puts the totals, the source table and the uncited list where an editor looks first', () => {
    expect(html).toContain('<b>80%</b>cited <small>4 of 5</small>');
    expect(html).toContain('<b>40%</b>supported');
    expect(html).toMatch(/<h2>Uncited claims \(1\)<\/h2><ol class="claims"><li><a href="#c0-2">briefs\/smoke\.md:5<\/a>/);
    expect(html).toContain('<td class="num unused" data-sort="0">never cited</td>');
  });
});

describe('coverageBadge', () => {
  it('is an SVG with the share cited, coloured by it, and an accessible label', () => {
    const svg = coverageBadge(45, 50);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg).toContain('aria-label="citations: 90%"');
    expect(svg).toContain('#2da44e');
    expect(coverageBadge(1, 2)).toContain('#cf222e');
    expect(coverageBadge(0, 0)).toContain('no claims');
  });
});
