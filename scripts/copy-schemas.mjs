// The `citecheck` package ships every schema an editor needs beside its config schema, so a
// project's files can name ./node_modules/citecheck/schema/… whichever package owns the file.
import { copyFileSync } from 'node:fs';

copyFileSync(new URL('../packages/registry/schema/registry.schema.json', import.meta.url), new URL('../packages/cli/schema/registry.schema.json', import.meta.url));
