import type { FileResult, Report, ReportFile } from '@citecheck/model';
import { summarise } from './summary.js';

export type Tool = Report['tool'];

/** One linted file in the report's form: plain data, safe to send between threads and runs. */
export function toReportFile(file: FileResult): ReportFile {
  const support = new Map(file.support.map((s) => [s.claimId, s]));
  return {
    path: file.path,
    registry: file.registry,
    claims: file.claims.map((claim) => ({
      id: claim.id,
      text: claim.text,
      section: claim.section,
      start: claim.start,
      end: claim.end,
      citations: claim.citations.map((c) => c.id),
      support: support.get(claim.id)?.status ?? (claim.citations.length === 0 ? 'uncited' : 'unverifiable'),
      backedBy: support.get(claim.id)?.backedBy ?? [],
    })),
    findings: file.findings.map((f) => ({
      ruleId: f.ruleId,
      severity: f.severity,
      message: f.message,
      start: f.start,
      end: f.end,
      claimId: f.claimId,
      ref: f.ref,
      ...(f.file !== undefined ? { file: f.file } : {}),
    })),
    coverage: file.coverage,
    references: file.references,
  };
}

/** The SPEC's `--format json` object. */
export function toReport(files: ReportFile[], tool: Tool): Report {
  return { tool, files, summary: summarise(files) };
}

export function formatJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
