import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseBriefing } from '@citecheck/parse';
import { loadRegistryFile } from '@citecheck/registry';
import { buildEvidence, readSourceTexts, verifyClaims } from '@citecheck/evidence';
const dir = '/work/main/fixtures/gold/tune';
const rows: [number, string, string][] = [];
for (const lf of readdirSync(dir).filter((f) => f.endsWith('.labels.json'))) {
  const labels = JSON.parse(readFileSync(join(dir, lf), 'utf8'));
  const base = lf.replace('.labels.json', '');
  const doc = readdirSync(dir).find((f) => f.startsWith(base + '.') && /\.(md|txt)$/.test(f))!;
  const p = parseBriefing(readFileSync(join(dir, doc), 'utf8'));
  const reg = await loadRegistryFile(join(dir, labels.registry));
  const src = await readSourceTexts(reg, join(dir, labels.registry), '/work/main/fixtures/gold');
  if (src.problems.length) console.log(src.problems);
  const ev = buildEvidence(src)!;
  const sup = verifyClaims(p.claims, reg, ev, { support: 0, alternative: 0.6, margin: 0.25 });
  const byText = new Map(p.claims.map((c) => [c.text, c]));
  for (const s of labels.sentences.filter((s: any) => s.claim && (s.citations ?? []).length)) {
    const c = byText.get(s.text)!; const e = sup.get(c.id)!;
    // recompute top with union like verifyClaims
    rows.push([e.best[0]?.score ?? -1, s.supported === false ? 'UNSUP' : 'ok', s.text.slice(0, 70)]);
  }
}
rows.sort((a, b) => a[0] - b[0]);
for (const r of rows) console.log(r[0].toFixed(2), r[1], r[2]);
