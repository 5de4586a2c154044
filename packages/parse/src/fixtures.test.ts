import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseBriefing } from './index.js';

const root = new URL('../../../fixtures/', import.meta.url);

interface Expected {
  claims: { text: string; citations: string[]; section?: string | null }[];
  titles?: string[];
}

function casesIn(folder: string): { name: string; file: URL; expected: Expected }[] {
  const dir = new URL(`${folder}/`, root);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.expected.json'))
    .map((f) => {
      const base = f.replace(/\.expected\.json$/, '');
      const doc = readdirSync(dir).find((d) => d.startsWith(`${base}.`) && !d.endsWith('.json'));
      if (!doc) throw new Error(`no document for ${f}`);
      return { name: `${folder}/${doc}`, file: new URL(doc, dir), expected: JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as Expected };
    });
}

describe.each(['markers', 'dialect'])('fixtures/%s', (folder) => {
  it.each(casesIn(folder))('$name gives the expected claims and citations', ({ file, expected }) => {
    const parsed = parseBriefing(readFileSync(file, 'utf8'));
    expect(parsed.claims.map((c) => ({ text: c.text, citations: c.citations.map((x) => x.id) }))).toEqual(
      expected.claims.map((c) => ({ text: c.text, citations: c.citations })),
    );
    for (const [i, claim] of expected.claims.entries()) {
      if (claim.section !== undefined) expect(parsed.claims[i]?.section).toBe(claim.section);
    }
    if (expected.titles) expect(parsed.titles.map((t) => t.text)).toEqual(expected.titles);
  });
});
