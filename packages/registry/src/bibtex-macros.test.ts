/*
 * Issue 12: `@string` macros that double (`@string{s2 = s1 # s1}` … 25 lines, 672 bytes) took
 * 107 s and 3.8 GB in citation-js. Their expanded length is worked out without expanding them,
 * and a file past the bound is refused at the macro that crosses it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseBibtex } from './bibtex.js';
import { findMacroBomb, MAX_FIELD_CHARS } from './bibtex-macros.js';
import { DataFileError } from './data-error.js';
import { createLineIndex } from './positions.js';

/** `@string{s1 = "ab"}`, then `s{k} = s{k-1} # s{k-1}` up to `lines`: s{k} is 2^k characters. */
function doubling(lines: number, entry = '@article{k, title = s25}'): string {
  const out = ['@string{s1 = "ab"}'];
  for (let k = 2; k <= lines; k++) out.push(`@string{s${k} = s${k - 1} # s${k - 1}}`);
  out.push(entry);
  return `${out.join('\n')}\n`;
}

const refusal = (text: string): DataFileError => {
  try {
    parseBibtex('refs.bib', text, createLineIndex(text));
  } catch (error) {
    if (error instanceof DataFileError) return error;
    throw error;
  }
  throw new Error('not refused');
};

describe('BibTeX macros that expand too far', () => {
  it('refuses doubling macros at the first one past the bound, saying what it is', () => {
    // s{k} is 2^k characters; 2^20 = 1,048,576 is the first past 1,000,000, on line 20.
    expect(2 ** 19).toBeLessThan(MAX_FIELD_CHARS);
    expect(2 ** 20).toBeGreaterThan(MAX_FIELD_CHARS);
    const error = refusal(doubling(25));
    expect(error.line).toBe(20);
    expect(error.column).toBe(1);
    expect(error.message).toMatch(/@string macro "s20" expands to more than 1,000,000 characters/);
  });

  it('refuses a field joining a large macro over and over, at the field', () => {
    const text = `@string{big = "${'x'.repeat(100_000)}"}\n@article{k,\n  title = ${Array(11).fill('big').join(' # ')}\n}\n`;
    const error = refusal(text);
    expect([error.line, error.column]).toEqual([3, 3]);
    expect(error.message).toMatch(/the field "title" expands to more than/);
  });

  it('refuses many fields that each stay under the bound but together expand past the file\'s share', () => {
    const entries = Array.from({ length: 40 }, (_, i) => `@misc{k${i}, note = big}`).join('\n');
    const text = `@string{big = "${'x'.repeat(500_000)}"}\n${entries}\n`;
    expect(refusal(text).message).toMatch(/expand to more than 16,000,000 characters in all/);
  });

  it('lets ordinary macros through: month names, journal abbreviations, # joins, numbers', () => {
    const text = '@string{jgr = {Journal of Geophysical Research}}\n@article{a, journal = jgr # " (Atmospheres)", month = sep, year = 2020, title = {A {B} "c"}}\n';
    expect(findMacroBomb(text)).toBeNull();
    const items = parseBibtex('refs.bib', text, createLineIndex(text));
    expect(items[0]?.item['container-title']).toBe('Journal of Geophysical Research (Atmospheres)');
  });

  it('finds nothing in the real BibTeX exports of the fixtures', () => {
    const folder = fileURLToPath(new URL('../../../fixtures/registries/real/', import.meta.url));
    const files = readdirSync(folder).filter((f) => f.endsWith('.bib'));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect(findMacroBomb(readFileSync(folder + f, 'utf8')), f).toBeNull();
  });
});
