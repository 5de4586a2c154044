import { CitecheckError } from '@citecheck/model';
import { createLineIndex } from './positions.js';

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Editors hide a UTF-8 BOM and the model counts offsets after it, so it never reaches a parser. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Decodes a data file's bytes as UTF-8, refusing anything else: a lenient decode would turn
 * a UTF-16 or Latin-1 file into replacement characters and confusing schema errors later.
 */
export function decodeText(file: string, bytes: Uint8Array): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new CitecheckError('the file is UTF-16 text; save it as UTF-8 and try again', { file, line: 1, column: 1 });
  }
  try {
    return stripBom(STRICT_UTF8.decode(bytes));
  } catch {
    const bad = firstInvalidUtf8(bytes);
    // The valid prefix decodes cleanly, so it tells the line and column of the bad byte.
    const prefix = stripBom(STRICT_UTF8.decode(bytes.subarray(0, bad)));
    const at = createLineIndex(prefix).toPosition(prefix.length);
    const hex = (bytes[bad] ?? 0).toString(16).toUpperCase().padStart(2, '0');
    throw new CitecheckError(
      `the file is not UTF-8 text (byte 0x${hex} cannot start or continue a UTF-8 character); save it as UTF-8 and try again`,
      { file, line: at.line, column: at.column },
    );
  }
}

/** The index of the first byte that breaks UTF-8, found by decoding ever longer prefixes. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i] ?? 0;
    const length = lead < 0x80 ? 1 : lead >= 0xc2 && lead < 0xe0 ? 2 : lead >= 0xe0 && lead < 0xf0 ? 3 : lead >= 0xf0 && lead < 0xf5 ? 4 : 0;
    if (length === 0 || i + length > bytes.length) return i;
    try {
      STRICT_UTF8.decode(bytes.subarray(i, i + length));
    } catch {
      return i;
    }
    i += length;
  }
  return i;
}
