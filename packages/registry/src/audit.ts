import { type Finding, MAX_NUMBERED_ID, type Reference, type Registry, type Severity } from '@citecheck/model';
import { locateSnapshot } from './snapshot.js';

/**
 * What `citecheck registry validate` checks beyond the schema and unique ids (which loading
 * already enforces): each check an id, like a rule, so output formats and CI treat them alike.
 */
export const REGISTRY_CHECKS: Readonly<Record<string, { severity: Severity; description: string }>> = {
  'duplicate-url': { severity: 'warning', description: 'Two entries point to the same address: one source under two ids splits its citations.' },
  'missing-title': { severity: 'warning', description: 'An entry without a title: reports and readers cannot name the source.' },
  'missing-url': { severity: 'warning', description: 'An entry without a URL or DOI: a reader cannot find the source.' },
  'impossible-date': { severity: 'error', description: 'A date that does not exist (2021-02-30) or lies in the future.' },
  'unreadable-snapshot': { severity: 'error', description: 'A snapshot that is missing, not a regular file, too large to read, or outside the project.' },
  'unreachable-id': { severity: 'warning', description: `An id no numbered marker can cite ([1] to [${MAX_NUMBERED_ID}]), or that no marker can cite at all.` },
};

/** Why markers cannot cite `id` as written, or null when a marker can. */
export function unreachableIdProblem(id: string): string | null {
  // Footnote and pandoc markers end at a space or bracket.
  if (/[\s[\]]/.test(id)) return 'no marker can cite an id holding spaces or brackets: give it a key such as smith2020';
  if (!/^[-+]?\d+$/.test(id)) return null;
  const value = Number(id);
  if (/^[1-9]\d*$/.test(id) && value <= MAX_NUMBERED_ID) return null;
  const why = value === 0 || /^[-+]/.test(id) ? 'reference numbers start at 1' : /^0/.test(id) ? `[${id}] is read as [${Number(id)}]` : `a larger number in brackets is read as data, such as a year`;
  return `no numbered marker can cite it: they run from [1] to [${MAX_NUMBERED_ID}] (${why}); renumber it, or cite it only as [^${id}]`;
}

export interface AuditOptions {
  /** Snapshots are looked for only inside this folder. */
  projectRoot: string;
  /** "Today" as YYYY-MM-DD, for future dates; defaults to the current UTC date. */
  today?: string;
}

/** Every problem a registry has that its schema cannot see, in file order. */
export async function auditRegistry(registry: Registry, options: AuditOptions): Promise<Finding[]> {
  const findings: Finding[] = [];
  const report = (ruleId: string, ref: Reference, message: string): void => {
    const start = ref.origin?.start ?? { line: 1, column: 1, offset: 0 };
    const check = REGISTRY_CHECKS[ruleId];
    findings.push({ ruleId, severity: check?.severity ?? 'error', message, start, end: ref.origin?.end ?? start, claimId: null, ref: ref.id, file: registry.file });
  };
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const byUrl = new Map<string, Reference>();
  for (const ref of registry.references) {
    const name = `Reference ${ref.id}`;
    const unreachable = unreachableIdProblem(ref.id);
    if (unreachable !== null) report('unreachable-id', ref, `${name}: ${unreachable}`);
    if (ref.title === undefined) report('missing-title', ref, `${name} has no title: add the source's title, so that reports and readers can name it`);
    if (ref.url === undefined) report('missing-url', ref, `${name} has no URL: add where the source can be read (a DOI as https://doi.org/…), so that a reader can check it`);
    else {
      const key = comparableUrl(ref.url);
      const earlier = byUrl.get(key);
      if (earlier === undefined) byUrl.set(key, ref);
      else {
        const where = earlier.origin?.start ? ` (line ${earlier.origin.start.line})` : '';
        report('duplicate-url', ref, `${name} has the same URL as reference ${earlier.id}${where}, ${ref.url}: if they are one source, keep one id and cite it everywhere`);
      }
    }
    if (ref.date !== undefined) {
      const problem = dateProblem(ref.date, today);
      if (problem !== null) report('impossible-date', ref, `${name} is dated ${ref.date}, ${problem}`);
    }
    if (ref.snapshot !== undefined) {
      const place = await locateSnapshot(ref, registry.file, options.projectRoot);
      if (!place.ok) report('unreadable-snapshot', ref, `The ${place.message}`);
    }
  }
  return findings;
}

/** One source under two spellings of its address: scheme, host case, `www.`, fragment and trailing slash do not count. */
function comparableUrl(url: string): string {
  try {
    const parsed = new URL(url.trim());
    const host = parsed.host.toLowerCase().replace(/^www\./, '');
    const path = parsed.pathname.replace(/\/+$/, '');
    return `${host}${path}${parsed.search}`;
  } catch {
    return url.trim();
  }
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Null for a date that can be a publication date; otherwise why it cannot. */
export function dateProblem(date: string, today: string): string | null {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(date);
  if (match === null) return null;
  const year = Number(match[1]);
  const month = match[2] === undefined ? undefined : Number(match[2]);
  const day = match[3] === undefined ? undefined : Number(match[3]);
  if (month !== undefined && (month < 1 || month > 12)) return `but there is no month ${month}`;
  if (month !== undefined && day !== undefined) {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    const days = month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1] ?? 31;
    if (day < 1 || day > days) return `but ${MONTHS[month - 1]} ${year} has ${days} days`;
  }
  // Compared at the date's own precision: "2026" is not in the future during 2026.
  if (date > today.slice(0, date.length)) return `which is in the future (today is ${today}); give the date the source was published`;
  return null;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
