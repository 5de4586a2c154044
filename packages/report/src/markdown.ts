import type { Finding, Report } from '@citecheck/model';
import { type CoverageReport, coverageReport, type PlacedClaim, percent, STATUS_LABEL, type Tally } from './coverage.js';
import { append } from './append.js';
import { plural, totalsLine } from './summary.js';
import { terminalSafe } from './unsafe-text.js';

/**
 * Document text inside Markdown: no HTML, links, emphasis or table breaks of the author's may
 * take effect in a pull-request comment, where GitHub would render them.
 */
export function escapeMarkdown(text: string): string {
  return terminalSafe(text.replace(/\s+/g, ' ').trim())
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replace(/[\\`*_{}[\]()#+!|~]/g, '\\$&');
}

/**
 * Text as a code span that shows it exactly: a fence of more backticks than any run inside it,
 * and a space on each side when it starts or ends with a backtick or space (CommonMark strips
 * one). Backslashes do not escape inside a code span, except that in a table's cell GFM reads
 * `\|` as a pipe before anything else, so `cell` escapes pipes, which would end the cell.
 */
export function codeSpan(text: string, cell = false): string {
  const flat = terminalSafe(text.replace(/[\r\n]+/g, ' '));
  const body = cell ? flat.replaceAll('|', '\\|') : flat;
  const longest = Math.max(0, ...[...body.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = /^[` ]|[` ]$/.test(body) ? ' ' : '';
  return `${fence}${pad}${body}${pad}${fence}`;
}

const row = (cells: (string | number)[]): string => `| ${cells.join(' | ')} |`;

function table(head: string[], rows: (string | number)[][], align: ('l' | 'r')[]): string[] {
  return [row(head), row(align.map((a) => (a === 'r' ? '---:' : ':---'))), ...rows.map(row)];
}

const short = (text: string, max = 90): string => (text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`);
const place = (path: string, f: { start: { line: number; column: number } }, cell: boolean): string => codeSpan(`${path}:${f.start.line}:${f.start.column}`, cell);

/** Rows of findings stop here: a comment GitHub cuts off at 65,536 characters says nothing. */
const MAX_ROWS = 50;

function tallyCells(t: Tally): (string | number)[] {
  return [t.claims, `${percent(t.cited, t.claims)}`, `${percent(t.supported, t.claims)}`, t.uncited, t.flagged];
}
const TALLY_HEAD = ['claims', 'cited', 'supported', 'uncited', 'flagged'];
const TALLY_ALIGN: ('l' | 'r')[] = ['r', 'r', 'r', 'r', 'r'];

function findingRows(report: Report): string[] {
  const all: [string, Finding][] = report.files.flatMap((file) => file.findings.map((f): [string, Finding] => [f.file ?? file.path, f]));
  if (all.length === 0) return [];
  const rows = all.slice(0, MAX_ROWS).map(([path, f]) => [place(path, f, true), f.severity, escapeMarkdown(short(f.message, 200)), codeSpan(f.ruleId, true)]);
  const out = ['', ...table(['where', 'severity', 'message', 'rule'], rows, ['l', 'l', 'l', 'l'])];
  if (all.length > MAX_ROWS) out.push('', `…and ${all.length - MAX_ROWS} more; the full list is in the job's log or its JSON report.`);
  return out;
}

/**
 * `lint --format markdown`: a summary fit for a pull-request comment or `$GITHUB_STEP_SUMMARY`:
 * the verdict first, coverage per document, then the findings.
 */
export function formatMarkdown(report: Report): string {
  const coverage = coverageReport(report);
  const { error, warning } = report.summary.findings;
  const verdict = error > 0 ? '❌' : warning > 0 ? '⚠️' : '✅';
  const out = [`### ${verdict} citecheck: ${totalsLine(report.summary)}`, ''];
  out.push(
    `${coverage.totals.cited}/${coverage.totals.claims} claims cited (${percent(coverage.totals.cited, coverage.totals.claims)}), ` +
      `${coverage.totals.supported} supported by their sources' text (${percent(coverage.totals.supported, coverage.totals.claims)}).`,
  );
  if (coverage.documents.length > 0) {
    out.push('');
    append(out, table(['document', ...TALLY_HEAD], coverage.documents.map((d) => [codeSpan(d.path, true), ...tallyCells(d.tally)]), ['l', ...TALLY_ALIGN]));
  }
  append(out, findingRows(report));
  return `${out.join('\n')}\n`;
}

const claimLine = (p: PlacedClaim): string => `- ${place(p.path, p.claim, false)} ${escapeMarkdown(short(p.claim.text, 140))}`;

/** `report --format markdown`: the coverage report, for a wiki page or an editor's inbox. */
export function formatCoverageMarkdown(coverage: CoverageReport): string {
  const t = coverage.totals;
  const out = [
    '# Citation coverage',
    '',
    `${plural(t.files, 'document')}, ${plural(t.claims, 'claim')}: ${t.cited} cited (${percent(t.cited, t.claims)}), ` +
      `${t.supported} supported by their sources' text (${percent(t.supported, t.claims)}), ${t.uncited} uncited, ${t.flagged} flagged.`,
  ];
  for (const doc of coverage.documents) {
    out.push('', `## ${codeSpan(doc.path)}`, '');
    out.push(doc.registry === null ? 'No registry: citations could not be checked.' : `Registry: ${codeSpan(doc.registry)}`, '');
    append(out, table(['section', ...TALLY_HEAD], doc.sections.map((s) => [s.name === null ? '(before any heading)' : escapeMarkdown(s.name), ...tallyCells(s)]), ['l', ...TALLY_ALIGN]));
  }
  if (coverage.uncited.length > 0) append(out, ['', '## Uncited claims', '', ...coverage.uncited.map(claimLine)]);
  if (coverage.flagged.length > 0) {
    out.push('', '## Flagged claims', '');
    for (const p of coverage.flagged) {
      out.push(claimLine(p));
      for (const f of p.findings) out.push(`  - ${f.severity} ${codeSpan(f.ruleId)}: ${escapeMarkdown(f.message)}`);
    }
  }
  if (coverage.sources.length > 0) {
    out.push('', '## Sources', '');
    const rows = coverage.sources.map((s) => [
      codeSpan(s.reference.id, true),
      escapeMarkdown(short(s.reference.title ?? s.reference.url ?? '(untitled)', 80)),
      s.citedBy.length === 0 ? 'never cited' : s.citedBy.length,
      s.reference.hasText ? s.backs.length : 'no text',
      s.notBacking.map((p) => place(p.path, p.claim, true)).join(', ') || '–',
    ]);
    append(out, table(['id', 'source', 'cited by', 'backs', 'cited but not backing'], rows, ['l', 'l', 'r', 'r', 'l']));
  }
  out.push('', `Statuses: ${Object.values(STATUS_LABEL).join(', ')}. Generated by ${coverage.tool.name} ${coverage.tool.version}.`);
  return `${out.join('\n')}\n`;
}
