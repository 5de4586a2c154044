import type { FileResult } from '@citecheck/model';
import { summarise } from './summary.js';

export interface Tool {
  name: string;
  version: string;
}

/** The SPEC's `--format json` object. Fields may be added, never renamed or removed. */
export function toJsonReport(files: FileResult[], tool: Tool) {
  return {
    tool,
    files: files.map((file) => ({
      path: file.path,
      registry: file.registry,
      claims: file.claims.map((claim) => ({
        id: claim.id,
        text: claim.text,
        section: claim.section,
        start: claim.start,
        end: claim.end,
        citations: claim.citations.map((c) => c.id),
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
    })),
    summary: summarise(files),
  };
}

export function formatJson(files: FileResult[], tool: Tool): string {
  return `${JSON.stringify(toJsonReport(files, tool), null, 2)}\n`;
}
