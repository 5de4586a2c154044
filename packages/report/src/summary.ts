import type { ReportFile, Summary } from '@citecheck/model';
import { percent } from './coverage.js';

export function summarise(files: readonly ReportFile[]): Summary {
  const summary: Summary = { files: files.length, claims: 0, cited: 0, supported: 0, findings: { error: 0, warning: 0, info: 0 } };
  for (const file of files) {
    summary.claims += file.coverage.claims;
    summary.cited += file.coverage.cited;
    summary.supported += file.coverage.supported;
    for (const finding of file.findings) summary.findings[finding.severity]++;
  }
  return summary;
}

/** "12/13 claims cited (92%)": the coverage every text format ends with. */
export function coverageLine(summary: Summary): string {
  return summary.claims === 0 ? 'no claims' : `${summary.cited}/${summary.claims} claims cited (${percent(summary.cited, summary.claims)})`;
}

export const plural = (n: number, word: string): string => `${n} ${n === 1 ? word : word.replace(/y$/, 'ie')}${n === 1 ? '' : 's'}`;

/** "1 error, 2 warnings, 1 info in 3 files". */
export function totalsLine(summary: Summary, unit = 'file'): string {
  const { error, warning, info } = summary.findings;
  return `${plural(error, 'error')}, ${plural(warning, 'warning')}, ${info} info in ${plural(summary.files, unit)}`;
}
