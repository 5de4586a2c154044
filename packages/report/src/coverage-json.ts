import type { CoverageReport, PlacedClaim } from './coverage.js';

const claimRef = (p: PlacedClaim) => ({ path: p.path, claimId: p.claim.id, line: p.claim.start.line, column: p.claim.start.column, status: p.status, text: p.claim.text });

/**
 * `report --format json`: the coverage figures as data, claims named by place rather than
 * repeated in full under every source that cites them.
 */
export function formatCoverageJson(coverage: CoverageReport): string {
  const data = {
    tool: coverage.tool,
    totals: coverage.totals,
    documents: coverage.documents.map((d) => ({
      path: d.path,
      registry: d.registry,
      ...d.tally,
      sections: d.sections,
    })),
    sources: coverage.sources.map((s) => ({
      registry: s.registry,
      ...s.reference,
      citedBy: s.citedBy.length,
      backs: s.backs.length,
      notBacking: s.notBacking.map(claimRef),
    })),
    uncited: coverage.uncited.map(claimRef),
    flagged: coverage.flagged.map((p) => ({ ...claimRef(p), findings: p.findings.map((f) => ({ ruleId: f.ruleId, severity: f.severity, message: f.message })) })),
  };
  return `${JSON.stringify(data, null, 2)}\n`;
}
