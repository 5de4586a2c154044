import { createHash } from 'node:crypto';
import { fingerprint } from './fingerprint.js';
import { LONE_SURROGATE } from './unsafe-text.js';
import type { Finding, Report, ReportFile, RuleDoc, Severity } from '@citecheck/model';

/*
 * SARIF 2.1.0, the format code-scanning services read (GitHub code scanning, Azure DevOps, the
 * VS Code SARIF viewer). Only the objects citecheck fills are typed here; the OASIS schema in
 * test-data/ is what the output is checked against.
 * https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/sarif-v2.1.0-errata01-os-complete.html
 */

type Level = 'error' | 'warning' | 'note';

interface Message {
  text: string;
  markdown?: string;
}

interface ArtifactLocation {
  uri?: string;
  uriBaseId?: string;
  index?: number;
  description?: Message;
}

interface Region {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

interface ReportingDescriptor {
  id: string;
  name: string;
  shortDescription: Message;
  fullDescription: Message;
  help: Message;
  defaultConfiguration: { level: Level };
}

interface SarifResult {
  ruleId: string;
  ruleIndex?: number;
  level: Level;
  message: Message;
  locations: { physicalLocation: { artifactLocation: ArtifactLocation; region: Region } }[];
  partialFingerprints: Record<string, string>;
  properties?: { claimId?: number; ref?: string };
}

interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: {
    tool: { driver: { name: string; version: string; rules: ReportingDescriptor[] } };
    originalUriBaseIds: Record<string, ArtifactLocation>;
    artifacts: { location: ArtifactLocation; roles?: 'analysisTarget'[] }[];
    results: SarifResult[];
    columnKind: 'utf16CodeUnits';
  }[];
}

// SARIF has no "info"; "note" is its level for a finding that is not a problem to fix.
const LEVEL: Record<Severity, Level> = { error: 'error', warning: 'warning', info: 'note' };

/** Paths in the report are relative to the folder citecheck ran in; consumers resolve them from here. */
const SRCROOT = '%SRCROOT%';

/** Bump the version when what is hashed changes, so old and new fingerprints are never compared. */
const FINGERPRINT_KEY = 'citecheck/v1';

/** `uncited-claim` → `UncitedClaim`: SARIF's `name` is meant to read as an identifier. */
const pascalCase = (id: string): string =>
  id
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part !== '')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');

/**
 * A file path as a SARIF `artifactLocation`: forward slashes, each segment percent-encoded so that
 * spaces, `#`, `?` and `%` stay part of the path instead of ending it or starting an escape.
 * Absolute paths become `file:` URIs, which must not carry a uriBaseId.
 */
function artifactLocation(path: string): ArtifactLocation {
  // encodeURIComponent throws on a lone surrogate; a path can hold one on file systems that store
  // names as UTF-16 units (Windows), so it becomes U+FFFD rather than crashing the whole report.
  const slashed = path.replace(LONE_SURROGATE, '\uFFFD').replaceAll('\\', '/');
  const drive = /^[A-Za-z]:\//.test(slashed);
  if (drive || slashed.startsWith('/')) {
    const segments = slashed.split('/').map((segment, i) => (drive && i === 0 ? segment : encodeURIComponent(segment)));
    return { uri: `file://${drive ? '/' : ''}${segments.join('/')}` };
  }
  // encodeURIComponent also encodes ":", which keeps a first segment like "a:b.md" from being read as a scheme.
  const relative = slashed.replace(/^(\.\/)+/, '');
  return { uri: relative.split('/').map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

/**
 * SARIF requires 1-based lines and columns and an end at or after the start. A finding that ends
 * at column 0 (the start of the next line) or before its start still has to point somewhere, so
 * the end is clamped: a reader gets the right start even when the span was degenerate.
 */
function region(finding: Finding): Region {
  const startLine = Math.max(1, finding.start.line);
  const startColumn = Math.max(1, finding.start.column);
  let endLine = Math.max(1, finding.end.line);
  let endColumn = Math.max(1, finding.end.column);
  if (endLine < startLine || (endLine === startLine && endColumn < startColumn)) {
    endLine = startLine;
    endColumn = startColumn;
  }
  return { startLine, startColumn, endLine, endColumn };
}

/** One SARIF log with one run: the rules as descriptors, one result per finding. */
export function formatSarif(report: Report, rules: readonly RuleDoc[]): string {
  const descriptors: ReportingDescriptor[] = [];
  const ruleIndex = new Map<string, number>();
  for (const rule of rules) {
    // The schema wants the rules array to hold unique items; a repeated id keeps its first doc.
    if (ruleIndex.has(rule.id)) continue;
    ruleIndex.set(rule.id, descriptors.length);
    descriptors.push({
      id: rule.id,
      name: pascalCase(rule.id),
      shortDescription: { text: rule.description },
      fullDescription: { text: rule.description },
      help: { text: rule.help.text, markdown: rule.help.markdown },
      defaultConfiguration: { level: LEVEL[rule.defaultSeverity] },
    });
  }

  const artifacts: SarifLog['runs'][number]['artifacts'] = [];
  const artifactIndex = new Map<string, number>();
  const artifactOf = (path: string, target: boolean): ArtifactLocation => {
    let index = artifactIndex.get(path);
    if (index === undefined) {
      index = artifacts.length;
      artifactIndex.set(path, index);
      artifacts.push({ location: artifactLocation(path), ...(target ? { roles: ['analysisTarget' as const] } : {}) });
    }
    return { ...artifactLocation(path), index };
  };

  // Linted files first, so their artifact indexes follow the report's file order.
  for (const file of report.files) artifactOf(file.path, true);

  const results: SarifResult[] = [];
  const seen = new Map<string, number>();
  for (const file of report.files) {
    if (file.registry !== null) artifactOf(file.registry, false);
    for (const finding of file.findings) {
      const base = createHash('sha256').update(fingerprint(file, finding)).digest('hex');
      // Two findings that hash alike (the same rule on two identical claims) are told apart by
      // their order, as GitHub does for its own line hashes; order survives lines moving.
      const occurrence = (seen.get(base) ?? 0) + 1;
      seen.set(base, occurrence);
      const index = ruleIndex.get(finding.ruleId);
      const properties = {
        ...(finding.claimId !== null ? { claimId: finding.claimId } : {}),
        ...(finding.ref !== null ? { ref: finding.ref } : {}),
      };
      results.push({
        ruleId: finding.ruleId,
        ...(index !== undefined ? { ruleIndex: index } : {}),
        level: LEVEL[finding.severity],
        message: { text: finding.message },
        locations: [{ physicalLocation: { artifactLocation: artifactOf(finding.file ?? file.path, false), region: region(finding) } }],
        partialFingerprints: { [FINGERPRINT_KEY]: `${base}:${occurrence}` },
        ...(Object.keys(properties).length > 0 ? { properties } : {}),
      });
    }
  }

  const log: SarifLog = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: report.tool.name, version: report.tool.version, rules: descriptors } },
        // No absolute URI: the report does not record where it ran, and a machine path in a
        // shared artifact would be both wrong elsewhere and a leak.
        originalUriBaseIds: { [SRCROOT]: { description: { text: 'The folder citecheck was run from; every relative path is relative to it.' } } },
        artifacts,
        results,
        // Finding columns count UTF-16 code units, as editors and JavaScript do.
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
