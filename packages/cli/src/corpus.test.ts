import type { ReportFile } from '@citecheck/model';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { check } from './check.js';

/**
 * Real documents from ../shared/corpus/external linted end to end. Each expectation was checked
 * by reading the document (and its MANIFEST row), not copied from the tool's output.
 */
const corpus = fileURLToPath(new URL('../../../../shared/corpus/external/', import.meta.url));
type Linted = ReportFile & { notices: string[] };
const lintDoc = async (path: string): Promise<Linted> => {
  const result = await check(corpus + path, { cwd: corpus, root: corpus, config: false });
  return { ...result.file, notices: result.notices };
};
const refsOf = (result: Linted, ruleId: string): (string | null)[] =>
  result.findings.filter((f) => f.ruleId === ruleId).map((f) => f.ref);

describe('dls-cislunar', () => {
  it('uses its own References list, and references 15–17 are the ones never cited', async () => {
    const result = await lintDoc('dls-cislunar/report.md');
    expect(result.registry).toBe('dls-cislunar/report.md');
    expect(refsOf(result, 'unused-reference')).toEqual(['15', '16', '17']);
    expect(refsOf(result, 'unknown-reference')).toEqual([]);
    expect(refsOf(result, 'malformed-citation')).toEqual([]);
  });
});

describe('tickr-gpt5-gemini-privacy', () => {
  it('has dangling markers and no registry anywhere: says so, still lints uncited claims', async () => {
    const result = await lintDoc('tickr-gpt5-gemini-privacy/doc.md');
    expect(result.registry).toBeNull();
    expect(result.notices.join('\n')).toContain('no reference registry found');
    expect(result.findings.some((f) => f.ruleId === 'uncited-claim')).toBe(true);
    expect(result.findings.some((f) => f.ruleId === 'unknown-reference')).toBe(false);
  });

  it('reads `[8]–[12]` as the range 8 to 12', async () => {
    const result = await lintDoc('tickr-gpt5-gemini-privacy/doc.md');
    const ids = result.claims.flatMap((c) => c.citations);
    expect(ids).toEqual(expect.arrayContaining(['8', '9', '10', '11', '12']));
  });
});

describe('onyx-need-for-closure', () => {
  it('takes its registry from the linked markers: nothing unknown, nothing unused', async () => {
    const result = await lintDoc('onyx-need-for-closure/77.md');
    expect(result.registry).toBe('onyx-need-for-closure/77.md');
    expect(refsOf(result, 'unknown-reference')).toEqual([]);
    expect(refsOf(result, 'unused-reference')).toEqual([]);
  });

  it('flags uncited claims of the answer, not the wrapper or the closing offer', async () => {
    const result = await lintDoc('onyx-need-for-closure/77.md');
    const uncited = result.findings.filter((f) => f.ruleId === 'uncited-claim');
    expect(uncited.length).toBeGreaterThan(10);
    expect(uncited.every((f) => f.start.line > 19)).toBe(true);
    expect(uncited.some((f) => f.message.includes('If you want'))).toBe(false);
  });
});

describe('drb-claude37-need-for-closure', () => {
  it('resolves every marker against the 参考文献 list', async () => {
    const result = await lintDoc('drb-claude37-need-for-closure/doc.md');
    expect(result.registry).toBe('drb-claude37-need-for-closure/doc.md');
    expect(result.coverage.cited).toBeGreaterThan(20);
    expect(refsOf(result, 'unknown-reference')).toEqual([]);
  });
});

describe('freshwiki-lk99', () => {
  it('reports the errored entry 84 and the entries the flattened text lost as unused, nothing unknown', async () => {
    const result = await lintDoc('freshwiki-lk99/LK-99.txt');
    const unused = refsOf(result, 'unused-reference');
    expect(unused).toContain('84');
    expect(unused).toContain('6'); // [6] appears only in the reference list
    expect(unused).not.toContain('1');
    expect(refsOf(result, 'unknown-reference')).toEqual([]);
  });
});
