import type { Position } from '@citecheck/model';
import { location } from 'vfile-location';

/**
 * The text as an editor shows it. A UTF-8 BOM is dropped (editors hide it), so offsets count
 * from the first visible character; CRLF is kept, so offsets slice the file as it is on disk.
 */
export function visibleText(raw: string): string {
  return raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
}

export interface Locator {
  toPosition(offset: number): Position;
}

export function createLocator(text: string): Locator {
  const place = location(text);
  return {
    toPosition(offset: number): Position {
      const point = place.toPoint(offset);
      if (point === undefined) {
        // vfile-location has no point for the end of the text; derive it from the last char.
        const last = text.length > 0 ? place.toPoint(text.length - 1) : undefined;
        if (last === undefined) return { line: 1, column: 1, offset: 0 };
        return { line: last.line, column: last.column + 1, offset: text.length };
      }
      return { line: point.line, column: point.column, offset };
    },
  };
}
