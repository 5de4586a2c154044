import { join } from 'node:path';
import { CitecheckError } from '@citecheck/model';
import { REGISTRY_SCHEMA_PATH } from '@citecheck/registry';
import { rules } from '@citecheck/rules';
import { CONFIG_NAMES } from './config.js';
import { exists, writeNewFile } from './fs.js';
import type { CommandIo } from './registry-commands.js';

const CONFIG_SCHEMA_PATH = './node_modules/citecheck/schema/config.schema.json';

/** Every rule at its default, so the file shows what can be switched off or re-graded. */
function config(): string {
  return `${JSON.stringify(
    {
      $schema: CONFIG_SCHEMA_PATH,
      include: ['briefs/**/*.md', 'briefs/**/*.txt'],
      rules: Object.fromEntries(rules.map((r) => [r.meta.id, r.meta.defaultSeverity])),
    },
    null,
    2,
  )}\n`;
}

const REGISTRY = `# yaml-language-server: $schema=${REGISTRY_SCHEMA_PATH}
# The sources your briefings cite. A briefing uses the registry beside it (brief.refs.yaml),
# else the nearest references.yaml up to this folder. Cite an entry as [1] or [@key].
references:
  - id: 1
    title: Attrition of child sexual abuse cases
    url: https://example.org/report
    publisher: Ministry of Justice
    date: 2021-05-01
    kind: government
    # Verbatim passages: claims citing [1] are checked against them.
    excerpts:
      - Medical evidence is available in fewer than 5% of reported cases.
  - id: smith2020
    title: A source cited by key, as pandoc writes it
    url: https://example.org/smith
`;

/** `citecheck init`: a config and an example registry in the current folder; nothing replaced. */
export async function init(io: CommandIo, force: boolean): Promise<void> {
  const configPath = join(io.cwd, 'citecheck.config.json');
  const registryPath = join(io.cwd, 'references.yaml');
  if (!force) {
    for (const name of [...CONFIG_NAMES, 'references.yaml', 'references.yml', 'references.json']) {
      if (await exists(join(io.cwd, name))) throw new CitecheckError(`${name} already exists here; nothing was written (add --force to replace citecheck.config.json and references.yaml)`);
    }
  }
  await writeNewFile(configPath, config(), force);
  await writeNewFile(registryPath, REGISTRY, force);
  io.stdout(
    [
      'Wrote citecheck.config.json and references.yaml.',
      'Next: put your briefings in briefs/ (or change "include"), list their sources in references.yaml',
      '(or import them: citecheck registry import library.bib -o references.yaml --force), then run citecheck lint.',
      '',
    ].join('\n'),
  );
}
