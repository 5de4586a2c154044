/*
 * Issue 12: formatters over input-sized lists. Past ~125,000 findings, sources or claims a
 * spread (`Math.max(...widths)`, `out.push(...rows)`) passes each item as an argument and
 * overflows the call stack; every formatter must write such a report, whole.
 */
import { describe, expect, it } from 'vitest';
import { coverageReport, formatCoverageMarkdown, formatJunit, formatMarkdown, formatStylish, toReport } from './index.js';
import { claim, file, finding } from './testing/build.js';

const MANY = 150_000;
const tool = { name: 'citecheck', version: '0.0.0' };

function bigReport() {
  const claims = Array.from({ length: MANY }, (_, i) => claim(i, i + 1, `Claim ${i} says prices rose.`));
  const findings = claims.map((c) => finding({ ruleId: 'uncited-claim', severity: 'warning', claimId: c.id, start: c.start, end: c.end, message: `claim ${c.id} is uncited` }));
  const one = file('briefs/a.md', claims, findings);
  one.references = Array.from({ length: MANY }, (_, i) => ({ id: `r${i}`, title: `Source ${i}`, url: null, hasText: false }));
  return toReport([one], tool);
}

describe(`a report of ${MANY.toLocaleString('en')} findings, claims and sources`, () => {
  const report = bigReport();

  it('stylish: one line per finding, the place column padded to the widest', () => {
    const text = formatStylish(report, { color: false });
    const lines = text.split('\n').filter((l) => l.startsWith('  briefs/a.md:'));
    expect(lines).toHaveLength(MANY);
    // The widest place is the last line's; every place is padded to its width.
    const widest = `briefs/a.md:${MANY}:1`.length;
    expect(lines[0]?.slice(2, 2 + widest + 2)).toBe(`${'briefs/a.md:1:1'.padEnd(widest)}  `);
  });

  it('junit: one failing test case per finding', () => {
    const xml = formatJunit(report);
    expect(xml.match(/<testcase /g)).toHaveLength(MANY);
    expect(xml.trimEnd().endsWith('</testsuites>')).toBe(true);
  });

  it('markdown (lint) and the Markdown coverage report: every source row and every uncited claim', () => {
    expect(formatMarkdown(report).length).toBeGreaterThan(0);
    const coverage = formatCoverageMarkdown(coverageReport(report));
    expect(coverage.match(/^\| `r\d+` \|/gm)).toHaveLength(MANY);
    expect(coverage.match(/^- `briefs\/a\.md:\d+:1` Claim/gm)).toHaveLength(MANY);
  });
});
