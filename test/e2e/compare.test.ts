import { beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { compareLogs } from '../../src/analysis/compare.js';
import { getScenario } from '../../src/scenarios/registry.js';
import { recordedLog } from '../helpers.js';
import { shot, useE2E } from './harness.js';

/* The comparison view in Debian's Chromium: three logs of one seed (three bots) uploaded
 * through the file input, the leaderboard and its sorting, the pixi divergence tree and its
 * branches (the first-split label selecting everyone), the hand-off to the viewer, and rejected
 * files listed most serious first, with a log picked again said to be loaded already. */

const e2e = useE2E();
const BOTS = ['phase-aware', 'roadmap-driver', 'forever-scientist'];
let logs: { name: string; text: string }[] = [];
let expected: ReturnType<typeof compareLogs>['groups'][number] | undefined;
beforeAll(() => {
  logs = BOTS.map((bot) => ({ name: `${bot}.jsonl`, text: recordedLog('demo', Number.MAX_SAFE_INTEGER, bot).text }));
  expected = compareLogs(logs, getScenario).groups[0];
  if (!expected) throw new Error('the three bots’ logs of one seed should make one comparison group');
});
const upload = (files: { name: string; text: string }[]) => files.map((f) => ({ name: f.name, mimeType: 'application/jsonl', buffer: Buffer.from(f.text) }));

const boardNames = (page: Page) => page.$$eval('[data-testid=leaderboard] tbody tr [data-open]', (els) => els.map((e) => e.textContent ?? ''));
const order = (dim: string) => (expected?.rankings.find((r) => r.dimension === dim)?.rows ?? []).map((r) => expected?.players[r.player]?.name ?? '?');

function tampered(): { name: string; text: string } {
  const lines = (logs[0]?.text ?? '').split('\n');
  const at = lines.findIndex((l) => l.includes('"kind":"checkpoint"'));
  lines[at] = (lines[at] ?? '').replace(/"cash":(\d+)/, (_, c: string) => `"cash":${Number(c) + 1}`);
  return { name: 'tampered.jsonl', text: lines.join('\n') };
}

/** The leaderboard: three rows best first, then sorted on breaches and flipped. */
async function checkBoard(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=leaderboard] tbody tr').length === 3);
  expect(await boardNames(page)).toEqual(order('outcome'));
  const values = expected?.rankings[0]?.rows.map((r) => r.value) ?? [];
  expect(values).toEqual([...values].sort((a, b) => b - a));
  expect(new Set(values).size).toBe(3);
  expect(order('outcome')).not.toEqual(order('breaches'));
  await page.click('[data-sort=breaches]');
  expect(await boardNames(page)).toEqual(order('breaches'));
  expect(await page.getAttribute('th:has([data-sort=breaches])', 'aria-sort')).toBe('ascending');
  expect(await page.getAttribute('th:has([data-sort=outcome])', 'aria-sort')).toBeNull();
  await page.click('[data-sort=breaches]');
  expect(await boardNames(page)).toEqual([...order('breaches')].reverse());
  expect(await page.getAttribute('th:has([data-sort=breaches])', 'aria-sort')).toBe('descending');
}

/** The tree: the first split is said, and clicking a band lists that branch's players. */
async function checkTree(page: Page): Promise<void> {
  const split = expected?.tree.firstSplit;
  expect(split).toBeGreaterThan(0);
  expect(await page.textContent('[data-testid=tree-summary]')).toContain(`first split in week ${split}`);
  const branches = await page.evaluate(() => window.__phaseShiftCompare?.branches() ?? []);
  const target = branches.find((b) => b.parent === '0' && b.players.length === 1) ?? branches[1];
  if (!target?.rect) throw new Error('no branch band was drawn');
  const box = await page.locator('[data-testid=tree-canvas]').boundingBox();
  if (!box) throw new Error('the tree canvas is not on screen');
  await page.mouse.click(box.x + target.rect.x + target.rect.w / 2, box.y + target.rect.y + target.rect.h / 2);
  await page.mouse.move(2, 2);
  await page.waitForSelector('[data-testid=branch-player-list] li');
  const listed = await page.$$eval('[data-testid=branch-player-list] .pn', (els) => els.map((e) => e.textContent ?? ''));
  expect(listed).toEqual(target.players);
  expect(await page.getAttribute(`[data-branch="${target.id}"]`, 'aria-pressed')).toBe('true');
  const summary = await page.$eval('[data-testid=tree-summary]', (e) => e.scrollHeight - e.clientHeight);
  expect(summary).toBe(0);
  const label = await page.evaluate(() => window.__phaseShiftCompare?.rootLabel() ?? null);
  if (!label) throw new Error('no first-split label was drawn');
  await page.mouse.click(box.x + label.x + label.w / 2, box.y + label.y + label.h / 2);
  await page.mouse.move(2, 2);
  await page.waitForFunction(() => document.querySelector('[data-testid=branch-players] h3')?.textContent?.startsWith('Everyone'));
}

/** A listed player opens in the replay viewer; a tampered log, an empty file and a copy of a log
 * already added are refused by name (the tampered one first), nothing of them kept; a log picked
 * again under its own name is said to be loaded already. */
async function checkViewerAndTampered(page: Page): Promise<void> {
  const popup = page.waitForEvent('popup');
  await page.click('[data-testid=branch-player-list] [data-open]');
  const viewer = await popup;
  expect(viewer.url()).toMatch(/\?view=replay&stored=[a-z0-9-]+/);
  await viewer.close();
  const again = logs[1] ?? { name: '', text: '' };
  await page.setInputFiles('[data-testid=compare-files]', upload([{ name: 'a-empty.jsonl', text: '' }, tampered(), again]));
  await page.waitForSelector('[data-testid=compare-reloaded]');
  const problems = await page.$$eval('[data-testid=compare-problem]', (els) => els.map((e) => e.textContent ?? ''));
  expect(problems).toHaveLength(2);
  expect(problems[0]).toMatch(/^tampered\.jsonl does not reproduce \(line \d+: /);
  expect(problems[1]).toMatch(/^a-empty\.jsonl could not be read/);
  expect(await page.textContent('[data-testid=compare-reloaded]')).toBe(`Already loaded: ${again.name}.`);
  expect(await page.$eval('[data-testid=compare-problems]', (e) => e.scrollHeight - e.clientHeight)).toBe(0);
  expect(await page.evaluate(() => window.__phaseShiftCompare?.groups().flatMap((g) => g.players))).toEqual(logs.map((l) => l.name).sort());
  expect(await page.locator('[data-testid=leaderboard] tbody tr').count()).toBe(3);
  await page.setInputFiles('[data-testid=compare-files]', upload([{ name: 'copy.jsonl', text: logs[0]?.text ?? '' }]));
  await page.waitForFunction(() => document.querySelector('[data-testid=compare-problem]')?.textContent?.startsWith('copy.jsonl'));
  expect(await page.textContent('[data-testid=compare-problem]')).toBe(
    `copy.jsonl was not added: the same game as ${logs[0]?.name} (identical header and decisions); each game is compared once.`,
  );
  expect(await page.evaluate(() => window.__phaseShiftCompare?.groups().flatMap((g) => g.players))).toEqual(logs.map((l) => l.name).sort());
  expect(await page.locator('[data-testid=leaderboard] tbody tr').count()).toBe(3);
}

describe('workshop comparison in the browser', () => {
  test('three logs: leaderboard, sorting, the tree, a branch and its players; a tampered log and a copy are refused', async () => {
    const { browser, base } = e2e();
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    try {
      await page.goto(`${base}?view=compare`);
      await page.waitForFunction(() => window.__phaseShiftCompare !== undefined);
      expect(await page.evaluate(() => window.__phaseShiftCompare?.renderer)).toBe('webgl');
      await page.setInputFiles('[data-testid=compare-files]', upload(logs));
      await checkBoard(page);
      await checkTree(page);
      await page.screenshot({ path: shot('compare.png') });
      await checkViewerAndTampered(page);
    } finally {
      await page.close();
    }
  }, 120_000);
});
