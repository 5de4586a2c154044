import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Report } from '@citecheck/model';
import {
  coverageBadge,
  coverageReport,
  formatCoverageJson,
  formatCoverageMarkdown,
  formatGithub,
  formatHtml,
  formatJson,
  formatMarkdown,
  formatStylish,
  formatJunit,
  formatSarif,
  type TextReader,
} from '@citecheck/report';
import { ruleDocs } from '@citecheck/rules';
import { writeOutput } from './fs.js';

export const LINT_FORMATS = ['stylish', 'json', 'sarif', 'github', 'markdown', 'html', 'junit'] as const;
export type LintFormat = (typeof LINT_FORMATS)[number];
export const REPORT_FORMATS = ['html', 'markdown', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Reads a briefing as it is now, so the HTML report can show its text (BOM dropped, as offsets count). */
export function textReader(cwd: string): TextReader {
  return (path) => {
    try {
      const text = readFileSync(resolve(cwd, path), 'utf8');
      return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    } catch {
      return null;
    }
  };
}

export interface RenderContext {
  cwd: string;
  color: boolean;
}

/** `lint` and `merge`: every format renders the same Report. */
export function renderLint(format: LintFormat, report: Report, context: RenderContext): string {
  switch (format) {
    case 'stylish':
      return formatStylish(report, { color: context.color });
    case 'json':
      return formatJson(report);
    case 'sarif':
      return formatSarif(report, ruleDocs());
    case 'github':
      return formatGithub(report);
    case 'markdown':
      return formatMarkdown(report);
    case 'html':
      return formatHtml(coverageReport(report), { readText: textReader(context.cwd) });
    case 'junit':
      return formatJunit(report);
  }
}

/** `report`: the coverage report, per document, section and source. */
export function renderCoverage(format: ReportFormat, report: Report, context: RenderContext): string {
  const coverage = coverageReport(report);
  switch (format) {
    case 'html':
      return formatHtml(coverage, { readText: textReader(context.cwd) });
    case 'markdown':
      return formatCoverageMarkdown(coverage);
    case 'json':
      return formatCoverageJson(coverage);
  }
}

export async function writeReport(text: string, output: string | undefined, context: RenderContext & { stdout: (s: string) => void }): Promise<void> {
  if (output === undefined) context.stdout(text);
  else await writeOutput(resolve(context.cwd, output), text, { stdout: context.stdout });
}

export async function writeBadge(report: Report, path: string, cwd: string): Promise<void> {
  await writeOutput(resolve(cwd, path), coverageBadge(report.summary.cited, report.summary.claims));
}
