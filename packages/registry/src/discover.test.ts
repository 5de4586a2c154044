import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Reference } from '@citecheck/model';
import { findRegistry } from './discover.js';
import { rejected, tempTree } from './test-helpers.js';

/** A registry whose single id names the file, so a test can tell which file was loaded. */
const registry = (marker: string): string => JSON.stringify({ references: [{ id: marker }] });
const yamlRegistry = (marker: string): string => `references:\n  - id: ${marker}\n`;

const OWN: Reference[] = [{ id: '1', url: 'https://example.org/own' }];

/** Every candidate the SPEC lists, so each test removes what should lose. */
const ALL = {
  'project/custom.json': registry('option'),
  'project/briefs/sources/refs.yaml': yamlRegistry('front-matter'),
  'project/briefs/brief.refs.json': registry('sibling'),
  'project/briefs/references.json': registry('folder'),
  'project/references.yaml': yamlRegistry('root'),
  'project/briefs/brief.md': '# Brief\n',
};

async function loadedId(files: Record<string, string>, options: { option?: boolean; frontMatter?: boolean; own?: boolean; root?: string } = {}) {
  const root = await tempTree(files);
  const found = await findRegistry({
    documentPath: join(root, 'project/briefs/brief.md'),
    projectRoot: join(root, options.root ?? 'project'),
    ...(options.option ? { optionPath: join(root, 'project/custom.json') } : {}),
    ...(options.frontMatter ? { frontMatter: { title: 'Brief', references: 'sources/refs.yaml' } } : {}),
    ...(options.own ? { documentReferences: OWN } : {}),
  });
  return { root, found, id: found?.references[0]?.id ?? null };
}

function without(...names: string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(ALL).filter(([name]) => !names.includes(name)));
}

describe('findRegistry: discovery order', () => {
  it('1. the option wins over everything', async () => {
    const { found, root } = await loadedId(ALL, { option: true, frontMatter: true, own: true });
    expect(found).toMatchObject({ via: 'option', file: join(root, 'project/custom.json') });
    expect(found?.references[0]?.id).toBe('option');
  });

  it('2. front matter, relative to the document, wins over files found by name', async () => {
    const { found, root } = await loadedId(ALL, { frontMatter: true, own: true });
    expect(found).toMatchObject({ via: 'front-matter', file: join(root, 'project/briefs/sources/refs.yaml') });
    expect(found?.references[0]?.id).toBe('front-matter');
  });

  it('3. <name>.refs.json beside the document wins over references.json', async () => {
    const { found, root } = await loadedId(ALL, { own: true });
    expect(found).toMatchObject({ via: 'sibling', file: join(root, 'project/briefs/brief.refs.json') });
  });

  it('3. also finds <name>.refs.yaml and .refs.yml, preferring JSON when both exist', async () => {
    const yaml = await loadedId({ ...without('project/briefs/brief.refs.json'), 'project/briefs/brief.refs.yaml': yamlRegistry('sibling-yaml') });
    expect(yaml.id).toBe('sibling-yaml');
    const yml = await loadedId({ ...without('project/briefs/brief.refs.json'), 'project/briefs/brief.refs.yml': yamlRegistry('sibling-yml') });
    expect(yml.id).toBe('sibling-yml');
    const both = await loadedId({ ...ALL, 'project/briefs/brief.refs.yaml': yamlRegistry('sibling-yaml') });
    expect(both.id).toBe('sibling');
  });

  it('3. strips only the last extension: brief.v2.md looks for brief.v2.refs.json', async () => {
    const root = await tempTree({ 'p/brief.v2.md': '', 'p/brief.v2.refs.json': registry('v2'), 'p/brief.refs.json': registry('wrong') });
    const found = await findRegistry({ documentPath: join(root, 'p/brief.v2.md'), projectRoot: join(root, 'p') });
    expect(found?.references[0]?.id).toBe('v2');
  });

  it('4. references.json in the document\'s folder wins over a parent\'s', async () => {
    const { found } = await loadedId(without('project/briefs/brief.refs.json'), { own: true });
    expect(found).toMatchObject({ via: 'folder' });
    expect(found?.references[0]?.id).toBe('folder');
  });

  it('4. climbs to the project root and finds references.yaml there', async () => {
    const { found, root } = await loadedId(without('project/briefs/brief.refs.json', 'project/briefs/references.json'), { own: true });
    expect(found).toMatchObject({ via: 'folder', file: join(root, 'project/references.yaml') });
    expect(found?.references[0]?.id).toBe('root');
  });

  it('4. never climbs above the project root', async () => {
    const files = { 'references.json': registry('above'), 'project/briefs/brief.md': '' };
    const { found } = await loadedId(files);
    expect(found).toBeNull();
    // The same tree with the root one level up does find it: the stop is the root, not luck.
    const { id } = await loadedId(files, { root: '.' });
    expect(id).toBe('above');
  });

  it('4. a document outside the project root searches only its own folder', async () => {
    const root = await tempTree({ 'references.json': registry('parent'), 'elsewhere/doc.md': '', 'project/x': '' });
    const found = await findRegistry({ documentPath: join(root, 'elsewhere/doc.md'), projectRoot: join(root, 'project') });
    expect(found).toBeNull();
  });

  it('5. the document\'s own list when no file is found, with the document as its file', async () => {
    const { found, root } = await loadedId({ 'project/briefs/brief.md': '' }, { own: true });
    expect(found).toEqual({ file: join(root, 'project/briefs/brief.md'), via: 'document', references: OWN });
  });

  it('returns null when there is nothing at all, or only an empty own list', async () => {
    expect((await loadedId({ 'project/briefs/brief.md': '' })).found).toBeNull();
    const root = await tempTree({ 'p/doc.md': '' });
    expect(await findRegistry({ documentPath: join(root, 'p/doc.md'), projectRoot: join(root, 'p'), documentReferences: [] })).toBeNull();
  });

  it('skips a folder that happens to have a registry\'s name', async () => {
    const { id } = await loadedId({ ...without('project/briefs/brief.refs.json'), 'project/briefs/brief.refs.json/x': '' });
    expect(id).toBe('folder');
  });

  it('keeps paths in the caller\'s form when the document path is relative', async () => {
    const root = await tempTree({ 'p/briefs/brief.md': '', 'p/references.json': registry('rel') });
    const documentPath = relative(process.cwd(), join(root, 'p/briefs/brief.md'));
    const found = await findRegistry({ documentPath, projectRoot: join(root, 'p') });
    expect(found?.file).toBe(join(documentPath, '../../references.json'));
  });

  it("reads pandoc's bibliography files and inline references, the first definition of a key winning", async () => {
    const root = await tempTree({
      'p/brief.md': '',
      'p/brief.refs.json': registry('sibling'),
      'p/refs/main.bib': '@article{smith2020,\n  title = {From the bib},\n  year = {2020}\n}\n',
      'p/extra.json': JSON.stringify([{ id: 'doe2019', type: 'report', title: 'From CSL-JSON' }]),
    });
    const found = await findRegistry({
      documentPath: join(root, 'p/brief.md'),
      projectRoot: join(root, 'p'),
      frontMatter: {
        bibliography: ['refs/main.bib', 'extra.json'],
        references: [{ id: 'smith2020', title: 'Inline, shadowed' }, { id: 'inline2021', title: 'Inline' }],
      },
    });
    expect(found?.via).toBe('front-matter');
    expect(found?.file).toBe(join(root, 'p/refs/main.bib'));
    expect(found?.references.map((r) => [r.id, r.title, r.origin?.file])).toEqual([
      ['smith2020', 'From the bib', join(root, 'p/refs/main.bib')],
      ['doe2019', 'From CSL-JSON', join(root, 'p/extra.json')],
      ['inline2021', 'Inline', join(root, 'p/brief.md')],
    ]);
  });

  it('finds brief.bib beside brief.md, after the .refs files', async () => {
    const bib = '@misc{bibkey,\n  title = {T}\n}\n';
    const root = await tempTree({ 'p/brief.md': '', 'p/brief.bib': bib, 'p/references.json': registry('folder') });
    const found = await findRegistry({ documentPath: join(root, 'p/brief.md'), projectRoot: join(root, 'p') });
    expect([found?.via, found?.references[0]?.id]).toEqual(['sibling', 'bibkey']);
  });
});

describe('findRegistry: explicit paths that do not exist', () => {
  it('an option path is an error, not a fall-through', async () => {
    const root = await tempTree(ALL);
    const error = await rejected(findRegistry({ documentPath: join(root, 'project/briefs/brief.md'), projectRoot: root, optionPath: join(root, 'missing.json') }));
    expect(error.message).toBe(`registry file not found: ${join(root, 'missing.json')} (given with --registry or the config's "registry")`);
  });

  it('a front matter path is an error naming the document', async () => {
    const root = await tempTree(ALL);
    const documentPath = join(root, 'project/briefs/brief.md');
    const error = await rejected(findRegistry({ documentPath, projectRoot: root, frontMatter: { references: 'nope.yaml' } }));
    expect(error.file).toBe(documentPath);
    expect(error.message).toBe(`registry file not found: ${join(root, 'project/briefs/nope.yaml')} (given as "references: nope.yaml" in the front matter)`);
  });

  it('front matter "references" that is not a path is an error', async () => {
    const root = await tempTree(ALL);
    const error = await rejected(findRegistry({ documentPath: join(root, 'project/briefs/brief.md'), projectRoot: root, frontMatter: { references: 3 } }));
    expect(error.message).toMatch(/must be the path of a registry or bibliography file, got 3/);
    const bibliography = await rejected(findRegistry({ documentPath: join(root, 'project/briefs/brief.md'), projectRoot: root, frontMatter: { bibliography: ['ok.bib', {}] } }));
    expect(bibliography.message).toMatch(/"bibliography" in the front matter must be the path/);
  });

  it('an invalid registry found by name is an error too', async () => {
    const root = await tempTree({ 'p/brief.md': '', 'p/brief.refs.json': '{"references": [{"id": 1, "kind": "blog"}]}' });
    const error = await rejected(findRegistry({ documentPath: join(root, 'p/brief.md'), projectRoot: join(root, 'p') }));
    expect(error.file).toBe(join(root, 'p/brief.refs.json'));
    expect(error.message).toMatch(/"kind" must be one of/);
  });
});
