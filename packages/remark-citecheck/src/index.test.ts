import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { remark } from 'remark';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import remarkCitecheck from './index.js';

const fixtures = fileURLToPath(new URL('../../../fixtures/registries/', import.meta.url));
const remarkBin = fileURLToPath(new URL('../node_modules/.bin/remark', import.meta.url));

async function processFixture(path: string, options: Parameters<typeof remarkCitecheck>[0] = {}): Promise<VFile> {
  const file = new VFile({ path, cwd: fixtures, value: readFileSync(join(fixtures, path), 'utf8') });
  return remark().use(remarkCitecheck, options).process(file);
}

describe('remark-citecheck in a unified pipeline', () => {
  it('reports findings as vfile messages, like remark-lint rules: rule id, source, place, fatal for errors', async () => {
    const file = await processFixture('zotero-bibtex/decarbonization.md');
    const marker = '[@pielke_climate_fix_2010]';
    // Places are in the text as written (remark's output in file.value is a re-serialisation).
    const lines = readFileSync(join(fixtures, 'zotero-bibtex/decarbonization.md'), 'utf8').split('\n');
    const line = lines.findIndex((l) => l.includes(marker)) + 1;
    const column = (lines[line - 1] ?? '').indexOf(marker) + 1;
    const unknown = file.messages.find((m) => m.ruleId === 'unknown-reference');
    expect(unknown).toMatchObject({ source: 'citecheck', fatal: true, line, column });
    expect(unknown?.place).toMatchObject({ start: { line, column }, end: { line, column: column + marker.length } });
    const unused = file.messages.filter((m) => m.ruleId === 'unused-reference');
    expect(unused).toHaveLength(1);
    expect(unused[0]).toMatchObject({ fatal: false });
    // The entry lies in the .bib, which a message of this file cannot point into: the text says where.
    expect(unused[0]?.reason).toMatch(/^real\/zotero-bibtex-decarbonization\.bib:38:1: Reference pielke_mamizu_2009/);
  });

  it('takes the same options as check(): rules re-graded or off', async () => {
    const file = await processFixture('zotero-bibtex/decarbonization.md', { rules: { 'unused-reference': 'off', 'unknown-reference': 'warning' } });
    expect(file.messages.map((m) => [m.ruleId, m.fatal])).toEqual([['unknown-reference', false]]);
  });

  it('a file that is not on disk is checked from its text, with its own source list', async () => {
    const file = new VFile({ cwd: fixtures, value: 'Heat killed 61,000 people in 2022 [1]. Most were over 80 [2].\n\n## Sources\n\n1. [Heat deaths](https://example.org/a)\n' });
    await remark().use(remarkCitecheck).process(file);
    expect(file.messages.map((m) => [m.ruleId, m.line])).toEqual([['unknown-reference', 1]]);
  });

  it('a registry problem fails the file as a fatal error, not a crash', async () => {
    const file = new VFile({ cwd: fixtures, path: 'nowhere/brief.md', value: '---\nbibliography: missing.bib\n---\n\nA claim [@a].\n' });
    await expect(remark().use(remarkCitecheck).process(file)).rejects.toThrow(/registry file not found: .*missing\.bib/);
  });
});

describe('remark-citecheck under remark-cli (unified-engine)', () => {
  it('`remark --use remark-citecheck` reports citecheck findings and fails on errors', async () => {
    const run = await promisify(execFile)(remarkBin, ['sources-list/heat.md', '--use', 'remark-citecheck', '--no-stdout', '--no-color'], { cwd: fixtures }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/3:\d+-3:\d+\s+error\s+\[3\] cites reference 3, which sources-list\/heat\.md does not have .*unknown-reference\s+citecheck/);
    expect(run.stderr).toMatch(/9:1-9:\d+\s+warning\s+Reference 4 \("Heatwaves and health: guidance \(WHO Europe\)"\) is never cited.*unused-reference\s+citecheck/);
  });
});
