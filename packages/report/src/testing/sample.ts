import type { Finding, ReportClaim, ReportFile, Severity } from '@citecheck/model';
import { toReport } from '../json.js';

/**
 * A report as the pipeline would write it for two small briefings, built by hand so formatter
 * tests do not depend on the rules' judgement. The text holds markup a formatter must not let through.
 */
export const HOSTILE = '<img src=x onerror=alert(1)>';

export const briefingText = [
  '# Summary',
  '',
  'Smoke exposure rose 40% in 2023 [1].',
  `Clinics report ${HOSTILE} more visits [2].`,
  'Most cities lack shelters.',
  '',
  '## Findings',
  '',
  'Every county saw record levels [1].',
  'Ozone fell by half [9].',
  '',
].join('\n');

function claimAt(id: number, sentence: string, section: string | null, citations: string[], support: ReportClaim['support'], backedBy: string[] = []): ReportClaim {
  const offset = briefingText.indexOf(sentence);
  if (offset < 0) throw new Error(`not in the sample: ${sentence}`);
  const before = briefingText.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  const end = offset + sentence.length;
  return { id, text: sentence, section, citations, support, backedBy, start: { line, column, offset }, end: { line, column: column + sentence.length, offset: end } };
}

const finding = (claim: ReportClaim, ruleId: string, severity: Severity, message: string, ref: string | null = null): Finding => ({
  ruleId,
  severity,
  message,
  start: claim.start,
  end: claim.end,
  claimId: claim.id,
  ref,
});

const claims = [
  claimAt(0, 'Smoke exposure rose 40% in 2023 [1].', 'Summary', ['1'], 'supported', ['1']),
  claimAt(1, `Clinics report ${HOSTILE} more visits [2].`, 'Summary', ['2'], 'unverifiable'),
  claimAt(2, 'Most cities lack shelters.', 'Summary', [], 'uncited'),
  claimAt(3, 'Every county saw record levels [1].', 'Findings', ['1'], 'supported', ['1']),
  claimAt(4, 'Ozone fell by half [9].', 'Findings', ['9'], 'unverifiable'),
];

export const briefing: ReportFile = {
  path: 'briefs/smoke.md',
  registry: 'briefs/smoke.refs.json',
  claims,
  findings: [
    finding(claims[2] as ReportClaim, 'uncited-claim', 'warning', 'Uncited claim "Most cities lack shelters.": no source number backs it'),
    finding(claims[3] as ReportClaim, 'overgeneralised-claim', 'warning', `"Every county" goes further than [1], which says "12 of 58 counties" ${HOSTILE}`, '1'),
    finding(claims[4] as ReportClaim, 'unknown-reference', 'error', 'No source [9] in the registry (it has 1–3)', '9'),
    { ruleId: 'unused-reference', severity: 'warning', message: 'Reference 3 is never cited', start: { line: 4, column: 3, offset: 60 }, end: { line: 4, column: 10, offset: 67 }, claimId: null, ref: '3', file: 'briefs/smoke.refs.json' },
  ],
  coverage: { claims: 5, cited: 4, supported: 2, unverifiable: 2 },
  references: [
    { id: '1', title: 'Wildfire smoke and county air quality, 2023', url: 'https://example.org/smoke', hasText: true },
    { id: '2', title: `Clinic visits ${HOSTILE}`, url: null, hasText: false },
    { id: '3', title: 'An unused source', url: 'javascript:alert(1)', hasText: true },
  ],
};

export const emptyBriefing: ReportFile = {
  path: 'briefs/notes.txt',
  registry: null,
  claims: [],
  findings: [],
  coverage: { claims: 0, cited: 0, supported: 0, unverifiable: 0 },
  references: [],
};

export const sampleReport = () => toReport([briefing, emptyBriefing], { name: 'citecheck', version: '0.1.0' });
