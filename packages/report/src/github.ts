import type { Report, Severity } from '@citecheck/model';
import { coverageLine, totalsLine } from './summary.js';
import { terminalSafe } from './unsafe-text.js';

// GitHub Actions workflow commands: an `info` finding becomes a notice.
const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/**
 * A workflow command's message: newlines and "%" are escaped, or the runner cuts it short; other
 * controls (an ESC would recolour or rewrite the job's log) are shown as escapes.
 */
const escapeData = (text: string): string => terminalSafe(text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A'));
/** A property value: also "," and ":", which separate properties. */
const escapeProperty = (text: string): string => escapeData(text).replaceAll(':', '%3A').replaceAll(',', '%2C');

/**
 * One workflow command per finding (`::warning file=…,line=…::message`), which GitHub shows as an
 * annotation on the pull request's diff, then a notice with the totals.
 * https://docs.github.com/actions/reference/workflow-commands-for-github-actions
 */
export function formatGithub(report: Report): string {
  const out: string[] = [];
  for (const file of report.files) {
    for (const f of file.findings) {
      const properties = [
        `file=${escapeProperty(f.file ?? file.path)}`,
        `line=${f.start.line}`,
        `col=${f.start.column}`,
        `endLine=${f.end.line}`,
        `endColumn=${f.end.column}`,
        `title=${escapeProperty(`citecheck ${f.ruleId}`)}`,
      ];
      out.push(`::${COMMAND[f.severity]} ${properties.join(',')}::${escapeData(f.message)}`);
    }
  }
  const s = report.summary;
  const coverage = coverageLine(s);
  out.push(`::notice title=citecheck::${escapeData(`${totalsLine(s)}; ${coverage}`)}`);
  return `${out.join('\n')}\n`;
}
