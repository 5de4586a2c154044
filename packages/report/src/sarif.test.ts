import { readFileSync } from 'node:fs';
import type { Finding, ReportFile, RuleDoc } from '@citecheck/model';
import AjvDraft04 from 'ajv-draft-04';
import formatsPlugin from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { toReport } from './json.js';
import { formatSarif } from './sarif.js';
import { at, claim, file, finding } from './testing/build.js';

// Both packages are CommonJS: under NodeNext the default import is `module.exports`, whose
// `.default` is the class / plugin at run time and in the type declarations alike.
const Ajv = AjvDraft04.default;
const addFormats = formatsPlugin.default;

// The OASIS SARIF 2.1.0 (Errata 01) schema, vendored (see test-data/README.md). It is draft-04,
// so it needs ajv's draft-04 build; formats are on so a malformed URI fails as it should.
// strict is off because ajv's strict mode lints how a schema is written (it rejects the official
// file's `anyOf: [{ required: [...] }]`), not what it accepts; validation is the same either way.
const schema: unknown = JSON.parse(readFileSync(new URL('../test-data/sarif-schema-2.1.0.json', import.meta.url), 'utf8'));
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema as object);

const valid = (log: unknown): boolean => validate(log) === true;
const errors = (log: unknown): string => (validate(log) ? '' : ajv.errorsText(validate.errors));

// Only the parts of the output the assertions read.
interface Location {
  physicalLocation: {
    artifactLocation: { uri: string; uriBaseId?: string; index?: number };
    region: { startLine: number; startColumn: number; endLine: number; endColumn: number };
  };
}
interface Result {
  ruleId: string;
  ruleIndex?: number;
  level: string;
  message: { text: string };
  locations: Location[];
  partialFingerprints: Record<string, string>;
  properties?: { claimId?: number; ref?: string };
}
interface Rule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  defaultConfiguration: { level: string };
}
interface Log {
  $schema: string;
  version: string;
  runs: {
    tool: { driver: { name: string; version: string; rules: Rule[] } };
    artifacts: { location: { uri: string; uriBaseId?: string } }[];
    originalUriBaseIds: Record<string, unknown>;
    results: Result[];
    columnKind: string;
  }[];
}

const tool = { name: 'citecheck', version: '0.1.0' };

const rules: RuleDoc[] = [
  {
    id: 'uncited-claim',
    defaultSeverity: 'warning',
    description: 'A claim with a figure cites no source.',
    help: { text: 'A claim with a figure cites no source.\n\nFlagged:\nHalf of cases are dropped.', markdown: 'A claim with a figure cites no source.\n\nFlagged:\n\n```markdown\nHalf of cases are dropped.\n```' },
  },
  {
    id: 'unknown-reference',
    defaultSeverity: 'error',
    description: 'A citation names a source the registry does not have.',
    help: { text: 'Add the source to the registry.', markdown: 'Add the source to the **registry**.' },
  },
  {
    id: 'citation-mismatch',
    defaultSeverity: 'info',
    description: 'Another source in the registry fits the claim better.',
    help: { text: 'Cite the better source.', markdown: 'Cite the better source.' },
  },
  {
    id: 'unused-reference',
    defaultSeverity: 'warning',
    description: 'A registry entry nothing cites.',
    help: { text: 'Cite it or remove it.', markdown: 'Cite it or remove it.' },
  },
];




const HALF = 'Half of all cases are dropped before trial.';
const FEWER = 'Fewer than 5% of cases have medical evidence.';

const sample = file(
  'briefs/q3 report #2.md',
  [claim(1, 3, HALF), claim(2, 5, FEWER)],
  [
    finding({ ruleId: 'uncited-claim', severity: 'warning', message: 'Uncited claim "Half of all cases"', start: at(3, 1), end: at(3, 44), claimId: 1 }),
    finding({ ruleId: 'unknown-reference', severity: 'error', message: 'No source [9] in the registry', start: at(5, 47), end: at(5, 50), claimId: 2, ref: '9' }),
    finding({ ruleId: 'citation-mismatch', severity: 'info', message: 'Reference 4 fits better', start: at(5, 1), end: at(5, 0), claimId: 2, ref: '2' }),
    finding({ ruleId: 'unused-reference', severity: 'warning', message: 'Reference 6 is never cited', start: at(40, 5), end: at(40, 9), ref: '6', file: 'briefs/a.refs.json' }),
    finding({ ruleId: 'custom-rule', severity: 'warning', message: 'From a plugin', start: at(7, 3), end: at(6, 1) }),
  ],
);

const render = (files: ReportFile[]): Log => JSON.parse(formatSarif(toReport(files, tool), rules)) as Log;
const run = (files: ReportFile[]) => {
  const first = render(files).runs[0];
  if (first === undefined) throw new Error('no run');
  return first;
};
const resultsOf = (files: ReportFile[]): Result[] => run(files).results;
const location = (result: Result | undefined): Location['physicalLocation'] => {
  const loc = result?.locations[0]?.physicalLocation;
  if (loc === undefined) throw new Error('no location');
  return loc;
};
const fingerprint = (result: Result | undefined): string => result?.partialFingerprints['citecheck/v1'] ?? '';

describe('formatSarif', () => {
  const text = formatSarif(toReport([sample], tool), rules);
  const log = JSON.parse(text) as Log;
  const results = resultsOf([sample]);

  it('validates against the official SARIF 2.1.0 schema', () => {
    expect(errors(log)).toBe('');
    expect(text.endsWith('}\n')).toBe(true);
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
  });

  it('validates with no files and with no rules', () => {
    expect(errors(JSON.parse(formatSarif(toReport([], tool), [])))).toBe('');
    expect(errors(JSON.parse(formatSarif(toReport([sample], tool), [])))).toBe('');
  });

  it('is checked by a validator that really rejects broken SARIF', () => {
    // Each mutation breaks one rule of the schema; if the validator were a no-op they would pass.
    const broken = (mutate: (copy: Log) => void): unknown => {
      const copy = JSON.parse(text) as Log;
      mutate(copy);
      return copy;
    };
    const firstResult = (copy: Log): Result => {
      const result = copy.runs[0]?.results[0];
      if (result === undefined) throw new Error('no result');
      return result;
    };
    expect(valid(log)).toBe(true);
    expect(valid(broken((copy) => {
      location(firstResult(copy)).region.startColumn = 0;
    }))).toBe(false);
    expect(valid(broken((copy) => {
      firstResult(copy).level = 'info';
    }))).toBe(false);
    expect(valid(broken((copy) => {
      location(firstResult(copy)).artifactLocation.uri = 'briefs/q3 report #2.md';
    }))).toBe(false);
    expect(valid(broken((copy) => {
      copy.version = '2.0.0';
    }))).toBe(false);
    expect(valid(broken((copy) => {
      Reflect.deleteProperty(firstResult(copy), 'message');
    }))).toBe(false);
    expect(valid(broken((copy) => {
      Reflect.set(firstResult(copy), 'severity', 'error');
    }))).toBe(false);
  });

  it('describes the tool and every rule, with descriptions, help and a default level', () => {
    const driver = run([sample]).tool.driver;
    expect(driver.name).toBe('citecheck');
    expect(driver.version).toBe('0.1.0');
    expect(driver.rules.map((r) => r.id)).toEqual(['uncited-claim', 'unknown-reference', 'citation-mismatch', 'unused-reference']);
    expect(driver.rules[0]).toEqual({
      id: 'uncited-claim',
      name: 'UncitedClaim',
      shortDescription: { text: 'A claim with a figure cites no source.' },
      fullDescription: { text: 'A claim with a figure cites no source.' },
      help: { text: rules[0]?.help.text, markdown: rules[0]?.help.markdown },
      defaultConfiguration: { level: 'warning' },
    });
    expect(driver.rules.map((r) => r.defaultConfiguration.level)).toEqual(['warning', 'error', 'note', 'warning']);
  });

  it('maps severities to SARIF levels and links each result to its rule', () => {
    expect(results.map((r) => r.level)).toEqual(['warning', 'error', 'note', 'warning', 'warning']);
    expect(results.map((r) => r.ruleIndex)).toEqual([0, 1, 2, 3, undefined]);
    expect(results[4]?.ruleId).toBe('custom-rule');
    expect(results[1]?.message.text).toBe('No source [9] in the registry');
  });

  it('carries the claim id and the cited id as properties', () => {
    expect(results[0]?.properties).toEqual({ claimId: 1 });
    expect(results[1]?.properties).toEqual({ claimId: 2, ref: '9' });
    expect(results[3]?.properties).toEqual({ ref: '6' });
    expect(results[4]?.properties).toBeUndefined();
  });

  it('percent-encodes paths as URI references relative to %SRCROOT%', () => {
    const loc = location(results[0]);
    expect(loc.artifactLocation).toEqual({ uri: 'briefs/q3%20report%20%232.md', uriBaseId: '%SRCROOT%', index: 0 });
    expect(decodeURIComponent(loc.artifactLocation.uri)).toBe('briefs/q3 report #2.md');
    const r = run([sample]);
    expect(r.originalUriBaseIds).toHaveProperty(['%SRCROOT%']);
    expect(r.columnKind).toBe('utf16CodeUnits');

    const odd = run([file('dir\\50%, a:b ünï.md', [], [finding({ ruleId: 'uncited-claim', severity: 'warning' })])]);
    expect(odd.artifacts[0]?.location).toEqual({ uri: 'dir/50%25%2C%20a%3Ab%20%C3%BCn%C3%AF.md', uriBaseId: '%SRCROOT%' });
  });

  it('lists the linted files and the registries as artifacts', () => {
    expect(run([sample]).artifacts.map((a) => decodeURIComponent(a.location.uri))).toEqual(['briefs/q3 report #2.md', 'briefs/a.refs.json']);
  });

  it('points registry findings at the registry file', () => {
    const loc = location(results[3]);
    expect(loc.artifactLocation).toEqual({ uri: 'briefs/a.refs.json', uriBaseId: '%SRCROOT%', index: 1 });
    expect(loc.region).toEqual({ startLine: 40, startColumn: 5, endLine: 40, endColumn: 9 });
  });

  it('keeps regions valid when a span ends at column 0 or before it starts', () => {
    expect(location(results[0]).region).toEqual({ startLine: 3, startColumn: 1, endLine: 3, endColumn: 44 });
    // Ends at column 0 of its own line: clamped to the start.
    expect(location(results[2]).region).toEqual({ startLine: 5, startColumn: 1, endLine: 5, endColumn: 1 });
    // Ends on the line before it starts.
    expect(location(results[4]).region).toEqual({ startLine: 7, startColumn: 3, endLine: 7, endColumn: 3 });
    const zero = finding({ ruleId: 'uncited-claim', severity: 'warning', start: at(0, 0), end: at(2, 0) });
    const log0 = JSON.parse(formatSarif(toReport([file('a.md', [], [zero])], tool), rules)) as Log;
    expect(errors(log0)).toBe('');
    expect(location(log0.runs[0]?.results[0]).region).toEqual({ startLine: 1, startColumn: 1, endLine: 2, endColumn: 1 });
  });

  describe('fingerprints', () => {
    const moved = (lines: number): ReportFile => {
      const shift = (f: Finding): Finding => ({ ...f, start: at(f.start.line + lines, f.start.column), end: at(f.end.line + lines, f.end.column) });
      return { ...sample, claims: sample.claims.map((c) => ({ ...c, start: at(c.start.line + lines, 1), end: at(c.end.line + lines, 1) })), findings: sample.findings.map(shift) };
    };

    it('survive the claims moving to other lines', () => {
      const before = results.map(fingerprint);
      const after = resultsOf([moved(12)]).map(fingerprint);
      expect(after).toEqual(before);
      expect(new Set(before).size).toBe(before.length);
      for (const value of before) expect(value).toMatch(/^[0-9a-f]{64}:\d+$/);
    });

    it('survive claims being renumbered and re-wrapped', () => {
      const renumbered: ReportFile = {
        ...sample,
        claims: [claim(7, 3, HALF.replace('cases are', 'cases\n  are')), claim(8, 5, FEWER)],
        findings: sample.findings.map((f) => (f.claimId === null ? f : { ...f, claimId: f.claimId + 6 })),
      };
      expect(resultsOf([renumbered]).map(fingerprint)).toEqual(results.map(fingerprint));
    });

    it('differ between claims, rules and files', () => {
      const on = (text: string, ruleId = 'uncited-claim', path = 'a.md') =>
        fingerprint(resultsOf([file(path, [claim(1, 1, text)], [finding({ ruleId, severity: 'warning', claimId: 1 })])])[0]);
      expect(on(HALF)).toBe(on(HALF));
      expect(on(HALF)).not.toBe(on(FEWER));
      expect(on(HALF)).not.toBe(on(HALF, 'unsupported-claim'));
      expect(on(HALF)).not.toBe(on(HALF, 'uncited-claim', 'b.md'));
    });

    it('tell identical findings apart by their order', () => {
      const twice = file('a.md', [claim(1, 1, HALF), claim(2, 2, HALF)], [
        finding({ ruleId: 'uncited-claim', severity: 'warning', claimId: 1 }),
        finding({ ruleId: 'uncited-claim', severity: 'warning', claimId: 2, start: at(2, 1), end: at(2, 9) }),
      ]);
      const [a, b] = resultsOf([twice]).map(fingerprint);
      expect(a?.endsWith(':1')).toBe(true);
      expect(b?.endsWith(':2')).toBe(true);
      expect(a?.slice(0, 64)).toBe(b?.slice(0, 64));
    });
  });
});
