import type { FileResult, Severity } from '@citecheck/model';

export interface Summary {
  files: number;
  claims: number;
  cited: number;
  supported: number;
  findings: Record<Severity, number>;
}

export function summarise(files: FileResult[]): Summary {
  const summary: Summary = { files: files.length, claims: 0, cited: 0, supported: 0, findings: { error: 0, warning: 0, info: 0 } };
  for (const file of files) {
    summary.claims += file.coverage.claims;
    summary.cited += file.coverage.cited;
    summary.supported += file.coverage.supported;
    for (const finding of file.findings) summary.findings[finding.severity]++;
  }
  return summary;
}
