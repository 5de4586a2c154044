import type { Report, ReportFile } from '@citecheck/model';
import { toReport, type Tool } from '@citecheck/report';

/**
 * One report from the JSON reports of several shards. A file checked by two shards (overlapping
 * matrices, a re-run) is kept once, as the later report has it; files come out sorted by path,
 * as one unsharded run would list them.
 */
export function mergeReports(reports: readonly Report[], tool: Tool): Report {
  const files = new Map<string, ReportFile>();
  for (const report of reports) for (const file of report.files) files.set(file.path, file);
  return toReport([...files.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)), tool);
}
