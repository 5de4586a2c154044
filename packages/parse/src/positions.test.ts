import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseBriefing, visibleText } from './index.js';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const corpus = join(repo, '../shared');

function briefings(dir: string): string[] {
  let out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out = out.concat(briefings(path));
    else if (/\.(md|txt|rst)$/.test(name) && name !== 'MANIFEST.md' && name !== 'README.md') out.push(path);
  }
  return out;
}

/** Line and column of an offset, counted independently of the parser: CRLF, LF or CR end a line. */
function place(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    const c = text[i];
    if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

const files = [...briefings(join(repo, 'fixtures')), ...briefings(join(corpus, 'seeds')), ...briefings(join(corpus, 'corpus/external'))];

describe('positions', () => {
  it('finds documents to check', () => {
    expect(files.length).toBeGreaterThan(30);
  });

  it.each(files.map((f) => [relative(repo, f), f]))('%s: every claim and marker slices the file to its text', (_shown, path) => {
    const raw = readFileSync(path, 'utf8');
    const text = visibleText(raw);
    const parsed = parseBriefing(raw);
    for (const claim of parsed.claims) {
      expect(text.slice(claim.start.offset, claim.end.offset)).toBe(claim.text);
      expect(place(text, claim.start.offset)).toEqual({ line: claim.start.line, column: claim.start.column });
      expect(place(text, claim.end.offset)).toEqual({ line: claim.end.line, column: claim.end.column });
      expect(claim.text).toBe(claim.text.trim());
    }
    for (const marker of parsed.markers) {
      expect(text.slice(marker.start.offset, marker.end.offset)).toBe(marker.raw);
    }
  });
});
