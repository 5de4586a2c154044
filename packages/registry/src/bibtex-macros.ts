/**
 * BibTeX `@string` macros joined with `#` can double at every line: 25 lines of
 * `@string{s2 = s1 # s1}` expand to gigabytes, which citation-js builds and then parses for
 * minutes. Before citation-js sees the file, this works out the length each macro and each field
 * would expand to (lengths only, nothing is expanded) and refuses a file past the bounds below.
 */

/** No real field is this long; a macro or field that expands past it is refused. */
export const MAX_FIELD_CHARS = 1_000_000;
/** All fields of a file together may expand to this much, or four times the file's size. */
export const MAX_TOTAL_CHARS = 16_000_000;

export interface MacroBomb {
  /** Where the macro or field that expands too far starts. */
  offset: number;
  message: string;
}

// citation-js knows the month macros; "september" is the longest.
const BUILT_IN = 9;
const MONTHS = new Set(['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']);

/** The first macro or field of `text` that expands past the bounds, or null (also when the scan cannot follow the syntax: citation-js then says what is wrong). */
export function findMacroBomb(text: string): MacroBomb | null {
  const scan = new Scanner(text);
  const lengths = new Map<string, number>();
  const totalCap = Math.max(MAX_TOTAL_CHARS, 4 * text.length);
  let total = 0;
  try {
    for (;;) {
      const at = text.indexOf('@', scan.i);
      if (at === -1) return null;
      scan.i = at + 1;
      const type = scan.name().toLowerCase();
      scan.space();
      const open = text[scan.i];
      if (open !== '{' && open !== '(') continue;
      scan.i++;
      if (type === 'comment') {
        scan.skipBalanced(open === '{' ? '}' : ')');
        continue;
      }
      if (type !== 'string' && type !== 'preamble') {
        // The key, up to the comma.
        while (scan.i < text.length && text[scan.i] !== ',' && text[scan.i] !== '}' && text[scan.i] !== ')') scan.i++;
        if (text[scan.i] !== ',') continue;
        scan.i++;
      }
      for (;;) {
        scan.space();
        if (type === 'preamble') {
          scan.expression(lengths);
          break;
        }
        const fieldAt = scan.i;
        const field = scan.name().toLowerCase();
        if (field === '') break;
        scan.space();
        if (text[scan.i] !== '=') return null;
        scan.i++;
        const length = scan.expression(lengths);
        if (length > MAX_FIELD_CHARS) {
          const what = type === 'string' ? `the @string macro "${field}"` : `the field "${field}"`;
          return { offset: type === 'string' ? at : fieldAt, message: `${what} expands to more than ${MAX_FIELD_CHARS.toLocaleString('en')} characters (@string macros joined with # that double at each step); citecheck does not expand BibTeX fields that long` };
        }
        total += length;
        if (total > totalCap) {
          return { offset: type === 'string' ? at : fieldAt, message: `the @string macros of this file expand to more than ${totalCap.toLocaleString('en')} characters in all; citecheck does not expand that much` };
        }
        if (type === 'string') lengths.set(field, length);
        scan.space();
        if (text[scan.i] !== ',') break;
        scan.i++;
      }
    }
  } catch (error) {
    if (error instanceof Unfollowable) return null;
    throw error;
  }
}

class Unfollowable extends Error {}

class Scanner {
  i = 0;
  constructor(private readonly text: string) {}

  space(): void {
    while (this.i < this.text.length && /\s/.test(this.text[this.i] ?? '')) this.i++;
  }

  /** An entry type, field or macro name. */
  name(): string {
    const start = this.i;
    while (this.i < this.text.length && !/[\s{}()=#",%'\\]/.test(this.text[this.i] ?? '')) this.i++;
    return this.text.slice(start, this.i);
  }

  /** Skips to the `close` that ends a group opened just before, braces nesting. */
  skipBalanced(close: string): number {
    const start = this.i;
    let depth = 0;
    while (this.i < this.text.length) {
      const c = this.text[this.i++];
      if (c === '{') depth++;
      else if (c === '}' && depth > 0) depth--;
      else if (c === close && depth === 0) return this.i - 1 - start;
    }
    throw new Unfollowable();
  }

  /** The length `part # part # …` expands to, capped just past MAX_FIELD_CHARS. */
  expression(lengths: ReadonlyMap<string, number>): number {
    let length = 0;
    for (;;) {
      this.space();
      const c = this.text[this.i];
      if (c === '{') {
        this.i++;
        length += this.skipBalanced('}');
      } else if (c === '"') {
        this.i++;
        length += this.skipBalanced('"');
      } else {
        const name = this.name().toLowerCase();
        if (name === '') throw new Unfollowable();
        length += /^\d+$/.test(name) ? name.length : (lengths.get(name) ?? (MONTHS.has(name) ? BUILT_IN : 0));
      }
      length = Math.min(length, MAX_FIELD_CHARS + 1);
      this.space();
      if (this.text[this.i] !== '#') return length;
      this.i++;
    }
  }
}
