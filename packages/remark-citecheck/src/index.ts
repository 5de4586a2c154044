import { check, type CheckOptions, type Finding } from 'citecheck';
import type { Root } from 'mdast';
import type { VFile } from 'vfile';

/** The options of `check()` that make sense inside a pipeline: which registry, config and rules. */
export type Options = Pick<CheckOptions, 'config' | 'registry' | 'root' | 'rules' | 'quiet'>;

/**
 * Checks the file's citations and claims with citecheck and reports every finding as a vfile
 * message, the way remark-lint rules do: `ruleId` is the rule, `source` is "citecheck", errors
 * are fatal, warnings are not, and info is neither. So `remark --use remark-citecheck`, any
 * unified-engine CLI and editor integrations show citecheck next to remark-lint.
 *
 * citecheck reads the document's own text (`file.value`), not the tree: it parses briefings
 * with its own settings (GFM, front matter, the plain-text dialect), so other plugins'
 * changes to the tree cannot move its positions. The registry is found next to `file.path`.
 */
export default function remarkCitecheck(options: Options = {}) {
  return async function transformer(_tree: Root, file: VFile): Promise<void> {
    const result = await check(
      { ...(file.path ? { path: file.path } : {}), text: String(file.value) },
      { ...options, cwd: file.cwd },
    );
    for (const notice of result.notices) file.info(notice, { source: 'citecheck' });
    for (const finding of result.file.findings) report(file, finding);
  };
}

function report(file: VFile, finding: Finding): void {
  const options = { source: 'citecheck', ruleId: finding.ruleId };
  // A finding about a registry entry lies in the registry file, where a message of this file
  // cannot point: it names the place in its text instead.
  const message =
    finding.file === undefined
      ? file.message(finding.message, { ...options, place: { start: finding.start, end: finding.end } })
      : file.message(`${finding.file}:${finding.start.line}:${finding.start.column}: ${finding.message}`, options);
  message.fatal = finding.severity === 'error' ? true : finding.severity === 'warning' ? false : undefined;
}
