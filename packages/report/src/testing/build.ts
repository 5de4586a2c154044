import type { Finding, ReportClaim, ReportFile } from '@citecheck/model';

/** Small builders for formatter tests: only what a test names differs from a plain default. */
export const at = (line: number, column: number) => ({ line, column, offset: 0 });

export const claim = (id: number, line: number, text: string): ReportClaim => ({
  id,
  text,
  section: null,
  start: at(line, 1),
  end: at(line, text.length + 1),
  citations: [],
  support: 'uncited',
  backedBy: [],
});

export const finding = (over: Partial<Finding> & Pick<Finding, 'ruleId' | 'severity'>): Finding => ({
  message: `${over.ruleId} here`,
  start: at(1, 1),
  end: at(1, 5),
  claimId: null,
  ref: null,
  ...over,
});

export const file = (path: string, claims: ReportClaim[], findings: Finding[]): ReportFile => ({
  path,
  registry: 'briefs/a.refs.json',
  claims,
  findings,
  coverage: { claims: claims.length, cited: 0, supported: 0, unverifiable: 0 },
  references: [],
});
