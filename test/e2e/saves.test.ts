import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { getBot, getScenario, playGame, startGame, type Decision } from '../../src/index.js';
import { isDecisionLine } from '../../src/engine/log/format.js';
import { makeHeader } from '../../src/engine/log/replay.js';
import { serializeLog } from '../../src/engine/log/parse.js';
import { useE2E } from './harness.js';

/* No decision is ever lost in the browser (issue 10, defects 1, 2, 3 and 12), in the production
 * build in Chromium: unreadable saves are kept aside and offered back, two tabs never both
 * write, a log never silently replaces a longer save, and an overlong name is refused. */

const SCENARIO = 'devtools-codegen';
const SEED = 'det-1';
const KEY = `phase-shift:save:${SCENARIO}:${SEED}`;
const QUERY = `?scenario=${SCENARIO}&seed=${SEED}`;
const e2e = useE2E();

const loaded = () => {
  const l = getScenario(SCENARIO);
  if (!l) throw new Error(`no scenario ${SCENARIO}`);
  return l;
};
const all: Decision[] = (() => {
  const game = playGame(loaded().scenario, SEED, getBot('phase-aware')!, { mode: 'live' });
  const out: Decision[] = [];
  for (const e of game.entries()) if (e.kind === 'event' && isDecisionLine(e)) out.push({ type: e.type, data: e.data } as Decision);
  return out;
})();
const v0 = (decisions: unknown[], extra: object = {}) =>
  JSON.stringify({ scenario: SCENARIO, seed: SEED, player: 'Ada', createdAt: '2026-01-01T00:00:00.000Z', decisions, ...extra });

const handle = (page: Page) => page.evaluate(() => ({ week: window.__phaseShift?.week(), decisions: window.__phaseShift?.decisions(), readOnly: window.__phaseShift?.readOnly() }));
const storage = (page: Page) => page.evaluate(() => Object.fromEntries(Object.keys(localStorage).map((k) => [k, localStorage.getItem(k) ?? ''])));
const backups = async (page: Page) => Object.entries(await storage(page)).filter(([k]) => k.startsWith('phase-shift:backup:'));

async function freshContext(): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await e2e().browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { context, page, errors };
}

/** Stores a save's raw text under the game's key, then opens the game. */
async function openWithText(page: Page, text: string): Promise<void> {
  await page.goto(e2e().base);
  await page.evaluate(([k, v]) => localStorage.setItem(k as string, v as string), [KEY, text]);
  await page.goto(`${e2e().base}${QUERY}`);
  await page.waitForFunction(() => window.__phaseShift !== undefined);
}

const CORRUPT: [string, string][] = [
  ['truncated JSON', v0(all.slice(0, 40)).slice(0, 1500)],
  ['an extra key', v0(all.slice(0, 40), { cheat: true })],
  ['an unknown decision type', v0([...all.slice(0, 25), { type: 'money.print', data: {} }, ...all.slice(25, 40)])],
  ['a missing field', JSON.stringify({ scenario: SCENARIO, seed: SEED, player: 'Ada', decisions: all.slice(0, 40) })],
  ['a save from a future build', JSON.stringify({ format: 'phase-shift-save', version: 99, scenario: SCENARIO, seed: SEED, decisions: all.slice(0, 40), shiny: 1 })],
  ['a save that stops replaying', v0([...all.slice(0, 30), { type: 'contract.sign', data: { offer: 999 } }, ...all.slice(30, 40)])],
];

describe('defect 1: a save that fails its schema is kept aside and offered, never thrown away', () => {
  it.each(CORRUPT)('%s: the save is backed up, left in place, and the player is told', async (_, text) => {
    const { context, page, errors } = await freshContext();
    await openWithText(page, text);
    const dialog = page.locator('.modal.save-problem');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await dialog.textContent()).toContain('could not be read');
    expect(await dialog.locator('[data-testid=save-reason]').textContent()).toMatch(/cannot be resumed: .+/);
    for (const id of ['save-download', 'save-recover', 'save-fresh']) expect(await dialog.locator(`[data-testid=${id}]`).isEnabled()).toBe(true);
    const kept = await backups(page);
    expect(kept.map(([, v]) => v)).toEqual([text]);
    // A click behind the dialog writes nothing: the save is exactly as it was.
    await page.locator('body').press('Enter');
    expect((await storage(page))[KEY]).toBe(text);
    expect((await handle(page)).decisions).toBe(0);
    // Recovery replays what it can and says how much.
    await dialog.locator('[data-testid=save-recover]').click();
    await expect.poll(() => dialog.locator('h2').textContent()).toMatch(/^Recovered \d+ of \d+ decisions$/);
    const [, got, found] = /Recovered (\d+) of (\d+)/.exec((await dialog.locator('h2').textContent()) ?? '') ?? [];
    expect(Number(got)).toBe((await handle(page)).decisions);
    expect(Number(found)).toBeGreaterThan(0);
    await dialog.locator('[data-testid=save-continue]').click();
    const after = await storage(page);
    expect(JSON.parse(after[KEY] ?? '{}')).toMatchObject({ format: 'phase-shift-save', version: 1, decisions: all.slice(0, Number(got)) });
    expect((await backups(page)).map(([, v]) => v)).toEqual([text]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('recovers the valid prefix: 25 of 41 before an unknown decision, 30 of 41 before one the rules refuse', async () => {
    for (const [i, want] of [
      [2, '25 of 41'],
      [5, '30 of 41'],
    ] as const) {
      const { context, page } = await freshContext();
      await openWithText(page, CORRUPT[i]![1]);
      await page.locator('[data-testid=save-recover]').click();
      await expect.poll(() => page.locator('.modal.save-problem h2').textContent()).toBe(`Recovered ${want} decisions`);
      await context.close();
    }
  });

  it('download gives the kept-aside save byte for byte', async () => {
    const { context, page, errors } = await freshContext();
    const text = CORRUPT[0]![1];
    await openWithText(page, text);
    const wait = page.waitForEvent('download');
    await page.locator('[data-testid=save-download]').click();
    const file = await wait;
    expect(file.suggestedFilename()).toBe(`phase-shift-save-${SCENARIO}-${SEED}.json`);
    expect(readFileSync(await file.path(), 'utf8')).toBe(text);
    expect(await page.locator('.modal.save-problem').isVisible()).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('start fresh plays from week 1, keeps the backup and lists it on the new-game screen', async () => {
    const { context, page, errors } = await freshContext();
    const text = CORRUPT[1]![1];
    await openWithText(page, text);
    await page.locator('[data-testid=save-fresh]').click();
    expect(await page.locator('.modal.save-problem').count()).toBe(0);
    expect(await page.locator('[data-testid=message]').textContent()).toContain('kept as a backup');
    expect((await storage(page))[KEY]).toBeUndefined();
    await page.locator('body').press('Enter');
    await expect.poll(async () => (await handle(page)).week).toBe(2);
    expect(JSON.parse((await storage(page))[KEY] ?? '{}').decisions).toHaveLength(1);
    expect((await backups(page)).map(([, v]) => v)).toEqual([text]);
    // A reload resumes the fresh game with no dialog.
    await page.reload();
    await page.waitForFunction(() => window.__phaseShift !== undefined);
    expect(await handle(page)).toMatchObject({ week: 2, decisions: 1 });
    expect(await page.locator('.modal.save-problem').count()).toBe(0);
    await page.goto(e2e().base);
    await expect.poll(() => page.locator('[data-testid=backups] li').count()).toBe(1);
    const wait = page.waitForEvent('download');
    await page.locator('[data-testid=backups] button').click();
    expect(readFileSync(await (await wait).path(), 'utf8')).toBe(text);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('an unversioned save of an older build is upcast and resumed whole', async () => {
    const { context, page, errors } = await freshContext();
    await openWithText(page, v0(all.slice(0, 40)));
    expect(await handle(page)).toMatchObject({ decisions: 40, readOnly: false });
    expect(await page.locator('.modal.save-problem').count()).toBe(0);
    await page.locator('body').press('Enter');
    await expect.poll(async () => JSON.parse((await storage(page))[KEY] ?? '{}')).toMatchObject({ format: 'phase-shift-save', version: 1, player: 'Ada' });
    expect(await backups(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('defect 2: two tabs on one game have one writer', () => {
  it('the second tab is read-only and says so, follows the first, may take over, and takes over when the first closes', async () => {
    const { context, page: a, errors } = await freshContext();
    const endWeek = (p: Page) => p.locator('[data-action=endweek]').click();
    await a.goto(`${e2e().base}${QUERY}`);
    await a.waitForFunction(() => window.__phaseShift !== undefined);
    const b = await context.newPage();
    b.on('pageerror', (e) => errors.push(e.message));
    await b.goto(`${e2e().base}${QUERY}`);
    await b.waitForFunction(() => window.__phaseShift !== undefined);
    expect((await handle(a)).readOnly).toBe(false);
    expect((await handle(b)).readOnly).toBe(true);
    expect(await b.locator('[data-testid=readonly-banner]').textContent()).toContain('open in another tab');

    await endWeek(a);
    await endWeek(a);
    await endWeek(b);
    expect(await b.locator('[data-testid=message]').textContent()).toContain('read-only');
    const saved = () => a.evaluate((k) => JSON.parse(localStorage.getItem(k) ?? '{"decisions":[]}').decisions.length as number, KEY);
    expect(await saved()).toBe(2);
    await expect.poll(async () => (await handle(b)).decisions).toBe(2);

    // Taking over explicitly: b writes, a becomes read-only and says why.
    await b.locator('[data-testid=take-over]').click();
    await expect.poll(async () => (await handle(b)).readOnly).toBe(false);
    await expect.poll(async () => (await handle(a)).readOnly).toBe(true);
    expect(await a.locator('[data-testid=readonly-banner]').textContent()).toContain('took this game over');
    expect(await b.locator('[data-testid=readonly-banner]').count()).toBe(0);
    await endWeek(a);
    await endWeek(b);
    await expect.poll(saved).toBe(3);
    await expect.poll(async () => (await handle(a)).decisions).toBe(3);

    // When the writing tab closes, the other one takes over and nothing is lost.
    await b.close();
    await expect.poll(async () => (await handle(a)).readOnly).toBe(false);
    expect(await a.locator('[data-testid=readonly-banner]').count()).toBe(0);
    await endWeek(a);
    await expect.poll(saved).toBe(4);
    expect(await handle(a)).toMatchObject({ week: 5, decisions: 4 });
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('defect 3: continuing from a log never silently replaces a longer save', () => {
  it('asks in the page first, keeps the save on "no", and keeps it as a backup on "yes"', async () => {
    const { context, page, errors } = await freshContext();
    const game = startGame(loaded().scenario, SEED);
    for (const d of all.slice(0, 10)) expect(game.decide(d).ok).toBe(true);
    const header = makeHeader(loaded().scenario, loaded().hash, SEED, { player: 'Ada', createdAt: '2026-01-01T00:00:00.000Z' });
    const log = { name: 'short.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from(serializeLog({ header, entries: [...game.entries()] })) };
    const long = v0(all.slice(0, 30));
    await page.goto(e2e().base);
    await page.evaluate(([k, v]) => localStorage.setItem(k as string, v as string), [KEY, long]);
    await page.reload();

    await page.locator('#openlog').setInputFiles(log);
    const confirm = page.locator('.modal.confirm');
    await expect.poll(() => confirm.isVisible()).toBe(true);
    expect(await confirm.getAttribute('role')).toBe('alertdialog');
    expect(await confirm.locator('[data-testid=replace-detail]').textContent()).toMatch(/with 30 decisions; the log has 10, fewer than your save/);
    await confirm.locator('[data-testid=confirm-cancel]').click();
    await expect.poll(() => page.locator('[data-testid=log-kept]').textContent()).toContain('Kept your saved game with its 30 decisions');
    expect(await storage(page)).toEqual({ [KEY]: long });

    await page.locator('#openlog').setInputFiles(log);
    await page.locator('.modal.confirm [data-testid=confirm-ok]').click();
    await page.waitForFunction(() => window.__phaseShift !== undefined);
    expect(await handle(page)).toMatchObject({ decisions: 10, readOnly: false });
    expect((await backups(page)).map(([, v]) => v)).toEqual([long]);
    expect(JSON.parse((await storage(page))[KEY] ?? '{}').decisions).toEqual(all.slice(0, 10));
    expect(errors).toEqual([]);
    await context.close();
  });

  it('does not ask when the log continues the save', async () => {
    const { context, page, errors } = await freshContext();
    const game = startGame(loaded().scenario, SEED);
    for (const d of all.slice(0, 12)) game.decide(d);
    const header = makeHeader(loaded().scenario, loaded().hash, SEED, { player: 'Ada', createdAt: '2026-01-01T00:00:00.000Z' });
    await page.goto(e2e().base);
    await page.evaluate(([k, v]) => localStorage.setItem(k as string, v as string), [KEY, v0(all.slice(0, 5))]);
    await page
      .locator('#openlog')
      .setInputFiles({ name: 'longer.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from(serializeLog({ header, entries: [...game.entries()] })) });
    await page.waitForFunction(() => window.__phaseShift !== undefined);
    expect((await handle(page)).decisions).toBe(12);
    expect(await backups(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('defect 12: the new-game form keeps the log header’s limit on the player name', () => {
  it('refuses a 250-character name with a message and starts nothing', async () => {
    const { context, page, errors } = await freshContext();
    await page.goto(e2e().base);
    await page.locator('input[name=player]').fill('n'.repeat(250));
    expect(await page.locator('input[name=player]').inputValue()).toHaveLength(250);
    await page.locator('#start').click();
    await expect
      .poll(() => page.locator('[data-testid=player-problem]').textContent())
      .toBe('Your name is 250 characters long; a game log keeps at most 200. Shorten it to start.');
    await page.locator('#code').fill('PS1-anything');
    await page.locator('#join').click();
    expect(new URL(page.url()).search).toBe('');
    expect(await storage(page)).toEqual({});
    await page.locator('input[name=player]').fill('n'.repeat(200));
    await expect.poll(() => page.locator('[data-testid=player-problem]').textContent()).toBe('');
    await page.locator('#start').click();
    await page.waitForFunction(() => window.__phaseShift !== undefined);
    await page.locator('body').press('Enter');
    await expect.poll(async () => Object.values(await storage(page)).map((v) => JSON.parse(v).player as string)).toEqual(['n'.repeat(200)]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
