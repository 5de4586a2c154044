import type { Finding, Report, ReportClaim, ReportFile, ReportReference } from '@citecheck/model';

/**
 * Where a claim stands for a reader of the coverage report. `flagged` wins over `supported`:
 * a warning about a claim matters more than the word overlap that counted it as backed.
 */
export type ClaimStatus = 'uncited' | 'flagged' | 'supported' | 'unverified';

export const STATUS_LABEL: Record<ClaimStatus, string> = {
  supported: 'supported',
  unverified: 'cited, not verified',
  uncited: 'uncited',
  flagged: 'flagged',
};

export interface Tally {
  claims: number;
  cited: number;
  supported: number;
  uncited: number;
  flagged: number;
}

export interface PlacedClaim {
  path: string;
  claim: ReportClaim;
  status: ClaimStatus;
  /** Findings about this claim, errors first. */
  findings: Finding[];
}

export interface SectionCoverage extends Tally {
  /** The nearest heading above the claims, or null for claims before any heading. */
  name: string | null;
}

export interface DocumentCoverage {
  path: string;
  tally: Tally;
  registry: string | null;
  sections: SectionCoverage[];
  claims: PlacedClaim[];
  /** Findings about no claim (registry entries, markers outside claims). */
  otherFindings: Finding[];
}

export interface SourceCoverage {
  /** The registry the entry belongs to: the same id in two registries is two sources. */
  registry: string;
  reference: ReportReference;
  /** Claims that cite it. */
  citedBy: PlacedClaim[];
  /** Claims its text backs. */
  backs: PlacedClaim[];
  /** Claims that cite it but that it does not back: its text says otherwise, or a rule flags the citation. */
  notBacking: PlacedClaim[];
}

/** The coverage report's figures: per document, section and source, and the claims to fix. */
export interface CoverageReport {
  tool: Report['tool'];
  totals: Tally & { files: number };
  documents: DocumentCoverage[];
  sources: SourceCoverage[];
  uncited: PlacedClaim[];
  flagged: PlacedClaim[];
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

export function statusOf(claim: ReportClaim, findings: readonly Finding[]): ClaimStatus {
  if (claim.citations.length === 0) return 'uncited';
  if (findings.some((f) => f.severity !== 'info')) return 'flagged';
  return claim.support === 'supported' ? 'supported' : 'unverified';
}

const emptyTally = (): Tally => ({ claims: 0, cited: 0, supported: 0, uncited: 0, flagged: 0 });

function count(tally: Tally, placed: PlacedClaim): void {
  tally.claims++;
  if (placed.claim.citations.length > 0) tally.cited++;
  // Supported by its sources' text, whatever else is said about it: the SPEC's verified coverage.
  if (placed.claim.support === 'supported') tally.supported++;
  if (placed.status === 'uncited') tally.uncited++;
  if (placed.status === 'flagged') tally.flagged++;
}

function documentCoverage(file: ReportFile): DocumentCoverage {
  const byClaim = new Map<number, Finding[]>();
  const otherFindings: Finding[] = [];
  for (const finding of file.findings) {
    if (finding.claimId === null) otherFindings.push(finding);
    else byClaim.set(finding.claimId, [...(byClaim.get(finding.claimId) ?? []), finding]);
  }
  const doc: DocumentCoverage = { path: file.path, tally: emptyTally(), registry: file.registry, sections: [], claims: [], otherFindings };
  const sections = new Map<string | null, SectionCoverage>();
  for (const claim of file.claims) {
    const findings = (byClaim.get(claim.id) ?? []).sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
    const placed: PlacedClaim = { path: file.path, claim, status: statusOf(claim, findings), findings };
    doc.claims.push(placed);
    count(doc.tally, placed);
    let section = sections.get(claim.section);
    if (section === undefined) {
      section = { name: claim.section, ...emptyTally() };
      sections.set(claim.section, section);
      doc.sections.push(section);
    }
    count(section, placed);
  }
  return doc;
}

function sourceCoverage(documents: readonly DocumentCoverage[], files: readonly ReportFile[]): SourceCoverage[] {
  const sources = new Map<string, SourceCoverage>();
  const key = (registry: string, id: string): string => `${registry}\u0000${id}`;
  files.forEach((file) => {
    if (file.registry === null) return;
    for (const reference of file.references) {
      if (!sources.has(key(file.registry, reference.id))) {
        sources.set(key(file.registry, reference.id), { registry: file.registry, reference, citedBy: [], backs: [], notBacking: [] });
      }
    }
  });
  documents.forEach((doc) => {
    if (doc.registry === null) return;
    for (const placed of doc.claims) {
      for (const id of new Set(placed.claim.citations)) {
        const source = sources.get(key(doc.registry, id));
        // An id the registry lacks is unknown-reference's finding, not a source.
        if (source === undefined) continue;
        source.citedBy.push(placed);
        // A rule's finding about this citation outweighs the word overlap that counted it as backing.
        const disputed = placed.findings.some((f) => f.ref === id && f.severity !== 'info');
        if (disputed || (source.reference.hasText && placed.claim.support === 'unsupported')) source.notBacking.push(placed);
        else if (placed.claim.backedBy.includes(id)) source.backs.push(placed);
      }
    }
  });
  return [...sources.values()];
}

export function coverageReport(report: Report): CoverageReport {
  const documents = report.files.map(documentCoverage);
  const totals = { files: documents.length, ...emptyTally() };
  for (const doc of documents) for (const placed of doc.claims) count(totals, placed);
  const all = documents.flatMap((d) => d.claims);
  return {
    tool: report.tool,
    totals,
    documents,
    sources: sourceCoverage(documents, report.files),
    uncited: all.filter((p) => p.status === 'uncited'),
    flagged: all.filter((p) => p.status === 'flagged'),
  };
}

/** "92%", or "–" for nothing to divide: a document without claims is neither covered nor not. */
export const percent = (part: number, whole: number): string => (whole === 0 ? '–' : `${Math.floor((100 * part) / whole)}%`);
