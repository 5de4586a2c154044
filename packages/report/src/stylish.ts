import { styleText } from 'node:util';
import type { Report, Severity } from '@citecheck/model';
import { coverageLine, plural, totalsLine } from './summary.js';
import { terminalSafe } from './unsafe-text.js';

export interface StylishOptions {
  /** Colour only when writing to a terminal; the CLI decides. */
  color: boolean;
  /** What each file is, in the closing line: "file" (briefings), or "registry" for `registry validate`. */
  unit?: string;
  /** End with citation coverage (not for files that hold no claims, such as registries). */
  coverage?: boolean;
  /** Files that could not be read at all (their errors are already said): the closing line counts them. */
  failed?: number;
}

type Style = Parameters<typeof styleText>[0];
const SEVERITY_STYLE: Record<Severity, Style> = { error: 'red', warning: 'yellow', info: 'blue' };

/**
 * One line per finding, `path:line:col  severity  message  rule-id`, so terminals and editors
 * make each place clickable; files in the order given, then a one-line total.
 */
export function formatStylish(report: Report, options: StylishOptions): string {
  const paint = (style: Style, text: string): string => (options.color ? styleText(style, text) : text);
  const out: string[] = [];
  for (const file of report.files) {
    if (file.findings.length === 0) continue;
    out.push(paint('underline', terminalSafe(file.path)));
    const rows = file.findings.map((f) => [
      `${terminalSafe(f.file ?? file.path)}:${f.start.line}:${f.start.column}`,
      f.severity,
      terminalSafe(f.message),
      terminalSafe(f.ruleId),
    ]);
    // A loop, not Math.max(...lengths): spreading 125,000 findings overflows the call stack.
    const width = [0, 1].map((i) => rows.reduce((widest, r) => Math.max(widest, (r[i] ?? '').length), 0));
    for (const [place = '', severity = '', message = '', rule = ''] of rows) {
      out.push(
        `  ${place.padEnd(width[0] ?? 0)}  ${paint(SEVERITY_STYLE[severity as Severity], severity.padEnd(width[1] ?? 0))}  ${message}  ${paint('dim', rule)}`,
      );
    }
    out.push('');
  }
  const s = report.summary;
  const total = s.findings.error + s.findings.warning + s.findings.info;
  const unit = options.unit ?? 'file';
  const coverage = options.coverage === false ? '' : `; ${coverageLine(s)}`;
  const failed = options.failed ?? 0;
  if (failed > 0) {
    // "✔ 0 registries checked" above an exit code of 2 would say the opposite of what happened.
    const checked = total === 0 ? `${plural(s.files, unit)} checked, no problems` : `${plural(total, 'problem')} (${totalsLine(s, unit)})`;
    out.push(`${paint('red', '✖')} ${plural(failed, unit)} could not be read (the errors above); ${checked}${coverage}`);
  } else if (total === 0) {
    out.push(`${paint('green', '✔')} ${plural(s.files, unit)} checked, no problems${coverage}`);
  } else {
    const mark = s.findings.error > 0 ? paint('red', '✖') : paint('yellow', '⚠');
    out.push(`${mark} ${plural(total, 'problem')} (${totalsLine(s, unit).replace(' in ', ') in ')}${coverage}`);
  }
  return `${out.join('\n')}\n`;
}
