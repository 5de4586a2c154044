import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type ParsedBriefing, parseBriefing } from './index.js';

/**
 * Real documents written elsewhere (../shared), with expectations checked by reading them.
 * Each test names what a reader sees in the document, not what the code happens to output.
 */
const shared = new URL('../../../../shared/', import.meta.url);
const read = (path: string): ParsedBriefing => parseBriefing(readFileSync(new URL(path, shared), 'utf8'), { file: path });
const cites = (parsed: ParsedBriefing, start: string): string[] | undefined =>
  parsed.claims.find((c) => c.text.startsWith(start))?.citations.map((c) => c.id);

describe('the seed briefing (plain-text dialect)', () => {
  const parsed = read('seeds/000_192d090634b74d2c.txt');

  it('has 13 claims, and only the online-offences one is uncited', () => {
    expect(parsed.claims).toHaveLength(13);
    const uncited = parsed.claims.filter((c) => c.citations.length === 0);
    expect(uncited.map((c) => c.text)).toEqual([
      'Meanwhile, prosecutions for online offences require technical capacity and international cooperation that many jurisdictions lack, producing uneven accountability.',
    ]);
  });

  it('reads the title, the summary label and the seven section titles as titles, not claims', () => {
    expect(parsed.titles.map((t) => t.text)).toEqual([
      'Why are most CSAM offenders never caught/prosecuted?',
      'Executive summary',
      'Underreporting hides the true scale',
      'Medical and forensic evidence are often absent',
      'Victim dynamics and familial relationships make cases fragile',
      'System capacity and case attrition compound the problem',
      'Digital evidence creates new possibilities but also new gaps',
      'Competing incentives and differing narratives shape public perception',
      'What the reporting cannot fully show',
    ]);
    for (const claim of parsed.claims) {
      expect(claim.text).not.toMatch(/^(Why are|Executive summary|\d+\. )/);
    }
  });

  it('gives each claim its citations in the order written, and its section', () => {
    expect(parsed.claims.map((c) => c.citations.map((x) => x.id).join(','))).toEqual([
      '1,2,3', '2,4,5', '1', '6', '2,6,7', '1', '8,9,10', '3', '11', '', '1,5', '3,8,10', '1,11',
    ]);
    expect(parsed.claims[0]?.section).toBe('Executive summary');
    expect(parsed.claims[2]?.section).toBe('Medical and forensic evidence are often absent');
  });
});

describe('dls-cislunar: ranges, lists, and a References section', () => {
  const parsed = read('corpus/external/dls-cislunar/report.md');

  it('expands en-dash ranges and mixed lists', () => {
    expect(cites(parsed, 'What we know:')).toEqual(['1', '2', '3', '4']);
    expect(cites(parsed, 'What changes next')).toEqual(['1', '2', '3', '4', '5', '9', '11']);
  });

  it('takes the numbered References list as the registry, 17 entries, and no claim from it', () => {
    expect(parsed.references.map((r) => r.id)).toEqual(Array.from({ length: 17 }, (_, i) => String(i + 1)));
    expect(parsed.references[0]).toMatchObject({ url: 'https://arxiv.org/pdf/2310.04894.pdf' });
    expect(parsed.references[0]?.title).toContain('Multi-Spacecraft Predictive Sensor Tasking');
    const referencesLine = parsed.titles.find((t) => t.text === 'References')?.start.line ?? Infinity;
    expect(parsed.claims.every((c) => c.start.line < referencesLine)).toBe(true);
  });

  it('reads the bold Executive Summary label as a title, and the self-description as no claim', () => {
    expect(parsed.titles.map((t) => t.text)).toContain('Executive Summary');
    expect(parsed.claims.some((c) => c.text.startsWith('This report synthesizes'))).toBe(false);
  });
});

describe('drb-claude37-need-for-closure: narration, markers after the period, 参考文献', () => {
  const parsed = read('corpus/external/drb-claude37-need-for-closure/doc.md');

  it('drops the agent narration above the report', () => {
    for (const claim of parsed.claims) expect(claim.text).not.toMatch(/^(Let me|To answer|Based on my research)/);
    expect(parsed.claims[0]?.text).toMatch(/^Need for Closure \(NFC\) is a psychological construct/);
  });

  it('gives markers after the closing quote and period to that sentence', () => {
    expect(cites(parsed, 'It can be described as "a desire to give a clear')).toEqual(['1', '2', '3']);
    expect(parsed.claims.find((c) => c.text.startsWith('It can be described'))?.text).toMatch(/irregularity\." \[1\]\[2\]\[3\]$/);
  });

  it('reads the 参考文献 list, `[n] url - title`, as the registry', () => {
    expect(parsed.references.length).toBeGreaterThanOrEqual(10);
    expect(parsed.references[0]).toMatchObject({ id: '1', url: 'https://www.sciencedirect.com/science/article/abs/pii/S0167487002001356' });
    expect(parsed.references[0]?.title).toContain('need for closure on consumer');
  });
});

describe('onyx-need-for-closure: log wrapper, linked markers, closing offer', () => {
  const parsed = read('corpus/external/onyx-need-for-closure/77.md');
  const text = readFileSync(new URL('corpus/external/onyx-need-for-closure/77.md', shared), 'utf8');
  const answerLine = text.split('\n').indexOf('ANSWER:') + 1;

  it('takes no claim from the question and research-task wrapper', () => {
    expect(answerLine).toBeGreaterThan(1);
    expect(parsed.claims.every((c) => c.start.line > answerLine)).toBe(true);
  });

  it('reads comma-separated linked markers and keeps their URLs as the registry', () => {
    const claim = parsed.claims.find((c) => c.text.includes('freeze on accurate closure rather than misinformative closure'));
    expect(claim?.citations.map((c) => c.id)).toEqual(['11', '46']);
    expect(parsed.references.find((r) => r.id === '11')?.url).toContain('kar.kent.ac.uk');
  });

  it('does not take the closing "If you want, I can …" offer for a claim', () => {
    expect(parsed.claims.some((c) => c.text.startsWith('If you want'))).toBe(false);
  });
});

describe('drb-claude37-cn-land-finance: Chinese sentence ends', () => {
  const parsed = read('corpus/external/drb-claude37-cn-land-finance/doc.md');

  it('splits at 。 and keeps a marker before the full stop with its sentence', () => {
    const claim = parsed.claims.find((c) => c.text.startsWith('根据国家统计局数据，2025年1-3月份'));
    expect(claim?.text.endsWith('下降9.0% [1]。')).toBe(true);
    expect(claim?.citations.map((c) => c.id)).toEqual(['1']);
    expect(cites(parsed, '这表明房地产市场仍处于下行趋势')).toEqual([]);
  });

  it('drops the narration paragraphs (我将…, 我需要…) and reads the 17-entry source list', () => {
    expect(parsed.claims.some((c) => /^(我将|我需要|我还需要|基于所收集的信息|这需要查找)/.test(c.text))).toBe(false);
    expect(parsed.references).toHaveLength(17);
  });
});

describe('storm-pishdadian-dynasty: reversed chains and the double period', () => {
  const parsed = read('corpus/external/storm-pishdadian-dynasty/storm_polished_article.txt');

  it('keeps `past.[2][1].` whole, in the order written, and starts the next sentence at "As such"', () => {
    const claim = parsed.claims.find((c) => c.text.endsWith('ancient past.[2][1].'));
    expect(claim?.citations.map((c) => c.id)).toEqual(['2', '1']);
    expect(parsed.claims.some((c) => c.text.startsWith('As such, the Pishdadians'))).toBe(true);
  });
});

describe('data that looks like markers', () => {
  it('openai-dr-cislunar: the unfenced chart values are not citations; `[1] [2] url` lines are sources', () => {
    const parsed = read('corpus/external/openai-dr-cislunar/doc.md');
    expect(parsed.markers.some((m) => m.raw.includes('36000'))).toBe(false);
    expect(parsed.references.find((r) => r.id === '18')?.url).toBe(parsed.references.find((r) => r.id === '1')?.url);
    expect(parsed.claims.some((c) => /^\[\d+\]/.test(c.text) || /^https?:/.test(c.text))).toBe(false);
  });

  it('chatgpt-dr-neutral-atoms: `[[9,1,3]]` is code notation; private-use citation tokens are markers', () => {
    const parsed = read('corpus/external/chatgpt-dr-neutral-atoms/version1_chatgpt_reference.md');
    expect(parsed.markers.some((m) => m.raw.includes('9,1,3'))).toBe(false);
    expect(parsed.claims.length).toBeGreaterThan(50);
    // 119 cite tokens (407 private-use characters) stand in the file; each cites turn ids that no
    // registry can resolve.
    const tokens = parsed.markers.filter((m) => m.form === 'token');
    expect(tokens.length).toBeGreaterThan(110);
    expect(tokens[0]?.ids.every((id) => /^turn\d+\w+$/.test(id))).toBe(true);
    expect(parsed.claims.some((c) => c.text.includes('\uE200'))).toBe(true);
  });

  it('pep-0450: doctest lists are not citations, `[1]_` markers are', () => {
    const parsed = read('corpus/external/pep-0450-statistics/pep-0450.rst');
    expect(parsed.markers.some((m) => m.raw.includes('1, 2, 3'))).toBe(false);
    expect(parsed.markers.some((m) => m.raw === '[1]')).toBe(true);
  });

  it('gemini-dr-cislunar: digits glued after the period cite the Works cited list; L2 does not', () => {
    const parsed = read('corpus/external/gemini-dr-cislunar/doc.md');
    expect(parsed.references).toHaveLength(32);
    expect(cites(parsed, 'Some definitions are') ?? cites(parsed, 'The cislunar domain')).toBeDefined();
    const lagrange = parsed.claims.find((c) => c.text.endsWith('Lagrange points.1'));
    expect(lagrange?.citations.map((c) => c.id)).toEqual(['1']);
    expect(parsed.markers.every((m) => m.form === 'glued' || m.form === 'bracket')).toBe(true);
    expect(parsed.markers.some((m) => /L\d/.test(m.raw))).toBe(false);
  });
});
