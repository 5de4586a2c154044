#!/usr/bin/env node
// The bundle `pnpm build` makes (scripts/package-cli.mjs): one file loads far faster than the
// modules it is made of.
import { main } from '../bundle/citecheck.js';

process.exitCode = await main(process.argv.slice(2));
