import type { Finding, Report, ReportFile } from '@citecheck/model';
import { LONE_SURROGATE } from './unsafe-text.js';
import { append } from './append.js';

/*
 * JUnit XML in the shape GitLab, Jenkins and Azure Pipelines all read: <testsuites>, one
 * <testsuite> per linted file, one <testcase> per finding. There is no formal standard; this keeps
 * to the attributes every one of them understands (name, classname, tests, failures, errors,
 * failure's type and message).
 */

// Characters XML 1.0 forbids outright (its Char production), which no escape can carry: C0
// controls other than tab, LF and CR, U+FFFE/U+FFFF, and surrogates that are not part of a pair.
// Briefings pasted from PDFs and chat exports do contain such bytes, and one of them would make
// the whole report unreadable to the CI server, so they are dropped.
const ILLEGAL = new RegExp(`[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\uFFFE\\uFFFF]|${LONE_SURROGATE.source}`, 'g');

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  // A parser turns a literal CR (or CRLF) into LF, so it is kept as a reference to survive.
  '\r': '&#13;',
};

/** Element content. Escaping ">" everywhere also takes care of "]]>", which content must not hold. */
function escapeXml(text: string): string {
  return text.replace(ILLEGAL, '').replace(/[&<>"'\r]/g, (c) => ESCAPES[c] ?? c);
}

/**
 * An attribute value. Parsers replace a literal tab or newline in an attribute with a space
 * (attribute-value normalisation), so a multi-line message would arrive flattened; as character
 * references they come through intact.
 */
function escapeAttribute(text: string): string {
  return escapeXml(text).replaceAll('\n', '&#10;').replaceAll('\t', '&#9;');
}

const attributes = (values: Record<string, string | number>): string =>
  Object.entries(values)
    .map(([name, value]) => ` ${name}="${escapeAttribute(String(value))}"`)
    .join('');

/**
 * A finding's test name. A finding in another file (a registry entry) names that file too:
 * `line:col` alone would read as a place in the briefing the suite is named after.
 */
function testName(file: ReportFile, finding: Finding): string {
  const place = `${finding.start.line}:${finding.start.column}`;
  return `${finding.ruleId} ${finding.file !== undefined && finding.file !== file.path ? `${finding.file}:${place}` : place}`;
}

interface Suite {
  tests: number;
  failures: number;
  cases: string[];
}

function suiteOf(file: ReportFile): Suite {
  const classname = file.path;
  const suite: Suite = { tests: 0, failures: 0, cases: [] };
  for (const finding of file.findings) {
    const head = `    <testcase${attributes({ classname, name: testName(file, finding) })}>`;
    const where = `${finding.file ?? file.path}:${finding.start.line}:${finding.start.column}`;
    const body = escapeXml(`${where} ${finding.message}`);
    suite.tests++;
    if (finding.severity === 'info') {
      // An info finding passes, with its text as output: it is advice, not a problem. A failure
      // would break the build over a note; "skipped" would tell GitLab, Jenkins and Azure that
      // the check did not run, when it ran and had something to say.
      suite.cases.push(`${head}\n      <system-out>${body}</system-out>\n    </testcase>`);
    } else {
      // Errors and warnings are both failures (the check ran and found a problem); JUnit's
      // <error> means the test itself crashed, which is not what a finding is.
      suite.failures++;
      suite.cases.push(`${head}\n      <failure${attributes({ type: finding.ruleId, message: finding.message })}>${body}</failure>\n    </testcase>`);
    }
  }
  if (file.findings.length === 0) {
    // Without a test case a clean file would not appear at all, and a CI page would not show it
    // was checked.
    suite.tests++;
    suite.cases.push(`    <testcase${attributes({ classname, name: 'citecheck' })}/>`);
  }
  return suite;
}

/** The report as JUnit XML: one suite per file, one failing test case per error or warning. */
export function formatJunit(report: Report): string {
  const suites = report.files.map((file) => ({ file, suite: suiteOf(file) }));
  const tests = suites.reduce((n, { suite }) => n + suite.tests, 0);
  const failures = suites.reduce((n, { suite }) => n + suite.failures, 0);
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites${attributes({ name: 'citecheck', tests, failures, errors: 0 })}>`];
  for (const { file, suite } of suites) {
    out.push(`  <testsuite${attributes({ name: file.path, tests: suite.tests, failures: suite.failures, errors: 0 })}>`);
    append(out, suite.cases);
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}
