import { readFileSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { CitecheckError, type FileResult } from '@citecheck/model';
import { formatGithub, formatJson, formatStylish, toReport, toReportFile } from '@citecheck/report';
import { rules } from '@citecheck/rules';
import type { EvidenceIndex } from '@citecheck/evidence';
import { checkFile } from './check.js';
import { loadConfig } from './config.js';
import { resolveFiles } from './files.js';
import { writeAtomically } from './fs.js';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
export const tool = { name: 'citecheck', version: pkg.version };

const FORMATS = ['stylish', 'json', 'github'] as const;
type Format = (typeof FORMATS)[number];

const HELP = `Usage: citecheck lint [paths|globs…] [options]

Checks the claims and citations of briefings (Markdown or the plain-text briefing dialect).

Options:
  --registry FILE       the reference registry for every file linted
  --config FILE         a config file (default: citecheck.config.json or .citecheckrc.json,
                        searched from here up to the git root)
  --format NAME         ${FORMATS.join(' | ')} (default: stylish)
  -o, --output FILE     write the report to FILE instead of standard output
  --max-warnings N      exit 1 when there are more than N warnings
  --quiet               report errors only
  -h, --help            show this help
  -v, --version         show the version

Rules:
${rules.map((r) => `  ${r.meta.id.padEnd(20)} ${r.meta.defaultSeverity.padEnd(8)} ${r.meta.description}`).join('\n')}

Exit codes: 0 clean, 1 errors found or a threshold broken, 2 a fatal problem.
`;

export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  cwd: string;
  isTTY: boolean;
}

const defaultIo = (): Io => ({
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  cwd: process.cwd(),
  isTTY: process.stdout.isTTY === true && process.env.NO_COLOR === undefined,
});

/** Runs the command line and returns the exit code; never throws, never prints a stack. */
export async function main(argv: string[], io: Io = defaultIo()): Promise<number> {
  try {
    return await run(argv, io);
  } catch (error) {
    if (error instanceof CitecheckError) {
      // Files are named as the user named them: relative to where citecheck was run.
      io.stderr(`citecheck: ${error.format().replaceAll(io.cwd + sep, '')}\n`);
    } else {
      const message = error instanceof Error ? error.message : String(error);
      io.stderr(`citecheck: unexpected problem: ${message}\nPlease report it with the file that caused it.\n`);
    }
    return 2;
  }
}

async function run(argv: string[], io: Io): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        registry: { type: 'string' },
        config: { type: 'string' },
        format: { type: 'string' },
        output: { type: 'string', short: 'o' },
        'max-warnings': { type: 'string' },
        quiet: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    throw new CitecheckError(`${(error as Error).message}\nRun citecheck --help for the options.`);
  }
  const { values, positionals } = parsed;
  if (values.version) {
    io.stdout(`${tool.version}\n`);
    return 0;
  }
  const [command, ...paths] = positionals;
  if (values.help || command === undefined || command === 'help') {
    io.stdout(HELP);
    return 0;
  }
  if (command !== 'lint') throw new CitecheckError(`unknown command "${command}"; run citecheck --help`);

  const format = (values.format ?? 'stylish') as Format;
  if (!FORMATS.includes(format)) {
    throw new CitecheckError(`unknown format "${values.format}"; use one of: ${FORMATS.join(', ')}`);
  }
  let maxWarnings: number | undefined;
  if (values['max-warnings'] !== undefined) {
    maxWarnings = Number(values['max-warnings']);
    if (!Number.isInteger(maxWarnings) || maxWarnings < 0) {
      throw new CitecheckError(`--max-warnings takes a whole number, not "${values['max-warnings']}"`);
    }
  }

  const config = await loadConfig(io.cwd, values.config);
  const patterns = paths.length > 0 ? paths : config.include;
  if (patterns.length === 0) {
    throw new CitecheckError('no briefings to lint: name files, folders or globs, or set "include" in citecheck.config.json');
  }
  const files = await resolveFiles(patterns, paths.length > 0 ? io.cwd : config.root);
  const registry = values.registry !== undefined ? resolve(io.cwd, values.registry) : config.registry;

  const results: FileResult[] = [];
  const evidenceCache = new Map<string, Promise<EvidenceIndex | null>>();
  for (const file of files) {
    const result = await checkFile(file, {
      cwd: io.cwd,
      root: config.root,
      rules: config.rules,
      evidenceCache,
      ...(registry !== undefined ? { registry } : {}),
      ...(values.quiet ? { quiet: true } : {}),
    });
    for (const notice of result.notices) io.stderr(`citecheck: ${result.path}: ${notice}\n`);
    results.push(result);
  }

  const report = toReport(results.map(toReportFile), tool);
  const formatters: Record<Format, () => string> = {
    stylish: () => formatStylish(report, { color: io.isTTY && values.output === undefined }),
    json: () => formatJson(report),
    github: () => formatGithub(report),
  };
  const text = formatters[format]();
  if (values.output !== undefined) await writeAtomically(resolve(io.cwd, values.output), text);
  else io.stdout(text);

  const count = (severity: string): number =>
    results.reduce((n, r) => n + r.findings.filter((f) => f.severity === severity).length, 0);
  if (count('error') > 0) return 1;
  if (maxWarnings !== undefined && count('warning') > maxWarnings) {
    io.stderr(`citecheck: ${count('warning')} warnings, more than --max-warnings ${maxWarnings}\n`);
    return 1;
  }
  return 0;
}
