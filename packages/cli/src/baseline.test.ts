import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CitecheckError, type Finding, type Report, type ReportClaim, type ReportFile } from '@citecheck/model';
import { formatJson, toReport } from '@citecheck/report';
import { beforeEach, describe, expect, it } from 'vitest';
import { fingerprint } from '@citecheck/report';
import { loadReport, withoutBaseline } from './baseline.js';

const tool = { name: 'citecheck', version: '0.1.0' };

function at(line: number): Pick<Finding, 'start' | 'end'> {
  return { start: { line, column: 1, offset: line * 100 }, end: { line, column: 40, offset: line * 100 + 39 } };
}

function claim(id: number, text: string, line: number): ReportClaim {
  return { id, text, section: null, ...at(line), citations: [], support: 'uncited', backedBy: [] };
}

function finding(ruleId: string, line: number, fields: Partial<Finding> = {}): Finding {
  return { ruleId, severity: 'warning', message: `${ruleId} here`, claimId: null, ref: null, ...at(line), ...fields };
}

function file(path: string, claims: ReportClaim[], findings: Finding[]): ReportFile {
  return { path, registry: null, claims, findings, coverage: { claims: claims.length, cited: 0, supported: 0, unverifiable: 0 }, references: [] };
}

const report = (...files: ReportFile[]): Report => toReport(files, tool);

const before = report(
  file(
    'briefs/a.md',
    [claim(0, 'Prices rose 4% in 2023.', 3), claim(1, 'Wages\n  fell.', 5)],
    [finding('uncited-claim', 3, { claimId: 0 }), finding('uncited-claim', 5, { claimId: 1 }), finding('unknown-ref', 9, { ref: '7', severity: 'error', message: 'no reference 7' })],
  ),
);

describe('withoutBaseline', () => {
  it('leaves nothing when the report is unchanged', () => {
    const { report: left, suppressed } = withoutBaseline(before, before);
    expect(left.files[0]?.findings).toEqual([]);
    expect(left.summary.findings).toEqual({ error: 0, warning: 0, info: 0 });
    expect(left.summary.claims).toBe(2);
    expect(suppressed).toBe(3);
  });

  it('still suppresses findings whose lines moved and whose claims were re-wrapped', () => {
    const moved = report(
      file(
        'briefs/a.md',
        [claim(0, 'An unrelated new opening.', 1), claim(1, 'Prices rose 4% in 2023.', 12), claim(2, 'Wages fell.', 20)],
        [finding('uncited-claim', 12, { claimId: 1 }), finding('uncited-claim', 20, { claimId: 2 }), finding('unknown-ref', 30, { ref: '7', severity: 'error', message: 'no reference 7' })],
      ),
    );
    expect(withoutBaseline(moved, before).report.summary.findings).toEqual({ error: 0, warning: 0, info: 0 });
  });

  it('keeps new findings and recounts the summary', () => {
    const now = report(
      file(
        'briefs/a.md',
        [claim(0, 'Prices rose 4% in 2023.', 3), claim(1, 'Wages fell.', 5), claim(2, 'Rents doubled.', 7)],
        [
          finding('uncited-claim', 3, { claimId: 0 }),
          finding('uncited-claim', 7, { claimId: 2 }),
          finding('unknown-ref', 9, { ref: '8', severity: 'error', message: 'no reference 8' }),
        ],
      ),
    );
    const { report: left, suppressed } = withoutBaseline(now, before);
    expect(left.files[0]?.findings.map((f) => f.claimId ?? f.ref)).toEqual([2, '8']);
    expect(left.summary.findings).toEqual({ error: 1, warning: 1, info: 0 });
    expect(suppressed).toBe(1);
    // The report passed in is not changed.
    expect(now.files[0]?.findings).toHaveLength(3);
  });

  it('treats fingerprints as a multiset', () => {
    const once = report(file('b.md', [], [finding('malformed-marker', 2)]));
    const twice = report(file('b.md', [], [finding('malformed-marker', 2), finding('malformed-marker', 8)]));
    const { report: left, suppressed } = withoutBaseline(twice, once);
    expect(left.files[0]?.findings).toHaveLength(1);
    expect(suppressed).toBe(1);
  });

  it('tells the same finding in another file or about another id apart', () => {
    const other = report(file('briefs/other.md', [claim(0, 'Prices rose 4% in 2023.', 3)], [finding('uncited-claim', 3, { claimId: 0 })]));
    expect(withoutBaseline(other, before).suppressed).toBe(0);
    const otherRef = report(file('briefs/a.md', [], [finding('unknown-ref', 9, { ref: '9', severity: 'error', message: 'no reference 7' })]));
    expect(withoutBaseline(otherRef, before).suppressed).toBe(0);
  });
});

describe('fingerprint', () => {
  it('ignores lines, columns and severity, and uses the claim text over the message', () => {
    const f = file('x.md', [claim(4, 'A  claim.', 2)], []);
    const a = finding('r', 2, { claimId: 4, message: 'first wording' });
    const b = finding('r', 50, { claimId: 4, message: 'second wording', severity: 'error' });
    expect(fingerprint(f, a)).toBe(fingerprint(f, b));
  });

  it('uses the file a registry finding points into, with forward slashes', () => {
    const f = file('briefs\\a.md', [], []);
    const g = file('briefs/b.md', [], []);
    const onRegistry = finding('duplicate-ref', 3, { file: 'briefs\\refs.json', ref: '2' });
    expect(fingerprint(f, onRegistry)).toBe(fingerprint(g, { ...onRegistry, file: 'briefs/refs.json' }));
  });
});

describe('loadReport', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'citecheck-baseline-'));
    return () => rmSync(dir, { recursive: true, force: true });
  });

  const saved = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  async function failure(path: string): Promise<CitecheckError> {
    const error = await loadReport(path, dir, 'baseline report').then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CitecheckError);
    return error as CitecheckError;
  }

  it('reads a JSON report back', async () => {
    const loaded = await loadReport(saved('report.json', formatJson(before)), dir);
    expect(loaded).toEqual(before);
  });

  it('reads a report relative to a folder', async () => {
    saved('shard-1.json', formatJson(before));
    expect(await loadReport('shard-1.json', dir)).toEqual(before);
    await expect(loadReport('shard-2.json', dir)).rejects.toThrow(/JSON report not found: .*shard-2\.json/);
  });

  it('says when the file is missing and how to make one', async () => {
    const error = await failure(join(dir, 'nope.json'));
    expect(error.message).toMatch(/baseline report not found: .*nope\.json/);
    expect(error.message).toContain('--format json');
  });

  it.each([
    ['notes in plain text', 'notes.txt', 'Reviewed: nothing to add.\nSee the ticket: a field name.\n'],
    ['a YAML file', 'report.yaml', 'files: []\n'],
  ])('says that %s is not a citecheck JSON report, not a syntax error of another format', async (_what, name, text) => {
    const error = await failure(saved(name, text));
    expect(error.message).toMatch(new RegExp(`${name.replace('.', '\\.')} is not a citecheck JSON report`));
    expect(error.message).not.toMatch(/YAML/);
  });

  it('points at a JSON syntax error', async () => {
    const error = await failure(saved('broken.json', '{\n  "tool": {"name": "citecheck"},\n  "files": [,]\n}\n'));
    expect(error.message).toMatch(/JSON syntax error/);
    expect([error.line, error.column]).toEqual([3, 13]);
  });

  it('says what is missing from a report of the wrong shape', async () => {
    const place = { line: 1, column: 1, offset: 0 };
    const coverage = { claims: 0, cited: 0, supported: 0, unverifiable: 0 };
    const noFiles = await failure(saved('a.json', '{"tool": {"name": "citecheck", "version": "1"}}'));
    expect(noFiles.message).toMatch(/the file has no "files" list/);
    const noCoverage = await failure(saved('a2.json', JSON.stringify({ tool, files: [{ path: 'a.md', claims: [], findings: [] }] })));
    expect(noCoverage.message).toMatch(/field files\[0\] has no "coverage"/);

    const text = JSON.stringify({ tool, files: [{ path: 'a.md', registry: null, claims: [], findings: [{ severity: 'error', message: 'm', start: place, end: place, claimId: null, ref: null }], coverage, references: [] }] }, null, 2);
    const noRule = await failure(saved('b.json', text));
    expect(noRule.message).toMatch(/field files\[0\]\.findings\[0\] has no "ruleId"/);
    // The finding's opening brace.
    expect([noRule.line, noRule.column]).toEqual([12, 9]);

    const wrongType = await failure(saved('c.json', JSON.stringify({ tool, files: { path: 'a.md' } })));
    expect(wrongType.message).toMatch(/field files must be a list, got an object/);

    expect((await failure(saved('d.json', '[]'))).message).toMatch(/not a citecheck JSON report/);
    expect((await failure(saved('e.json', '{"version": "2.1.0", "runs": []}'))).message).toMatch(/SARIF/);
    expect((await failure(saved('f.json', '{"tool": {"name": "eslint"}, "files": []}'))).message).toMatch(/written by "eslint"/);
    expect((await failure(saved('g.json', ''))).message).toMatch(/empty/);
  });

  it('accepts a report without a summary, counting one', async () => {
    const { summary: _dropped, ...rest } = before;
    const loaded = await loadReport(saved('trimmed.json', JSON.stringify(rest)), dir);
    expect(loaded.summary).toEqual(before.summary);
  });
});
