/**
 * `pnpm eval`: scores citecheck against the gold set in fixtures/gold. Prints, for each part
 * (tune: thresholds were set on it; holdout: never looked at while tuning), claim segmentation,
 * citation attachment, and precision / recall / F1 of every rule at claim level.
 *
 *   pnpm eval            both parts
 *   pnpm eval --json     the same figures as JSON (for CI dashboards)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { check } from 'citecheck';

interface LabelledSentence {
  text: string;
  claim: boolean;
  citations?: string[];
  overgeneralised?: boolean;
  unsupportedNumbers?: string[];
  supported?: boolean | null;
  mismatch?: string | null;
  risky?: string | null;
}

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

const gold = resolve(fileURLToPath(new URL('../fixtures/gold/', import.meta.url)));
const RULES = ['uncited-claim', 'overgeneralised-claim', 'unsupported-number', 'unsupported-claim', 'citation-mismatch'] as const;

/** Which labelled claims each rule should flag. */
const expected: Record<(typeof RULES)[number], (s: LabelledSentence) => boolean> = {
  'uncited-claim': (s) => (s.citations ?? []).length === 0,
  'overgeneralised-claim': (s) => s.overgeneralised === true,
  'unsupported-number': (s) => (s.unsupportedNumbers ?? []).length > 0,
  'unsupported-claim': (s) => s.supported === false,
  'citation-mismatch': (s) => s.mismatch !== null && s.mismatch !== undefined,
};

const add = (c: Counts, predicted: boolean, actual: boolean): void => {
  if (predicted && actual) c.tp++;
  else if (predicted) c.fp++;
  else if (actual) c.fn++;
};
const ratio = (a: number, b: number): number | null => (b === 0 ? null : a / b);
const scores = (c: Counts) => {
  const precision = ratio(c.tp, c.tp + c.fp);
  const recall = ratio(c.tp, c.tp + c.fn);
  const f1 = precision !== null && recall !== null && precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : null;
  return { ...c, precision, recall, f1 };
};

async function scorePart(part: string) {
  const dir = join(gold, part);
  const segmentation: Counts = { tp: 0, fp: 0, fn: 0 };
  const rules = Object.fromEntries(RULES.map((r) => [r, { tp: 0, fp: 0, fn: 0 }])) as Record<(typeof RULES)[number], Counts>;
  let attached = 0;
  let matched = 0;
  let riskyFlagged = 0;
  let risky = 0;
  const documents = readdirSync(dir).filter((f) => f.endsWith('.labels.json'));
  for (const labelsFile of documents) {
    const labels = JSON.parse(readFileSync(join(dir, labelsFile), 'utf8')) as { registry: string; sentences: LabelledSentence[] };
    const base = labelsFile.replace(/\.labels\.json$/, '');
    const doc = readdirSync(dir).find((f) => f.startsWith(`${base}.`) && /\.(md|txt|markdown)$/.test(f));
    if (!doc) throw new Error(`no briefing for ${labelsFile}`);
    const { file: result } = await check(join(dir, doc), { cwd: dir, root: gold, config: false, registry: join(dir, labels.registry) });
    const claims = labels.sentences.filter((s) => s.claim);
    const byText = new Map(result.claims.map((c) => [c.text, c]));
    const labelled = new Set(claims.map((s) => s.text));
    for (const s of claims) add(segmentation, byText.has(s.text), true);
    for (const c of result.claims) if (!labelled.has(c.text)) segmentation.fp++;
    for (const s of claims) {
      const claim = byText.get(s.text);
      if (!claim) continue;
      matched++;
      if (JSON.stringify(claim.citations) === JSON.stringify(s.citations ?? [])) attached++;
    }
    // Rules are scored over the claims both sides agree on, so a segmentation miss is not
    // counted again against every rule.
    for (const rule of RULES) {
      const flagged = new Set(result.findings.filter((f) => f.ruleId === rule && f.claimId !== null).map((f) => f.claimId));
      for (const s of claims) {
        const claim = byText.get(s.text);
        if (!claim) continue;
        add(rules[rule], flagged.has(claim.id), expected[rule](s));
      }
    }
    const over = new Set(result.findings.filter((f) => f.ruleId === 'overgeneralised-claim').map((f) => f.claimId));
    for (const s of claims) {
      if (!s.risky) continue;
      risky++;
      const claim = byText.get(s.text);
      if (claim && over.has(claim.id)) riskyFlagged++;
    }
  }
  return {
    part,
    documents: documents.length,
    segmentation: scores(segmentation),
    citationAttachment: { correct: attached, of: matched, accuracy: ratio(attached, matched) },
    rules: Object.fromEntries(RULES.map((r) => [r, scores(rules[r])])),
    riskyButFine: { sentences: risky, flaggedOvergeneralised: riskyFlagged },
  };
}

const fmt = (n: number | null): string => (n === null ? '   –' : n.toFixed(2));

async function main(): Promise<void> {
  const parts = readdirSync(gold).filter((p) => ['tune', 'holdout'].includes(p)).sort().reverse();
  const results = [];
  for (const part of parts) results.push(await scorePart(part));
  if (process.argv.includes('--json')) {
    process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
    return;
  }
  for (const r of results) {
    console.log(`\n${r.part} (${r.documents} briefings)${r.part === 'holdout' ? ' — never tuned on' : ''}`);
    console.log(`  claim segmentation   P ${fmt(r.segmentation.precision)}  R ${fmt(r.segmentation.recall)}  F1 ${fmt(r.segmentation.f1)}`);
    console.log(`  citation attachment  ${r.citationAttachment.correct}/${r.citationAttachment.of} = ${fmt(r.citationAttachment.accuracy)}`);
    console.log('  rule                    P      R      F1    (tp/fp/fn)');
    for (const [rule, s] of Object.entries(r.rules)) {
      console.log(`  ${rule.padEnd(22)}  ${fmt(s.precision)}   ${fmt(s.recall)}   ${fmt(s.f1)}   (${s.tp}/${s.fp}/${s.fn})`);
    }
    console.log(`  risky-but-fine sentences flagged as over-generalised: ${r.riskyButFine.flaggedOvergeneralised}/${r.riskyButFine.sentences}`);
  }
}

await main();
