// Packages the `citecheck` command after `tsc -b`: one bundle for the command line and one for
// its worker threads, so a run loads two files instead of some 600 modules (startup fell from
// about 0.8 s to 0.3 s), with the data they read beside them: the schemas an editor needs and
// the lexicons, at the same relative places the unbundled packages read them from.
import { copyFileSync, cpSync, mkdirSync } from 'node:fs';
import { build } from 'esbuild';

const at = (path) => new URL(`../${path}`, import.meta.url);

copyFileSync(at('packages/registry/schema/registry.schema.json'), at('packages/cli/schema/registry.schema.json'));
mkdirSync(at('packages/cli/lexicon'), { recursive: true });
for (const from of ['packages/parse/lexicon', 'packages/evidence/lexicon']) {
  cpSync(at(from), at('packages/cli/lexicon'), { recursive: true, filter: (path) => !path.endsWith('README.md') });
}

/**
 * A package whose `main` is a UMD build that require()s through a factory esbuild cannot
 * follow: bundle its ES module build instead, still importable by default as Node imports it.
 */
function esmOf(name) {
  return {
    name: `esm-of-${name}`,
    setup(build) {
      build.onResolve({ filter: new RegExp(`^${name}$`) }, (args) => ({ path: args.resolveDir, namespace: `esm-of-${name}` }));
      build.onLoad({ filter: /.*/, namespace: `esm-of-${name}` }, (args) => ({
        contents: `import * as all from '${name}/lib/esm/main.js'; export * from '${name}/lib/esm/main.js'; export default all;`,
        resolveDir: args.path,
      }));
    },
  };
}

await build({
  entryPoints: { citecheck: 'packages/cli/dist/main.js', worker: 'packages/cli/dist/worker.js' },
  absWorkingDir: new URL('..', import.meta.url).pathname,
  outdir: 'packages/cli/bundle',
  bundle: true,
  platform: 'node',
  plugins: [esmOf('jsonc-parser')],
  target: 'node20',
  format: 'esm',
  legalComments: 'linked',
  logLevel: 'warning',
  // CommonJS dependencies call require(); an ES module bundle has to provide it.
  banner: { js: "import { createRequire as __citecheckRequire } from 'node:module'; const require = __citecheckRequire(import.meta.url);" },
});
