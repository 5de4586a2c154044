import type { Finding, ReportFile } from '@citecheck/model';

const claimTexts = new WeakMap<ReportFile, Map<number, string>>();

const squash = (text: string): string => text.normalize('NFC').replace(/\s+/g, ' ').trim();

/**
 * What identifies a finding across runs and edits, for `--baseline` and SARIF's fingerprints:
 * the rule, the file it points into, the cited id, and the claim's own words (or, without a
 * claim, the message), whitespace squashed so re-wrapping a paragraph keeps it. Never lines or
 * claim ids, which shift when text is added above. JSON, so no field can imitate a boundary.
 */
export function fingerprint(file: ReportFile, finding: Finding): string {
  let texts = claimTexts.get(file);
  if (texts === undefined) {
    texts = new Map(file.claims.map((c) => [c.id, c.text]));
    claimTexts.set(file, texts);
  }
  const text = finding.claimId === null ? undefined : texts.get(finding.claimId);
  const subject = text === undefined ? ['message', squash(finding.message)] : ['claim', squash(text)];
  // Slashes unified so a baseline written on Windows matches a run on Linux.
  const place = (finding.file ?? file.path).replaceAll('\\', '/');
  return JSON.stringify([finding.ruleId, place, finding.ref, ...subject]);
}
