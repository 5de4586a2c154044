import { mkdtempSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Claim, Registry } from '@citecheck/model';
import { describe, expect, it } from 'vitest';
import { buildEvidence, readSourceTexts, snapshotToText, verifyClaims } from './index.js';

function claim(id: number, text: string, ids: string[]): Claim {
  const start = { line: 1, column: 1, offset: 0 };
  const end = { line: 1, column: text.length + 1, offset: text.length };
  const marker = { raw: '', form: 'bracket' as const, ids, start: end, end };
  return { id, text, section: null, start, end, citations: ids.map((i) => ({ id: i, marker })), markers: [], citationNeeded: false };
}

const registry = (refs: { id: string; excerpts?: string[] }[]): Registry => ({ file: 'r.json', via: 'option', references: refs });

describe('snapshots', () => {
  it('HTML: keeps the article, drops navigation, scripts and footers', () => {
    const text = snapshotToText(
      '<html><head><script>var ids = [1, 2, 3];</script></head><body><nav>Home | News</nav><main><p>Only about one-third of incidents reach the police.</p></main><footer>© 2024</footer></body></html>',
      '.html',
    );
    expect(text).toContain('Only about one-third of incidents reach the police.');
    expect(text).not.toMatch(/Home|var ids|©/);
  });

  it('Markdown: text without markup', () => {
    expect(snapshotToText('# Report\n\nRents rose **14%** in [Minnesota](https://x).', '.md')).toBe('Report\n\nRents rose 14% in Minnesota.');
  });

  it('are read relative to the registry, and never from outside the project', async () => {
    const root = mkdtempSync(join(tmpdir(), 'citecheck-evidence-'));
    const outside = mkdtempSync(join(tmpdir(), 'citecheck-outside-'));
    mkdirSync(join(root, 'sources'));
    writeFileSync(join(root, 'sources', 'a.txt'), 'Court backlogs grew by 40%.');
    writeFileSync(join(outside, 'secret.txt'), 'not for reading');
    symlinkSync(join(outside, 'secret.txt'), join(root, 'sources', 'link.txt'));
    const reg: Registry = {
      file: join(root, 'refs.json'),
      via: 'option',
      references: [
        { id: '1', snapshot: 'sources/a.txt' },
        { id: '2', snapshot: '../' + outside.split('/').pop() + '/secret.txt' },
        { id: '3', snapshot: 'sources/link.txt' },
        { id: '4', snapshot: 'sources/missing.txt' },
      ],
    };
    const { texts, problems } = await readSourceTexts(reg, reg.file, root);
    expect(texts.get('1')).toEqual(['Court backlogs grew by 40%.']);
    expect([...texts.keys()]).toEqual(['1']);
    expect(problems.map((p) => p.refId)).toEqual(['2', '3', '4']);
    expect(problems[0]?.message).toContain('outside the project');
    expect(problems[2]?.message).toContain('not found');
  });
});

describe('verifyClaims', () => {
  const sources = registry([
    { id: '1', excerpts: ['Medical evidence is available in fewer than 5% of reported child sexual abuse cases.'] },
    { id: '2', excerpts: ['Court backlogs grew by 40% between 2019 and 2022, and judges cite staffing shortages.'] },
    { id: '3' },
  ]);
  const evidence = buildEvidence({ texts: new Map(sources.references.filter((r) => r.excerpts).map((r) => [r.id, r.excerpts ?? []])), problems: [] });

  it('supported, unsupported, unverifiable and uncited', () => {
    const claims = [
      claim(0, 'Medical evidence exists in under 5% of reported abuse cases.', ['1']),
      claim(1, 'Most offenders are relatives of their victims.', ['1']),
      claim(2, 'Offenders are rarely charged.', ['3']),
      claim(3, 'Offenders are rarely charged.', []),
    ];
    const support = verifyClaims(claims, sources, evidence);
    expect([0, 1, 2, 3].map((id) => support.get(id)?.status)).toEqual(['supported', 'unsupported', 'unverifiable', 'uncited']);
  });

  it('a claim citing a source with text and one without is unverifiable, not unsupported', () => {
    const support = verifyClaims([claim(0, 'Most offenders are relatives of their victims.', ['1', '3'])], sources, evidence);
    expect(support.get(0)?.status).toBe('unverifiable');
  });

  it('names a far better uncited source', () => {
    const support = verifyClaims([claim(0, 'Court backlogs grew by 40% as judges cite staffing shortages.', ['1'])], sources, evidence);
    expect(support.get(0)?.alternative?.passage.refId).toBe('2');
  });
});
