import { buildEvidence } from '@citecheck/evidence';
import type { Registry } from '@citecheck/model';
import { parseBriefing } from '@citecheck/parse';
import { describe, expect, it } from 'vitest';
import { type KernelInput, type LintOptions, lint, type RuleExample, type RuleSetting, rules } from './index.js';

/**
 * An example's registry: the one it names (with excerpts, for the rules that read source
 * text), else the document's own source list, as in the SPEC's last discovery step.
 */
function inputFor(example: RuleExample): KernelInput {
  const doc = typeof example === 'string' ? example : example.document;
  const parsed = parseBriefing(doc, { file: 'example.md' });
  const references = typeof example === 'string' ? parsed.references : example.references;
  const registry: Registry | null = references.length > 0 ? { file: 'example.md', via: 'document', references } : null;
  const texts = new Map(references.filter((r) => (r.excerpts ?? []).length > 0).map((r) => [r.id, r.excerpts ?? []]));
  return {
    path: 'example.md',
    claims: parsed.claims,
    markers: parsed.markers,
    registry,
    directives: parsed.directives,
    evidence: buildEvidence({ texts, problems: [] }),
  };
}

const only = (ruleId: string): LintOptions => ({
  rules: Object.fromEntries(rules.map((r): [string, RuleSetting] => [r.meta.id, r.meta.id === ruleId ? r.meta.defaultSeverity : 'off'])),
});

describe.each(rules.map((r) => [r.meta.id, r] as const))('%s', (id, rule) => {
  it('has a description and examples of both kinds', () => {
    expect(rule.meta.description).toMatch(/\.$/);
    expect(rule.meta.examples.ok.length).toBeGreaterThan(0);
    expect(rule.meta.examples.notOk.length).toBeGreaterThan(0);
  });
  const name = (e: RuleExample): string => (typeof e === 'string' ? e : e.document);
  it.each(rule.meta.examples.ok.map((e) => [name(e), e] as const))('passes: %s', (_name, doc) => {
    expect(lint(inputFor(doc), only(id)).findings).toEqual([]);
  });
  it.each(rule.meta.examples.notOk.map((e) => [name(e), e] as const))('flags: %s', (_name, doc) => {
    const { findings } = lint(inputFor(doc), only(id));
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) {
      expect(f.ruleId).toBe(id);
      expect(f.severity).toBe(rule.meta.defaultSeverity);
      expect(f.message.length).toBeGreaterThan(20);
    }
  });
});

describe('findings carry what a fix needs', () => {
  it('unknown-reference names the id, the marker and what the registry has', () => {
    const [f] = lint(inputFor('Attrition is steep [7].\n\n## References\n\n1. [A](https://a.example)\n2. [B](https://b.example)'), only('unknown-reference')).findings;
    expect(f).toMatchObject({ ref: '7', claimId: 0, start: { line: 1, column: 20 } });
    expect(f?.message).toContain('[7]');
    expect(f?.message).toContain('1–2');
  });
  it('unused-reference points at the unused entry', () => {
    const [f] = lint(inputFor('Attrition is steep [1].\n\n## References\n\n1. [A](https://a.example)\n2. [Survey](https://b.example)'), only('unused-reference')).findings;
    expect(f).toMatchObject({ ref: '2', claimId: null, start: { line: 6, column: 1 } });
    expect(f?.message).toContain('Survey');
  });
  it('malformed-citation says what is wrong with the marker', () => {
    const { findings } = lint(inputFor('Rates fell [3-1]. Reports rose [0]. Backlogs grew [1,,2].'), only('malformed-citation'));
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
  it('re-grades and switches off rules', () => {
    expect(lint(inputFor(doc), { rules: { 'uncited-claim': 'error' } }).findings.map((f) => f.severity)).toEqual(['error', 'error']);
    expect(lint(inputFor(doc), { rules: { 'uncited-claim': 'off' } }).findings).toEqual([]);
  });
  it('--quiet keeps errors only', () => {
    expect(lint(inputFor(doc), { quiet: true }).findings).toEqual([]);
  });
  it('disable-next-line silences only the next line with text', () => {
    const silenced = '<!-- citecheck-disable-next-line uncited-claim -->\n\nCosts rose in several regions.\n\nWages fell in most sectors.\n';
    expect(lint(inputFor(silenced)).findings.map((f) => f.start.line)).toEqual([5]);
  });
  it('disable-next-line for another rule does not silence this one', () => {
    const other = '<!-- citecheck-disable-next-line unknown-reference -->\nCosts rose in several regions.\n';
    expect(lint(inputFor(other)).findings).toHaveLength(1);
  });
  it('disable … enable blocks silence what stands between them', () => {
    const block = '<!-- citecheck-disable uncited-claim -->\n\nCosts rose in several regions.\n\n<!-- citecheck-enable uncited-claim -->\n\nWages fell in most sectors.\n';
    expect(lint(inputFor(block)).findings.map((f) => f.start.line)).toEqual([7]);
  });
  it('a bare disable silences every rule', () => {
    const all = '<!-- citecheck-disable -->\n\nCosts rose in several regions [0].\n';
    expect(lint(inputFor(all)).findings).toEqual([]);
  });
});
