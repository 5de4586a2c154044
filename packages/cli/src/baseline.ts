import { resolve } from 'node:path';
import { CitecheckError, type Report } from '@citecheck/model';
import { DataFileError, type DataDocument, decodeText, type DescribePath, isRecord, parseDataFile, type PathSegment, READ_LIMITS, readInputFile, refuseNamedLinkOut, schemaProblems, tooLargeProblem } from '@citecheck/registry';
import { fingerprint, summarise } from '@citecheck/report';
import { repositoryRoot } from './config.js';
import { reportSchema } from './report-schema.js';

const HOW = 'expected the JSON report of a citecheck run (citecheck lint --format json -o FILE)';

/** A JSON report (`--baseline`, or a shard's for `merge`), `path` taken relative to `cwd`. */
export function loadReport(path: string, cwd: string, what: 'JSON report' | 'baseline report' = 'JSON report'): Promise<Report> {
  return readReport(resolve(cwd, path), what, cwd);
}

async function readReport(path: string, what: string, cwd: string): Promise<Report> {
  await refuseNamedLinkOut(path, await repositoryRoot(cwd), `${what} ${path}`);
  // Only a regular file, bounded: `--baseline /dev/zero` or a FIFO would never end.
  const read = await readInputFile(path, { maxBytes: READ_LIMITS.report });
  if (!read.ok) {
    if (read.reason === 'missing') throw new CitecheckError(`${what} not found: ${path}; ${HOW}`);
    if (read.kind === 'folder') throw new CitecheckError(`${what} ${path} is a folder; ${HOW}`);
    throw new CitecheckError(`${what} ${path} ${read.reason === 'too-large' ? tooLargeProblem('report', read.size) : read.problem}; ${HOW}`);
  }
  const text = decodeText(path, read.bytes);
  // A report is JSON whatever its name: text that does not open as JSON (notes.txt, a YAML
  // file) is said to be no report, not answered with a YAML syntax error.
  if (!/^\s*(?:[{[]|$)/.test(text.replace(/^\uFEFF/, ''))) throw new CitecheckError(`${what} ${path} is not a citecheck JSON report (it is not JSON); ${HOW}`);
  // Syntax errors come back with the line and column of the mistake.
  const document = parseDataFile(path, text, { shapeHint: HOW });
  return checkReport(document);
}

/**
 * The report without findings the baseline already had. Counted as a multiset: if the baseline
 * had one finding with a fingerprint and the report has two, one of them is new and stays.
 */
export function withoutBaseline(report: Report, baseline: Report): { report: Report; suppressed: number } {
  const known = new Map<string, number>();
  for (const file of baseline.files) {
    for (const finding of file.findings) {
      const key = fingerprint(file, finding);
      known.set(key, (known.get(key) ?? 0) + 1);
    }
  }
  let suppressed = 0;
  const files = report.files.map((file) => ({
    ...file,
    findings: file.findings.filter((finding) => {
      const key = fingerprint(file, finding);
      const left = known.get(key) ?? 0;
      if (left === 0) return true;
      known.set(key, left - 1);
      suppressed++;
      return false;
    }),
  }));
  return { report: { ...report, files, summary: { ...report.summary, findings: summarise(files).findings } }, suppressed };
}

/** `files[2].findings[0].ruleId`: a place as the JSON reads, which is how people search a report. */
const describeReportPath: DescribePath = (path) => (path.length === 0 ? undefined : { label: `field ${describe(path)}`, consumed: path.length });

/**
 * The report checked against report.schema.json, the schema of what `--format json` writes, so
 * a hand-edited or truncated report is refused naming the field, not read as NaN or a crash.
 */
function checkReport(document: DataDocument): Report {
  const value = document.value;
  const problem = (path: readonly PathSegment[], message: string): CitecheckError => {
    const at = document.locate(path).start;
    return new CitecheckError(`${message}; ${HOW}`, { file: document.file, line: at.line, column: at.column });
  };
  if (!isRecord(value)) throw problem([], `this is not a citecheck JSON report: it holds ${describeKind(value)}, not an object`);
  if ('runs' in value && !('files' in value)) throw problem([], 'this is a SARIF report, not a citecheck JSON report');
  const tool = value.tool;
  if (isRecord(tool) && tool.name !== 'citecheck') throw problem(['tool', 'name'], `this report was written by ${JSON.stringify(tool.name ?? null)}, not citecheck`);
  const problems = schemaProblems(document, reportSchema, { describePath: describeReportPath, shapeHint: HOW });
  if (problems.length > 0) throw new DataFileError(document.file, problems);
  // Only the files are read back; the summary is recounted from them, so one trimmed away or
  // edited by hand cannot disagree with them.
  const report = value as unknown as Report;
  return { ...report, summary: summarise(report.files) };
}


function describeKind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'string' ? 'text' : `a ${typeof value}`;
}

function describe(path: readonly PathSegment[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}
