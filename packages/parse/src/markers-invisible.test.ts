/*
 * Issue 12, item 11: invisible characters inside bracket markers. What changes nothing a reader
 * sees is read as the marker it looks like; what reorders the display makes the marker malformed.
 */
import { describe, expect, it } from 'vitest';
import { scanMarkers } from './markers.js';

const scan = (text: string) => scanMarkers(text, 0, text.length);

describe('scanMarkers with invisible characters', () => {
  it.each([
    ['ZWSP', 'x [1\u200b].', ['1']],
    ['BOM', 'x [\ufeff1].', ['1']],
    ['ZWNJ and WJ', 'x [\u200c1\u2060].', ['1']],
    ['NBSP and thin space', 'x [1\u00a0,\u20092].', ['1', '2']],
    ['ideographic space', 'x [1,\u30002].', ['1', '2']],
    ['a footnote with a ZWSP', 'x [^a\u200b].', ['a']],
  ])('%s: read as written without it', (_, text, ids) => {
    const [marker, ...rest] = scan(text);
    expect(rest).toEqual([]);
    expect(marker?.ids).toEqual(ids);
    expect(marker?.problem).toBeUndefined();
  });

  it.each([
    ['\u202e', 'U+202E'],
    ['\u2067', 'U+2067'],
    ['\u200e', 'U+200E'],
    ['\u061c', 'U+061C'],
  ])('a bidi control (%#) makes the marker malformed, naming %s', (control, name) => {
    const [marker] = scan(`x [1${control}2].`);
    expect(marker?.ids).toEqual([]);
    expect(marker?.problem).toContain(name);
    expect(marker?.problem).toContain(`[1<${name}>2]`);
  });

  it('a bracket that is not a marker without its bidi control is still not one', () => {
    expect(scan('see [note\u202e] here')).toEqual([]);
    expect(scan('in [2021\u202e] it')).toEqual([]);
  });
});
