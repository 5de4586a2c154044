import { sep } from 'node:path';
import type { CitecheckError } from '@citecheck/model';

/** `citecheck: file:line:col: what is wrong`, files named as the user named them (relative to where citecheck runs). */
export function fatalMessage(error: CitecheckError, cwd: string): string {
  return `citecheck: ${error.format().replaceAll(cwd + sep, '')}\n`;
}
