// Runs a command-line entry point in this process and, as it exits, reports the process's peak
// resident memory on standard error (`citecheck-bench maxrss=<KiB>`), so every tool the
// benchmark compares is measured the same way, whole process, with no extra tool installed.
import { writeSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [entry, ...args] = process.argv.slice(2);
process.argv = [process.argv[0], resolve(entry), ...args];
process.on('exit', () => writeSync(2, `\ncitecheck-bench maxrss=${process.resourceUsage().maxRSS}\n`));
await import(pathToFileURL(resolve(entry)).href);
