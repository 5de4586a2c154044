import type { Position, Span } from '@citecheck/model';

export interface LineIndex {
  toPosition(offset: number): Position;
  toSpan(start: number, end: number): Span;
}

/**
 * Maps offsets to the line and column an editor shows. Lines end at LF, CRLF or a lone CR (as
 * editors treat them); columns count UTF-16 code units, like the parse package's locator, so
 * positions from both packages agree.
 */
export function createLineIndex(text: string): LineIndex {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x0d && text.charCodeAt(i + 1) === 0x0a) continue; // the LF that follows ends it
    if (ch === 0x0a || ch === 0x0d) starts.push(i + 1);
  }
  const toPosition = (offset: number): Position => {
    const clamped = Math.max(0, Math.min(offset, text.length));
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((starts[mid] ?? 0) <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: clamped - (starts[low] ?? 0) + 1, offset: clamped };
  };
  return {
    toPosition,
    toSpan: (start, end) => ({ start: toPosition(start), end: toPosition(end) }),
  };
}
