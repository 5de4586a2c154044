import type { ReportFile } from '@citecheck/model';
import { describe, expect, it } from 'vitest';
import { formatGithub } from './github.js';
import { toReport } from './json.js';
import { at } from './testing/build.js';


const file: ReportFile = {
  path: 'briefs/a, b.md',
  registry: 'briefs/a.refs.json',
  claims: [],
  coverage: { claims: 4, cited: 3, supported: 2, unverifiable: 1 },
  references: [],
  findings: [
    { ruleId: 'uncited-claim', severity: 'warning', message: 'Uncited claim "50% of cases": no source number backs it', start: at(3, 1), end: at(3, 20), claimId: 1, ref: null },
    { ruleId: 'unknown-reference', severity: 'error', message: 'No source [9]\nin the registry', start: at(5, 7), end: at(5, 10), claimId: 2, ref: '9' },
    { ruleId: 'citation-mismatch', severity: 'info', message: 'Reference 4 fits better', start: at(6, 1), end: at(6, 5), claimId: 3, ref: '2' },
    { ruleId: 'unused-reference', severity: 'warning', message: 'Reference 6 is never cited', start: at(40, 5), end: at(40, 9), claimId: null, ref: '6', file: 'briefs/a.refs.json' },
  ],
};

describe('formatGithub', () => {
  const lines = formatGithub(toReport([file], { name: 'citecheck', version: '0.1.0' })).trimEnd().split('\n');

  it('writes one workflow command per finding, with its severity and place', () => {
    expect(lines[0]).toBe('::warning file=briefs/a%2C b.md,line=3,col=1,endLine=3,endColumn=20,title=citecheck uncited-claim::Uncited claim "50%25 of cases": no source number backs it');
    expect(lines[1]?.startsWith('::error file=briefs/a%2C b.md,line=5,col=7,')).toBe(true);
    expect(lines[2]?.startsWith('::notice ')).toBe(true);
  });

  it('keeps a multi-line message on one command line', () => {
    expect(lines[1]).toContain('::No source [9]%0Ain the registry');
  });

  it('points a registry finding at the registry file', () => {
    expect(lines[3]).toContain('file=briefs/a.refs.json,line=40,col=5');
  });

  it('ends with the totals and the coverage', () => {
    expect(lines[4]).toBe('::notice title=citecheck::1 error, 2 warnings, 1 info in 1 file; 3/4 claims cited (75%25)');
  });
});
