import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildEvidence, readSourceTexts } from '@citecheck/evidence';
import type { Registry } from '@citecheck/model';
import { parseBriefing } from '@citecheck/parse';
import { describe, expect, it } from 'vitest';
import { type KernelInput, type LintOptions, lint, type RuleExample, type RuleSetting, rules } from './index.js';

/**
 * An example's registry: the one it names (with excerpts, for the rules that read source
 * text), else the document's own source list, as in the SPEC's last discovery step.
 */
async function inputFor(example: RuleExample): Promise<KernelInput> {
  const doc = typeof example === 'string' ? example : example.document;
  const parsed = parseBriefing(doc, { file: 'example.md' });
  const references = typeof example === 'string' ? parsed.references : example.references;
  const registry: Registry | null = references.length > 0 ? { file: 'example.md', via: 'document', references } : null;
  return {
    path: 'example.md',
    claims: parsed.claims,
    markers: parsed.markers,
    registry,
    directives: parsed.directives,
    evidence: registry === null ? null : buildEvidence(await readSourceTexts(registry, join(project, registry.file), project)),
  };
}

/** An empty project: examples' snapshots are either missing from it or point out of it. */
const project = mkdtempSync(join(tmpdir(), 'citecheck-examples-'));

const only = (ruleId: string): LintOptions => ({
  rules: Object.fromEntries(rules.map((r): [string, RuleSetting] => [r.meta.id, r.meta.id === ruleId ? r.meta.defaultSeverity : 'off'])),
});

describe.each(rules.map((r) => [r.meta.id, r] as const))('%s', (id, rule) => {
  it('has a description and examples of both kinds', async () => {
    expect(rule.meta.description).toMatch(/\.$/);
    expect(rule.meta.examples.ok.length).toBeGreaterThan(0);
    expect(rule.meta.examples.notOk.length).toBeGreaterThan(0);
  });
  const name = (e: RuleExample): string => (typeof e === 'string' ? e : e.document);
  it.each(rule.meta.examples.ok.map((e) => [name(e), e] as const))('passes: %s', async (_name, doc) => {
    expect(lint(await inputFor(doc), only(id)).findings).toEqual([]);
  });
  it.each(rule.meta.examples.notOk.map((e) => [name(e), e] as const))('flags: %s', async (_name, doc) => {
    const { findings } = lint(await inputFor(doc), only(id));
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) {
      expect(f.ruleId).toBe(id);
      expect(f.severity).toBe(rule.meta.defaultSeverity);
      expect(f.message.length).toBeGreaterThan(20);
    }
  });
});

describe('findings carry what a fix needs', () => {
  it('unknown-reference names the id, the marker and what the registry has', async () => {
    const [f] = lint(await inputFor('Attrition is steep [7].\n\n## References\n\n1. [A](https://a.example)\n2. [B](https://b.example)'), only('unknown-reference')).findings;
    expect(f).toMatchObject({ ref: '7', claimId: 0, start: { line: 1, column: 20 } });
    expect(f?.message).toContain('[7]');
    expect(f?.message).toContain('1–2');
  });
  it('unused-reference points at the unused entry', async () => {
    const [f] = lint(await inputFor('Attrition is steep [1].\n\n## References\n\n1. [A](https://a.example)\n2. [Survey](https://b.example)'), only('unused-reference')).findings;
    expect(f).toMatchObject({ ref: '2', claimId: null, start: { line: 6, column: 1 } });
    expect(f?.message).toContain('Survey');
  });
  it('malformed-citation says what is wrong with the marker', async () => {
    const { findings } = lint(await inputFor('Rates fell [3-1]. Reports rose [0]. Backlogs grew [1,,2].'), only('malformed-citation'));
    expect(findings.map((f) => f.message)).toEqual([
      expect.stringContaining('runs backwards'),
      expect.stringContaining('start at 1'),
      expect.stringContaining('empty item'),
    ]);
    expect(findings.map((f) => f.claimId)).toEqual([0, 1, 2]);
  });
});

describe('configuration and directives', () => {
  const doc = 'Costs rose in several regions.\n\nWages fell in most sectors.\n';
  it('re-grades and switches off rules', async () => {
    expect(lint(await inputFor(doc), { rules: { 'uncited-claim': 'error' } }).findings.map((f) => f.severity)).toEqual(['error', 'error']);
    expect(lint(await inputFor(doc), { rules: { 'uncited-claim': 'off' } }).findings).toEqual([]);
  });
  it('--quiet keeps errors only', async () => {
    expect(lint(await inputFor(doc), { quiet: true }).findings).toEqual([]);
  });
  it('disable-next-line silences only the next line with text', async () => {
    const silenced = '<!-- citecheck-disable-next-line uncited-claim -->\n\nCosts rose in several regions.\n\nWages fell in most sectors.\n';
    expect(lint(await inputFor(silenced)).findings.map((f) => f.start.line)).toEqual([5]);
  });
  it('disable-next-line for another rule does not silence this one', async () => {
    const other = '<!-- citecheck-disable-next-line unknown-reference -->\nCosts rose in several regions.\n';
    expect(lint(await inputFor(other)).findings).toHaveLength(1);
  });
  it('disable … enable blocks silence what stands between them', async () => {
    const block = '<!-- citecheck-disable uncited-claim -->\n\nCosts rose in several regions.\n\n<!-- citecheck-enable uncited-claim -->\n\nWages fell in most sectors.\n';
    expect(lint(await inputFor(block)).findings.map((f) => f.start.line)).toEqual([7]);
  });
  it('a bare disable silences every rule', async () => {
    const all = '<!-- citecheck-disable -->\n\nCosts rose in several regions [0].\n';
    expect(lint(await inputFor(all)).findings).toEqual([]);
  });
});
