/**
 * Text from documents and registries (paths, messages quoting a marker, titles) reaches
 * terminals, CI logs and pull-request comments. There an ESC starts a control sequence that can
 * recolour, hide or rewrite what was printed, and a bidi override makes text display in an
 * order other than the one it is stored in. Those characters are shown as escapes instead.
 */

/** A UTF-16 surrogate that is not half of a pair: no encoder can write it as UTF-8 or XML. */
export const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

// Bidi embeddings and overrides (U+202A–202E) and isolates (U+2066–2069), DEL and C1 controls,
// together with lone surrogates: unsafe wherever text is shown.
const ALWAYS_UNSAFE = '\\u007F-\\u009F\\u202A-\\u202E\\u2066-\\u2069';
// On a terminal every C0 control acts, line breaks included.
const UNSAFE = new RegExp(`[\\u0000-\\u001F${ALWAYS_UNSAFE}]|${LONE_SURROGATE.source}`, 'g');
// In text shown with its layout (the HTML report's view of a briefing) tabs and line breaks are text.
const UNSAFE_IN_LAYOUT = new RegExp(`[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F${ALWAYS_UNSAFE}]|${LONE_SURROGATE.source}`, 'g');

/** `\u001b` for U+001B: the JavaScript and JSON spelling, which people can search for. */
export const escapeCodeUnit = (c: string): string => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** Text safe to print to a terminal: every character listed above becomes a visible `\uXXXX`. */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, escapeCodeUnit);
}

/** Like terminalSafe, keeping tabs and line breaks: for text shown as laid out in its file. */
export function layoutSafe(text: string): string {
  return text.replace(UNSAFE_IN_LAYOUT, escapeCodeUnit);
}
