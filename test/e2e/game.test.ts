import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { getScenario, parseLog, verify } from '../../src/index.js';
import { shot, startE2E, type E2E } from './harness.js';

/* End to end: the production build served by vite preview, played in Debian's Chromium. */

let e2e: E2E | undefined;
let browser: Browser | undefined;
let base = '';

beforeAll(async () => {
  e2e = await startE2E();
  ({ browser, base } = e2e);
}, 180_000);

afterAll(async () => {
  await e2e?.close();
});

const handle = (page: Page) =>
  page.evaluate(() => ({
    renderer: window.__phaseShift?.renderer,
    week: window.__phaseShift?.week(),
    decisions: window.__phaseShift?.decisions(),
    status: window.__phaseShift?.status(),
  }));

async function playAWeek(page: Page): Promise<void> {
  const card = page.locator('.decisions button.card:not([disabled])').first();
  await card.click();
  await expect.poll(() => page.locator('[data-testid=message]').textContent()).toContain('✓');
  const before = (await handle(page)).week ?? 0;
  await page.locator('body').press('Enter');
  await expect.poll(async () => (await handle(page)).week).toBe(before + 1);
}

describe('the browser game (production build)', () => {
  it('starts, plays, survives a reload and exports a verifiable log', async () => {
    const context = await (browser as Browser).newContext({ viewport: { width: 1280, height: 720 }, acceptDownloads: true });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(base);
    await page.locator('input[name=scenario][value="devtools-codegen"]').check({ force: true });
    await page.locator('input[name=seed]').fill('e2e-seed');
    await page.locator('input[name=player]').fill('E2E Tester');
    await page.locator('#start').click();
    await page.waitForFunction(() => window.__phaseShift !== undefined);
    expect((await handle(page)).renderer).toBe('webgl');
    await expect.poll(() => page.locator('[data-testid=renderer]').textContent()).toBe('WebGL');
    // The live forecast of the planned week is on screen before anything is ended.
    await expect.poll(() => page.locator('[data-testid=forecast]').textContent()).toMatch(/After End week: cash \$[\d.]+[kM]? \([+−]\$/);
    expect(await page.locator('.decisions button.card[disabled] .why').count()).toBeGreaterThan(0);
    for (let i = 0; i < 4; i++) await playAWeek(page);
    const before = await handle(page);
    expect(before.week).toBe(5);
    await page.reload();
    await page.waitForFunction(() => window.__phaseShift !== undefined);
    const after = await handle(page);
    expect(after).toEqual(before);
    expect(await page.locator('[data-testid=week]').textContent()).toContain('Week 5/');
    await page.screenshot({ path: shot('game.png') });
    const download = page.waitForEvent('download');
    await page.locator('[data-action=download]').click();
    const file = await (await download).path();
    const parsed = parseLog(readFileSync(file, 'utf8'));
    if (!parsed.ok) throw new Error(`log does not parse: ${JSON.stringify(parsed.error)}`);
    expect(parsed.log.header.player).toBe('E2E Tester');
    const loaded = getScenario('devtools-codegen');
    const result = verify(parsed.log, loaded!.scenario);
    expect(result).toMatchObject({ ok: true });
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('explains a bad link instead of showing a blank page', async () => {
    const page = await (browser as Browser).newPage();
    await page.goto(`${base}?scenario=nope&seed=1`);
    await expect.poll(() => page.locator('[role=alert]').textContent()).toContain('unknown scenario');
    await page.close();
  });
});
