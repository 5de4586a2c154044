import { describe, expect, it } from 'vitest';
import { coverageReport } from './coverage.js';
import { escapeMarkdown, formatCoverageMarkdown, formatMarkdown } from './markdown.js';
import { HOSTILE, sampleReport } from './testing/sample.js';

describe('formatMarkdown (lint)', () => {
  const md = formatMarkdown(sampleReport());

  it('opens with the verdict and the totals', () => {
    expect(md.split('\n')[0]).toBe('### ❌ citecheck: 1 error, 3 warnings, 0 info in 2 files');
    expect(md).toContain("4/5 claims cited (80%), 2 supported by their sources' text (40%).");
  });

  it('has a row per finding with its place and rule, the registry finding pointing at the registry', () => {
    expect(md).toContain('| `briefs/smoke.md:10:1` | error | No source \\[9\\] in the registry \\(it has 1–3\\) | `unknown-reference` |');
    expect(md).toContain('| `briefs/smoke.refs.json:4:3` | warning |');
  });

  it('lets no HTML or table break through', () => {
    expect(md).not.toContain(HOSTILE);
    expect(escapeMarkdown('a | b <b>x</b> [link](javascript:x)')).toBe('a \\| b &lt;b&gt;x&lt;/b&gt; \\[link\\]\\(javascript:x\\)');
  });

  it('caps the finding rows so a pull-request comment stays readable', () => {
    const report = sampleReport();
    const file = report.files[0];
    const first = file?.findings[0];
    if (file === undefined || first === undefined) throw new Error('sample changed');
    file.findings = Array.from({ length: 120 }, () => first);
    const rows = formatMarkdown(report).split('\n').filter((l) => l.endsWith('`uncited-claim` |'));
    expect(rows).toHaveLength(50);
    expect(formatMarkdown(report)).toContain('…and 70 more');
  });
});

describe('formatCoverageMarkdown (report)', () => {
  const md = formatCoverageMarkdown(coverageReport(sampleReport()));

  it('breaks coverage down per section of each document', () => {
    expect(md).toContain('| Summary | 3 | 66% | 33% | 1 | 0 |');
    expect(md).toContain('| Findings | 2 | 100% | 50% | 0 | 2 |');
  });

  it('lists uncited and flagged claims with their place and findings', () => {
    expect(md).toContain('## Uncited claims\n\n- `briefs/smoke.md:5:1` Most cities lack shelters.');
    expect(md).toMatch(/- `briefs\/smoke\.md:9:1` Every county saw record levels \\\[1\\\]\.\n {2}- warning `overgeneralised-claim`/);
  });

  it('has a source table with what each backs and what nothing cites', () => {
    expect(md).toContain('| `1` | Wildfire smoke and county air quality, 2023 | 2 | 1 | `briefs/smoke.md:9:1` |');
    expect(md).toContain('| `2` | Clinic visits &lt;img src=x onerror=alert\\(1\\)&gt; | 1 | no text | – |');
    expect(md).toContain('| `3` | An unused source | never cited | 0 | – |');
  });
});
