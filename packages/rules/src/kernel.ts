import type { ClaimEvidence, Coverage, Directive, Finding, LintInput, Severity } from '@citecheck/model';
import { type EvidenceIndex, verifyClaims } from '@citecheck/evidence';
import type { Report, Rule } from './rule.js';
import { rules as builtInRules } from './rules/index.js';

export type RuleSetting = Severity | 'off';

export interface LintOptions {
  /** Per-rule severity or 'off'; rules not named keep their default. */
  rules?: Record<string, RuleSetting>;
  /** Report errors only (`--quiet`). */
  quiet?: boolean;
  ruleSet?: Rule[];
}

export interface LintResult {
  findings: Finding[];
  coverage: Coverage;
}

const ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/**
 * The kernel: runs every enabled rule over one document's model. It does no I/O, so the CLI,
 * the remark plugin and tests all drive it the same way.
 */
export type KernelInput = Omit<LintInput, 'evidence'> & { evidence?: EvidenceIndex | null };

export function lint(input: KernelInput, options: LintOptions = {}): LintResult {
  const findings: Finding[] = [];
  const silenced = silencer(input.directives);
  const evidence = input.evidence ?? null;
  // The evidence stage normally runs before; a caller that skipped it gets it here.
  const support = input.support ?? (evidence ? verifyClaims(input.claims, input.registry, evidence) : new Map<number, ClaimEvidence>());
  for (const rule of options.ruleSet ?? builtInRules) {
    const setting = options.rules?.[rule.meta.id] ?? rule.meta.defaultSeverity;
    if (setting === 'off') continue;
    if (options.quiet && setting !== 'error') continue;
    const report = (finding: Report): void => {
      // Findings in another file (a registry entry) cannot be silenced from the document.
      if (finding.file === undefined && silenced(rule.meta.id, finding.start.line)) return;
      findings.push({ ruleId: rule.meta.id, severity: setting, ...finding });
    };
    rule.check({ ...input, evidence, support, report });
  }
  findings.sort(
    (a, b) =>
      Number(a.file !== undefined) - Number(b.file !== undefined) ||
      a.start.offset - b.start.offset ||
      ORDER[a.severity] - ORDER[b.severity] ||
      a.ruleId.localeCompare(b.ruleId),
  );
  return { findings, coverage: coverageOf(input.claims, support) };
}

/**
 * Citation coverage and verified coverage. A cited claim is `supported` only when its sources'
 * text backs it, and `unverifiable` when none of them has text: never assumed either way.
 */
export function coverageOf(claims: LintInput['claims'], support: ReadonlyMap<number, ClaimEvidence>): Coverage {
  let cited = 0;
  let supported = 0;
  let unverifiable = 0;
  for (const claim of claims) {
    if (claim.citations.length === 0) continue;
    cited++;
    const status = support.get(claim.id)?.status ?? 'unverifiable';
    if (status === 'supported') supported++;
    else if (status === 'unverifiable') unverifiable++;
  }
  return { claims: claims.length, cited, supported, unverifiable };
}

/** Builds the question "is RULE silenced on LINE?" from the document's directives. */
function silencer(directives: Directive[]): (rule: string, line: number) => boolean {
  const lineRules = new Map<number, Directive[]>();
  const blocks = directives
    .filter((d) => d.kind === 'disable' || d.kind === 'enable')
    .sort((a, b) => a.line - b.line);
  for (const d of directives) {
    if (d.kind === 'disable-line' || d.kind === 'disable-next-line') {
      lineRules.set(d.line, [...(lineRules.get(d.line) ?? []), d]);
    }
  }
  const names = (d: Directive, rule: string): boolean => d.rules.length === 0 || d.rules.includes(rule);
  return (rule, line) => {
    if (lineRules.get(line)?.some((d) => names(d, rule))) return true;
    let disabled = false;
    for (const d of blocks) {
      if (d.line > line) break;
      if (names(d, rule)) disabled = d.kind === 'disable';
    }
    return disabled;
  };
}
