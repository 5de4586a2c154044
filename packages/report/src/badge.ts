import { escapeHtml } from './html.js';

/** Colours of the usual README badges: a reader knows red from green at a glance. */
function colourFor(share: number): string {
  if (share >= 0.9) return '#2da44e';
  if (share >= 0.75) return '#9a6700';
  return '#cf222e';
}

// Verdana 11px averages about 6.5px per character; badges elsewhere measure the same way.
const width = (text: string): number => Math.round(text.length * 6.5 + 12);

/** A flat SVG badge, "citations | 92%", written beside the HTML report on request. */
export function coverageBadge(cited: number, claims: number, label = 'citations'): string {
  const share = claims === 0 ? 1 : cited / claims;
  const value = claims === 0 ? 'no claims' : `${Math.floor(100 * share)}%`;
  const left = width(label);
  const right = width(value);
  const total = left + right;
  const text = (x: number, s: string): string =>
    `<text x="${x}" y="15" fill="#010101" fill-opacity=".3">${escapeHtml(s)}</text><text x="${x}" y="14">${escapeHtml(s)}</text>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${total}" height="20" role="img" aria-label="${escapeHtml(`${label}: ${value}`)}">
<title>${escapeHtml(`${label}: ${value}`)}</title>
<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>
<clipPath id="r"><rect width="${total}" height="20" rx="3" fill="#fff"/></clipPath>
<g clip-path="url(#r)"><rect width="${left}" height="20" fill="#555"/><rect x="${left}" width="${right}" height="20" fill="${colourFor(share)}"/><rect width="${total}" height="20" fill="url(#s)"/></g>
<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11">${text(left / 2, label)}${text(left + right / 2, value)}</g>
</svg>
`;
}
