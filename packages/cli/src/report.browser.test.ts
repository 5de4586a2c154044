import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from './main.js';

// The HTML report as a reader sees it: Debian's chromium (brought by scripts/ensure-chromium.mjs) opens the file
// the CLI wrote for the bundled examples. CITECHECK_CHROMIUM names another browser binary.
const repo = fileURLToPath(new URL('../../../', import.meta.url));
const executablePath = process.env.CITECHECK_CHROMIUM ?? '/usr/bin/chromium';
const screenshots = join(repo, 'test-output');

let browser: Browser;
let page: Page;
let dir: string;
const requests: string[] = [];

beforeAll(async () => {
  if (!existsSync(executablePath)) {
    throw new Error(`no browser at ${executablePath}: install Debian's chromium (apt-get install chromium) or set CITECHECK_CHROMIUM`);
  }
  dir = mkdtempSync(join(tmpdir(), 'citecheck-html-'));
  const quiet = { cwd: repo, isTTY: false, stdout: () => {}, stderr: () => {} };
  const code = await main(
    ['report', 'fixtures/seed/briefing.txt', 'fixtures/gold/tune/wildfire-smoke.txt', '-o', join(dir, 'report.html'), '--badge', join(dir, 'badge.svg'), '--jobs', '1'],
    quiet,
  );
  expect(code).toBe(0);
  browser = await chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  page.on('request', (request) => {
    if (!request.url().startsWith('file:')) requests.push(request.url());
  });
  await page.goto(pathToFileURL(join(dir, 'report.html')).href);
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

describe('the HTML report in a browser', () => {
  it('loads nothing from the network', () => {
    expect(requests).toEqual([]);
  });

  it('shows the totals and both briefings with every claim marked by its status', async () => {
    await expect(page.title()).resolves.toMatch(/^Citation coverage: \d+% cited$/);
    const statuses = await page.locator('.text .claim').evaluateAll((marks) => marks.map((m) => m.getAttribute('data-status')));
    // 13 claims in the seed, 16 in the wildfire briefing, every one in its place in the text.
    expect(statuses).toHaveLength(29);
    expect(new Set(statuses)).toEqual(new Set(['supported', 'unverified', 'uncited', 'flagged']));
    await expect(page.locator('.card b').first().textContent()).resolves.toMatch(/^\d+%$/);
  });

  it('shows a claim\'s finding on hover, hidden before', async () => {
    const flagged = page.locator('.text .claim.s-flagged').first();
    const tip = flagged.locator('.tip');
    expect(await tip.isVisible()).toBe(false);
    await flagged.hover();
    expect(await tip.isVisible()).toBe(true);
    expect(await tip.textContent()).toMatch(/^flagged.*(overgeneralised-claim|unsupported-number|unsupported-claim)/s);
  });

  it('shows it on keyboard focus too', async () => {
    await page.mouse.move(0, 0);
    const uncited = page.locator('.text .claim.s-uncited').first();
    await uncited.focus();
    await expect(uncited.locator('.tip').textContent()).resolves.toMatch(/^uncited/);
    expect(await uncited.locator('.tip').isVisible()).toBe(true);
  });

  it('sorts a table when its heading is clicked, and says which way', async () => {
    const table = page.locator('table.sortable').first();
    const claimsColumn = async (): Promise<number[]> => (await table.locator('tbody tr td:nth-child(2)').allTextContents()).map(Number);
    const heading = table.locator('th').nth(1);
    await heading.locator('button').click();
    expect(await heading.getAttribute('aria-sort')).toBe('ascending');
    const ascending = await claimsColumn();
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
    await heading.locator('button').click();
    expect(await heading.getAttribute('aria-sort')).toBe('descending');
    expect(await claimsColumn()).toEqual([...ascending].reverse());
  });

  it('links each uncited claim in the list to its place in the text', async () => {
    const link = page.locator('h2:has-text("Uncited claims") + ol a').first();
    const target = (await link.getAttribute('href')) ?? '';
    await link.click();
    expect(new URL(page.url()).hash).toBe(target);
    expect(await page.locator(`${target}`).getAttribute('data-status')).toBe('uncited');
  });

  it('renders, and the screenshot is saved for a person to look at', async () => {
    mkdirSync(screenshots, { recursive: true });
    const file = join(screenshots, 'report.png');
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: file, fullPage: false });
    expect(statSync(file).size).toBeGreaterThan(10_000);
    // Strings, not functions: the test is type-checked without the DOM library.
    await page.evaluate('document.activeElement?.blur()');
    const flagged = page.locator('.text .claim.s-flagged').first();
    await flagged.scrollIntoViewIfNeeded();
    await flagged.hover();
    await page.screenshot({ path: join(screenshots, 'report-finding.png') });
    expect(readFileSync(join(dir, 'badge.svg'), 'utf8')).toMatch(/aria-label="citations: \d+%"/);
  });
});
