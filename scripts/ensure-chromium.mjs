// `pnpm test` runs this first. The HTML report's browser test drives Debian's chromium, because
// test tools' own browser downloads do not work on these machines. A fresh machine does not have
// it, so it is brought from Debian's packages here, saying so, instead of the suite failing.
// CITECHECK_CHROMIUM names another browser and skips this.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const browser = process.env.CITECHECK_CHROMIUM ?? '/usr/bin/chromium';
if (!existsSync(browser)) {
  if (process.env.CITECHECK_CHROMIUM !== undefined) fail(`CITECHECK_CHROMIUM names ${browser}, which does not exist`);
  if (spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status !== 0) {
    fail(`no browser at ${browser} and no apt-get to install Debian's chromium: install chromium and set CITECHECK_CHROMIUM to it`);
  }
  console.error(`citecheck tests: ${browser} is missing (the HTML report's browser test needs it); installing Debian's chromium with apt-get…`);
  const asRoot = process.getuid?.() === 0;
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['apt-get', 'update', '-qq'],
    ['apt-get', 'install', '-y', '-qq', '--no-install-recommends', 'chromium'],
  ]) {
    // sudo resets the environment; a VAR=value argument carries the one apt needs.
    const [command, ...rest] = asRoot ? args : ['sudo', 'DEBIAN_FRONTEND=noninteractive', ...args];
    const run = spawnSync(command, rest, { stdio: ['ignore', 'ignore', 'inherit'], env });
    if (run.status !== 0) fail(`${args.join(' ')} failed (exit ${run.status ?? run.signal})`);
  }
  if (!existsSync(browser)) fail(`chromium was installed but ${browser} is not there`);
  console.error('citecheck tests: chromium installed.');
}

function fail(message) {
  console.error(`citecheck tests: ${message}`);
  process.exit(1);
}
