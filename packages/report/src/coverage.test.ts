import { describe, expect, it } from 'vitest';
import { coverageReport, percent } from './coverage.js';
import { sampleReport } from './testing/sample.js';

describe('coverageReport', () => {
  const coverage = coverageReport(sampleReport());
  const [smoke, notes] = coverage.documents;

  it('gives each claim one status: uncited, flagged over supported, else supported or unverified', () => {
    expect(smoke?.claims.map((p) => p.status)).toEqual(['supported', 'unverified', 'uncited', 'flagged', 'flagged']);
  });

  it('counts citation and verified coverage per document and in total', () => {
    expect(smoke?.tally).toEqual({ claims: 5, cited: 4, supported: 2, uncited: 1, flagged: 2 });
    expect(notes?.tally.claims).toBe(0);
    expect(coverage.totals).toEqual({ files: 2, claims: 5, cited: 4, supported: 2, uncited: 1, flagged: 2 });
  });

  it('breaks a document down by section, in document order', () => {
    expect(smoke?.sections.map((s) => [s.name, s.claims, s.cited, s.supported])).toEqual([
      ['Summary', 3, 2, 1],
      ['Findings', 2, 2, 1],
    ]);
  });

  it('lists every uncited and every flagged claim with its place', () => {
    expect(coverage.uncited.map((p) => [p.path, p.claim.start.line])).toEqual([['briefs/smoke.md', 5]]);
    expect(coverage.flagged.map((p) => p.claim.start.line)).toEqual([9, 10]);
    expect(coverage.flagged[1]?.findings[0]?.ruleId).toBe('unknown-reference');
  });

  it('tells per source what it backs, what it is cited for but does not back, and what nothing cites', () => {
    const byId = new Map(coverage.sources.map((s) => [s.reference.id, s]));
    expect(byId.get('1')?.citedBy).toHaveLength(2);
    // Backed by word overlap, yet over-generalised against the same source: it does not back the wording.
    expect(byId.get('1')?.backs.map((p) => p.claim.id)).toEqual([0]);
    expect(byId.get('1')?.notBacking.map((p) => p.claim.id)).toEqual([3]);
    expect(byId.get('2')?.backs).toHaveLength(0);
    // No text: neither backs nor fails to back.
    expect(byId.get('2')?.notBacking).toHaveLength(0);
    expect(byId.get('3')?.citedBy).toHaveLength(0);
    // An id the registry lacks is not a source.
    expect(byId.has('9')).toBe(false);
  });

  it('counts a cited source whose text does not back the claim against that source', () => {
    const report = sampleReport();
    const claim = report.files[0]?.claims[0];
    if (claim === undefined) throw new Error('sample changed');
    claim.support = 'unsupported';
    claim.backedBy = [];
    const source = coverageReport(report).sources.find((s) => s.reference.id === '1');
    expect(source?.notBacking.map((p) => p.claim.id)).toEqual([0, 3]);
  });
});

describe('percent', () => {
  it('never rounds up to a coverage not reached, and has no share of nothing', () => {
    expect(percent(199, 200)).toBe('99%');
    expect(percent(1, 3)).toBe('33%');
    expect(percent(0, 0)).toBe('–');
  });
});
