import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseBriefing } from './index.js';

/**
 * fixtures/independent/: briefings written and labelled by hand from the SPEC alone, without
 * looking at this code (see its README). Scored the way an editor would check the tool.
 */
const dir = new URL('../../../fixtures/independent/', import.meta.url);

interface Labels {
  claims: { text: string; citations: string[]; section: string | null }[];
  titles: string[];
  malformed?: string[];
}

const cases = readdirSync(dir)
  .filter((f) => f.endsWith('.labels.json'))
  .map((f) => {
    const base = f.replace(/\.labels\.json$/, '');
    const doc = readdirSync(dir).find((d) => d.startsWith(`${base}.`) && !d.endsWith('.json')) ?? '';
    return { doc, labels: JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as Labels, parsed: parseBriefing(readFileSync(new URL(doc, dir), 'utf8')) };
  });

// Titles are compared as text: emphasis markup is not part of a title's wording.
const plain = (s: string): string => s.replace(/[*_`]/g, '');

describe('independently written briefings', () => {
  it('are all there', () => {
    expect(cases.length).toBeGreaterThanOrEqual(8);
  });

  it('claim segmentation: precision and recall at least 0.95 over the set', () => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const { labels, parsed } of cases) {
      const got = new Set(parsed.claims.map((c) => c.text));
      const want = new Set(labels.claims.map((c) => c.text));
      for (const t of want) if (got.has(t)) tp++; else fn++;
      for (const t of got) if (!want.has(t)) fp++;
    }
    expect(tp / (tp + fp)).toBeGreaterThanOrEqual(0.95);
    expect(tp / (tp + fn)).toBeGreaterThanOrEqual(0.95);
  });

  it.each(cases.map((c) => [c.doc, c] as const))('%s: every claim found has the labelled citations and section', (_doc, { labels, parsed }) => {
    const byText = new Map(parsed.claims.map((c) => [c.text, c]));
    for (const label of labels.claims) {
      const claim = byText.get(label.text);
      if (!claim) continue;
      expect({ text: label.text, citations: claim.citations.map((c) => c.id), section: claim.section }).toEqual({
        text: label.text,
        citations: label.citations,
        section: label.section,
      });
    }
  });

  it.each(cases.map((c) => [c.doc, c] as const))('%s: uncited claims are exactly the labelled ones', (_doc, { labels, parsed }) => {
    const labelled = new Set(labels.claims.map((c) => c.text));
    const uncited = parsed.claims.filter((c) => c.citations.length === 0 && labelled.has(c.text)).map((c) => c.text);
    const found = new Set(parsed.claims.map((c) => c.text));
    expect(uncited).toEqual(labels.claims.filter((c) => c.citations.length === 0 && found.has(c.text)).map((c) => c.text));
  });

  it.each(cases.map((c) => [c.doc, c] as const))('%s: titles come out as titles, never as claims', (_doc, { labels, parsed }) => {
    const titles = parsed.titles.map((t) => plain(t.text));
    for (const title of labels.titles) expect(titles).toContain(plain(title));
    for (const claim of parsed.claims) expect(labels.titles.map(plain)).not.toContain(plain(claim.text));
  });

  it.each(cases.filter((c) => (c.labels.malformed ?? []).length > 0).map((c) => [c.doc, c] as const))(
    '%s: the malformed markers are reported as malformed',
    (_doc, { labels, parsed }) => {
      const malformed = parsed.markers.filter((m) => m.problem !== undefined).map((m) => m.raw);
      expect(malformed.sort()).toEqual([...(labels.malformed ?? [])].sort());
    },
  );
});
