import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkFile } from 'citecheck';
const dir = '/work/main/fixtures/gold/tune';
for (const lf of readdirSync(dir).filter((f) => f.endsWith('.labels.json'))) {
  const labels = JSON.parse(readFileSync(join(dir, lf), 'utf8'));
  const base = lf.replace('.labels.json', '');
  const doc = readdirSync(dir).find((f) => f.startsWith(base + '.') && /\.(md|txt)$/.test(f))!;
  const r = await checkFile(join(dir, doc), { cwd: dir, root: '/work/main/fixtures/gold', registry: join(dir, labels.registry) });
  const byText = new Map(r.claims.map((c) => [c.text, c]));
  for (const s of labels.sentences.filter((s: any) => s.claim)) {
    const c = byText.get(s.text); if (!c) { console.log('MISSING', s.text.slice(0, 80)); continue; }
    const f = r.findings.filter((x) => x.claimId === c.id && x.ruleId !== 'uncited-claim');
    const want = [s.overgeneralised && 'OG', (s.unsupportedNumbers ?? []).length && 'NUM', s.supported === false && 'UNSUP', s.mismatch && 'MIS'].filter(Boolean).join(',');
    const got = f.map((x) => ({ 'overgeneralised-claim': 'OG', 'unsupported-number': 'NUM', 'unsupported-claim': 'UNSUP', 'citation-mismatch': 'MIS' } as any)[x.ruleId]).join(',');
    if (want !== got || process.argv.includes('--all')) {
      console.log(`${doc} want[${want}] got[${got}] ${s.risky ?? ''} | ${s.text.slice(0, 120)}`);
      for (const x of f) console.log('     ', x.ruleId, x.message.slice(0, 260));
      if (s.note) console.log('      note:', s.note);
    }
  }
}
