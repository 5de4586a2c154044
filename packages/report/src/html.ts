import type { Finding } from '@citecheck/model';
import { type ClaimStatus, type CoverageReport, type DocumentCoverage, type PlacedClaim, percent, STATUS_LABEL, type Tally } from './coverage.js';
import { plural } from './summary.js';
import { layoutSafe } from './unsafe-text.js';

/**
 * Everything from a document, a registry or a message passes through here before it reaches
 * HTML. Control characters and bidi overrides are shown as escapes: an override would make the
 * page display a claim in another order than the file holds it.
 */
export function escapeHtml(text: string): string {
  return layoutSafe(text).replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');
}

/** Only web links become links: a registry's `javascript:` or `data:` URL stays text. */
function safeUrl(url: string | null): string | null {
  if (url === null) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/** The document's text as it is now, or null when it cannot be read (a merged report from elsewhere). */
export type TextReader = (path: string) => string | null;

export interface HtmlOptions {
  /** The briefings' text, to show each claim in place; without it claims are listed by section. */
  readText?: TextReader;
}

const anchor = (docIndex: number, claimId: number): string => `c${docIndex}-${claimId}`;

function tipFor(placed: PlacedClaim): string {
  const lines = [`<strong>${escapeHtml(STATUS_LABEL[placed.status])}</strong>`];
  if (placed.claim.citations.length > 0) {
    const backed = placed.claim.backedBy.length > 0 ? `; backed by ${placed.claim.backedBy.map((id) => `[${escapeHtml(id)}]`).join(' ')}` : '';
    lines.push(`cites ${placed.claim.citations.map((id) => `[${escapeHtml(id)}]`).join(' ')}${backed}`);
  }
  for (const f of placed.findings) lines.push(`<span class="sev-${f.severity}">${f.severity}</span> ${escapeHtml(f.message)} <code>${escapeHtml(f.ruleId)}</code>`);
  return lines.join('<br>');
}

function claimHtml(placed: PlacedClaim, docIndex: number, inner: string): string {
  const id = anchor(docIndex, placed.claim.id);
  return (
    `<span class="claim s-${placed.status}" id="${id}" tabindex="0" data-status="${placed.status}" aria-describedby="${id}-tip">${inner}` +
    `<span class="tip" role="tooltip" id="${id}-tip">${tipFor(placed)}</span></span>`
  );
}

/**
 * The briefing with each claim marked. Returns null when the text on disk no longer matches the
 * report (edited since), so a stale report never marks the wrong words.
 */
function markedText(text: string, doc: DocumentCoverage, docIndex: number): string | null {
  const out: string[] = [];
  let cursor = 0;
  const claims = [...doc.claims].sort((a, b) => a.claim.start.offset - b.claim.start.offset);
  for (const placed of claims) {
    const { start, end } = placed.claim;
    if (start.offset < cursor || text.slice(start.offset, end.offset) !== placed.claim.text) return null;
    out.push(escapeHtml(text.slice(cursor, start.offset)), claimHtml(placed, docIndex, escapeHtml(placed.claim.text)));
    cursor = end.offset;
  }
  out.push(escapeHtml(text.slice(cursor)));
  return `<div class="text">${out.join('')}</div>`;
}

function listedClaims(doc: DocumentCoverage, docIndex: number): string {
  const out: string[] = ['<p class="note">The briefing\'s text could not be read as it was when checked, so its claims are listed by section.</p>'];
  let section: string | null | undefined;
  for (const placed of doc.claims) {
    if (placed.claim.section !== section) {
      if (section !== undefined) out.push('</ol>');
      section = placed.claim.section;
      out.push(`<h4>${escapeHtml(section ?? '(before any heading)')}</h4><ol class="claims">`);
    }
    out.push(`<li>${claimHtml(placed, docIndex, escapeHtml(placed.claim.text))}</li>`);
  }
  if (section !== undefined) out.push('</ol>');
  return out.join('');
}

const num = (value: number, shown: string = String(value)): string => `<td class="num" data-sort="${value}">${shown}</td>`;
const ratio = (part: number, whole: number): string => num(whole === 0 ? -1 : part / whole, percent(part, whole));

function tallyCells(t: Tally): string {
  return num(t.claims) + ratio(t.cited, t.claims) + ratio(t.supported, t.claims) + num(t.uncited) + num(t.flagged);
}

const TALLY_HEAD = ['claims', 'cited', 'supported', 'uncited', 'flagged'].map((h) => `<th class="num">${h}</th>`).join('');

function sortable(caption: string, head: string, rows: string[]): string {
  return `<table class="sortable"><caption>${caption}</caption><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

const placeLink = (placed: PlacedClaim, docIndex: number): string =>
  `<a href="#${anchor(docIndex, placed.claim.id)}">${escapeHtml(`${placed.path}:${placed.claim.start.line}`)}</a>`;

function findingItem(f: Finding, path: string): string {
  return `<li><span class="sev-${f.severity}">${f.severity}</span> <code>${escapeHtml(`${f.file ?? path}:${f.start.line}:${f.start.column}`)}</code> ${escapeHtml(f.message)} <code>${escapeHtml(f.ruleId)}</code></li>`;
}

function documentSection(doc: DocumentCoverage, docIndex: number, readText: TextReader | undefined): string {
  const text = readText?.(doc.path) ?? null;
  const body = (text !== null ? markedText(text, doc, docIndex) : null) ?? listedClaims(doc, docIndex);
  const sections = sortable(
    'Coverage per section',
    `<th>section</th>${TALLY_HEAD}`,
    doc.sections.map((s) => `<tr><td>${escapeHtml(s.name ?? '(before any heading)')}</td>${tallyCells(s)}</tr>`),
  );
  const other = doc.otherFindings.length > 0 ? `<h3>Other findings</h3><ul class="findings">${doc.otherFindings.map((f) => findingItem(f, doc.path)).join('')}</ul>` : '';
  const registry = doc.registry === null ? 'no registry: citations could not be checked' : `registry <code>${escapeHtml(doc.registry)}</code>`;
  return (
    `<section class="document" id="d${docIndex}"><h2>${escapeHtml(doc.path)}</h2>` +
    `<p class="meta">${plural(doc.claims.length, 'claim')}, ${registry}</p>${sections}${other}<h3>Text</h3>${body}</section>`
  );
}

function claimList(title: string, claims: PlacedClaim[], docIndexOf: Map<string, number>): string {
  if (claims.length === 0) return '';
  const items = claims.map((p) => {
    // An uncited claim's own finding only repeats the heading.
    const why = p.findings.filter((f) => f.severity !== 'info' && f.ruleId !== 'uncited-claim').map((f) => `<br><span class="sev-${f.severity}">${f.severity}</span> ${escapeHtml(f.message)}`);
    return `<li>${placeLink(p, docIndexOf.get(p.path) ?? 0)} ${escapeHtml(p.claim.text)}${why.join('')}</li>`;
  });
  return `<h2>${title} (${claims.length})</h2><ol class="claims">${items.join('')}</ol>`;
}

function sourcesTable(coverage: CoverageReport, docIndexOf: Map<string, number>): string {
  if (coverage.sources.length === 0) return '';
  const manyRegistries = new Set(coverage.sources.map((s) => s.registry)).size > 1;
  const rows = coverage.sources.map((s) => {
    const label = escapeHtml(s.reference.title ?? s.reference.url ?? '(untitled)');
    const url = safeUrl(s.reference.url);
    const title = url === null ? label : `<a href="${escapeHtml(url)}" rel="noreferrer">${label}</a>`;
    const links = (claims: PlacedClaim[]): string => claims.map((p) => placeLink(p, docIndexOf.get(p.path) ?? 0)).join(', ');
    const cited = s.citedBy.length === 0 ? `<td class="num unused" data-sort="0">never cited</td>` : num(s.citedBy.length);
    const backs = s.reference.hasText ? num(s.backs.length) : `<td class="num" data-sort="-1">no text</td>`;
    return (
      `<tr>${manyRegistries ? `<td>${escapeHtml(s.registry)}</td>` : ''}<td><code>${escapeHtml(s.reference.id)}</code></td><td>${title}</td>` +
      `${cited}${backs}<td>${links(s.notBacking) || '–'}</td></tr>`
    );
  });
  const head = `${manyRegistries ? '<th>registry</th>' : ''}<th>id</th><th>source</th><th class="num">cited by</th><th class="num">backs</th><th>cited for, does not back</th>`;
  return `<h2>Sources</h2>${sortable('How many claims each source is cited for and backs', head, rows)}`;
}

/**
 * `report --format html` and `lint --format html`: one self-contained page (no network, no
 * external files) an editor can open: totals, tables that sort, and each briefing with its
 * claims marked by status, the findings on hover or keyboard focus.
 */
export function formatHtml(coverage: CoverageReport, options: HtmlOptions = {}): string {
  const t = coverage.totals;
  const docIndexOf = new Map(coverage.documents.map((d, i) => [d.path, i]));
  const counts: Record<ClaimStatus, number> = { supported: 0, unverified: 0, uncited: 0, flagged: 0 };
  for (const d of coverage.documents) for (const p of d.claims) counts[p.status]++;
  const legend = (Object.keys(STATUS_LABEL) as ClaimStatus[])
    .map((s) => `<li><span class="claim s-${s}">${STATUS_LABEL[s]}</span> ${counts[s]}</li>`)
    .join('');
  const documents = sortable(
    'Coverage per document',
    `<th>document</th>${TALLY_HEAD}`,
    coverage.documents.map((d, i) => `<tr><td><a href="#d${i}">${escapeHtml(d.path)}</a></td>${tallyCells(d.tally)}</tr>`),
  );
  const body = [
    `<header><h1>Citation coverage</h1><p class="meta">${plural(t.files, 'document')} · ${plural(t.claims, 'claim')} · generated by ${escapeHtml(coverage.tool.name)} ${escapeHtml(coverage.tool.version)}</p></header>`,
    `<div class="cards"><div class="card"><b>${percent(t.cited, t.claims)}</b>cited <small>${t.cited} of ${t.claims}</small></div>` +
      `<div class="card"><b>${percent(t.supported, t.claims)}</b>supported by the sources' text <small>${t.supported} of ${t.claims}</small></div>` +
      `<div class="card"><b>${t.uncited}</b>uncited</div><div class="card"><b>${t.flagged}</b>flagged</div></div>`,
    `<ul class="legend" aria-label="Claim status">${legend}</ul>`,
    documents,
    claimList('Uncited claims', coverage.uncited, docIndexOf),
    claimList('Flagged claims', coverage.flagged, docIndexOf),
    sourcesTable(coverage, docIndexOf),
    ...coverage.documents.map((d, i) => documentSection(d, i, options.readText)),
  ];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>Citation coverage: ${percent(t.cited, t.claims)} cited</title><style>${STYLE}</style></head>
<body><main>${body.join('\n')}</main><script>${SCRIPT}</script></body></html>
`;
}

const STYLE = `
:root{--supported:#d7f5dd;--unverified:#eef0f3;--uncited:#fff1c2;--flagged:#ffd9d6;--ink:#1f2328;--muted:#59636e;--line:#d1d9e0}
body{margin:0;font:15px/1.55 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--ink);background:#fff}
main{max-width:62rem;margin:0 auto;padding:1.5rem}
h1{margin:.2rem 0}h2{margin-top:2.2rem;border-bottom:1px solid var(--line);padding-bottom:.2rem}h3{margin-top:1.4rem}
.meta,.note,small{color:var(--muted)}
.cards{display:flex;flex-wrap:wrap;gap:.8rem;margin:1rem 0}
.card{border:1px solid var(--line);border-radius:8px;padding:.6rem 1rem;min-width:9rem}.card b{display:block;font-size:1.6rem}.card small{display:block}
.legend{list-style:none;padding:0;display:flex;gap:1rem;flex-wrap:wrap}
table{border-collapse:collapse;width:100%;margin:.8rem 0}caption{text-align:left;color:var(--muted);padding:.2rem 0}
th,td{border-bottom:1px solid var(--line);padding:.3rem .5rem;text-align:left;vertical-align:top}
.num{text-align:right;font-variant-numeric:tabular-nums}
th button{all:unset;cursor:pointer;font-weight:600}th button:focus-visible{outline:2px solid #0969da}
th[aria-sort=ascending] button::after{content:" ▲"}th[aria-sort=descending] button::after{content:" ▼"}
.unused{color:#9a6700}
.text{position:relative;white-space:pre-wrap;overflow-wrap:anywhere;border:1px solid var(--line);border-radius:8px;padding:1rem;background:#fcfcfd}
ol.claims li{position:relative}
.claim{border-radius:3px;padding:0 .1rem;box-decoration-break:clone;-webkit-box-decoration-break:clone}
.claim[tabindex]{cursor:help}.claim:focus{outline:2px solid #0969da}
.s-supported{background:var(--supported)}.s-unverified{background:var(--unverified)}.s-uncited{background:var(--uncited)}.s-flagged{background:var(--flagged);text-decoration:underline wavy #cf222e;text-underline-offset:3px}
.tip{display:none;position:absolute;left:1rem;right:1rem;margin-top:1.6em;z-index:2;max-width:40rem;white-space:normal;background:#1f2328;color:#fff;padding:.5rem .7rem;border-radius:6px;font-size:13px;line-height:1.45;text-decoration:none;box-shadow:0 4px 14px #0004}
.tip code{color:#c9d1d9}.claim:hover>.tip,.claim:focus>.tip{display:block}
.sev-error{color:#cf222e;font-weight:600}.sev-warning{color:#9a6700;font-weight:600}.sev-info{color:#0969da;font-weight:600}
.tip .sev-error{color:#ff8182}.tip .sev-warning{color:#eac54f}.tip .sev-info{color:#79c0ff}
ol.claims li{margin:.35rem 0}
@media print{.tip{display:none!important}}
`;

// Sorts a table by the clicked column: numbers by their data-sort value, text by locale.
const SCRIPT = `
for (const table of document.querySelectorAll('table.sortable')) {
  const heads = [...table.tHead.rows[0].cells];
  heads.forEach((th, column) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = th.textContent;
    th.textContent = '';
    th.append(button);
    button.addEventListener('click', () => {
      const descending = th.getAttribute('aria-sort') === 'ascending';
      for (const other of heads) other.removeAttribute('aria-sort');
      th.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
      const body = table.tBodies[0];
      const key = (row) => {
        const cell = row.cells[column];
        return cell.dataset.sort !== undefined ? Number(cell.dataset.sort) : cell.textContent.trim().toLowerCase();
      };
      const rows = [...body.rows].sort((a, b) => {
        const x = key(a), y = key(b);
        const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), undefined, { numeric: true });
        return descending ? -order : order;
      });
      // One by one: a spread of every row overflows the call stack of a large report.
      for (const row of rows) body.append(row);
    });
  });
}
`;
