import { resolve } from 'node:path';
import { CitecheckError, type Report, type ReportFile } from '@citecheck/model';
import { type DataDocument, decodeText, parseDataFile, type PathSegment, READ_LIMITS, readInputFile, tooLargeProblem } from '@citecheck/registry';
import { fingerprint, summarise } from '@citecheck/report';

const HOW = 'expected the JSON report of a citecheck run (citecheck lint --format json -o FILE)';

/** `--baseline REPORT.json`: an earlier `--format json` report. */
export function loadBaseline(path: string): Promise<Report> {
  return readReport(path, 'baseline report');
}

/** Any JSON report (a shard's, for `merge`), `path` taken relative to `cwd`. */
export function loadReport(path: string, cwd: string): Promise<Report> {
  return readReport(resolve(cwd, path), 'JSON report');
}

async function readReport(path: string, what: string): Promise<Report> {
  // Only a regular file, bounded: `--baseline /dev/zero` or a FIFO would never end.
  const read = await readInputFile(path, { maxBytes: READ_LIMITS.report });
  if (!read.ok) {
    if (read.reason === 'missing') throw new CitecheckError(`${what} not found: ${path}; ${HOW}`);
    if (read.kind === 'folder') throw new CitecheckError(`${what} ${path} is a folder; ${HOW}`);
    throw new CitecheckError(`${what} ${path} ${read.reason === 'too-large' ? tooLargeProblem('report', read.size) : read.problem}; ${HOW}`);
  }
  const bytes = read.bytes;
  // Syntax errors come back with the line and column of the mistake.
  const document = parseDataFile(path, decodeText(path, bytes), { shapeHint: HOW });
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

type Kind = 'object' | 'array' | 'string' | 'number' | 'string or null' | 'number or null';

/**
 * Checks the fields that fingerprints and summaries read, naming the first one missing or of
 * the wrong kind; the rest is left alone so reports of older versions (fields are only ever
 * added) still load.
 */
function checkReport(document: DataDocument): Report {
  const value = document.value;
  const problem = (path: readonly PathSegment[], message: string): CitecheckError => {
    const at = document.locate(path).start;
    return new CitecheckError(`${message}; ${HOW}`, { file: document.file, line: at.line, column: at.column });
  };
  if (kindOf(value) !== 'object') throw problem([], `this is not a citecheck JSON report: it holds ${article(kindOf(value))}, not an object`);
  const top = value as Record<string, unknown>;
  if ('runs' in top && !('files' in top)) throw problem([], 'this is a SARIF report, not a citecheck JSON report');

  const field = (parent: Record<string, unknown>, path: readonly PathSegment[], key: string, kind: Kind): unknown => {
    const place = path.length === 0 ? 'the report' : describe(path);
    if (!(key in parent)) throw problem(path, `${place} has no "${key}" (${article(kind)})`);
    const found = kindOf(parent[key]);
    if (!kind.split(' or ').includes(found)) throw problem([...path, key], `${describe([...path, key])} should be ${article(kind)}, not ${article(found)}`);
    return parent[key];
  };

  const tool = field(top, [], 'tool', 'object') as Record<string, unknown>;
  if (tool.name !== 'citecheck') throw problem(['tool'], `this report was written by ${JSON.stringify(tool.name ?? null)}, not citecheck`);
  const files = field(top, [], 'files', 'array') as unknown[];
  files.forEach((file, f) => {
    if (kindOf(file) !== 'object') throw problem(['files', f], `files[${f}] should be an object, not ${article(kindOf(file))}`);
    const entry = file as Record<string, unknown>;
    field(entry, ['files', f], 'path', 'string');
    field(entry, ['files', f], 'coverage', 'object');
    const claims = field(entry, ['files', f], 'claims', 'array') as unknown[];
    claims.forEach((claim, c) => {
      const at = ['files', f, 'claims', c];
      if (kindOf(claim) !== 'object') throw problem(at, `${describe(at)} should be an object, not ${article(kindOf(claim))}`);
      field(claim as Record<string, unknown>, at, 'id', 'number');
      field(claim as Record<string, unknown>, at, 'text', 'string');
    });
    const findings = field(entry, ['files', f], 'findings', 'array') as unknown[];
    findings.forEach((finding, n) => {
      const at = ['files', f, 'findings', n];
      if (kindOf(finding) !== 'object') throw problem(at, `${describe(at)} should be an object, not ${article(kindOf(finding))}`);
      const fields = finding as Record<string, unknown>;
      field(fields, at, 'ruleId', 'string');
      field(fields, at, 'message', 'string');
      field(fields, at, 'claimId', 'number or null');
      field(fields, at, 'ref', 'string or null');
      const severity = field(fields, at, 'severity', 'string');
      if (severity !== 'error' && severity !== 'warning' && severity !== 'info') {
        throw problem([...at, 'severity'], `${describe([...at, 'severity'])} should be "error", "warning" or "info", not ${JSON.stringify(severity)}`);
      }
      if ('file' in fields) field(fields, at, 'file', 'string');
    });
  });
  // Only the files are read back; a summary trimmed away by hand is no reason to refuse.
  if (kindOf(top.summary) !== 'object') top.summary = summarise(files as ReportFile[]);
  return top as unknown as Report;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function article(kind: string): string {
  if (kind === 'null' || kind === 'undefined') return kind;
  return /^[aeiou]/.test(kind) ? `an ${kind}` : `a ${kind}`;
}

/** `files[2].findings[0].ruleId`: the place as the JSON reads. */
function describe(path: readonly PathSegment[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}
