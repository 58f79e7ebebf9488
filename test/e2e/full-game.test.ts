import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { decide, getBot, getScenario, parseLog, playGame, scoreCard, startGame, verify, type Decision, type Game, type Scenario } from '../../src/index.js';
import { isDecisionLine } from '../../src/engine/log/format.js';
import { openIncidents, payingCustomers } from '../../src/engine/derive.js';
import { pct } from '../../src/ui/format.js';
import { openWithSave, shot, useE2E } from './harness.js';

/* A scripted path in the UI: resume a phase-aware game two weeks before its fit, end weeks
 * through the phase-switch interstitial, answer every crisis with its first enabled response,
 * and reach the score card; the downloaded log must verify. */

const SCENARIO = 'devtools-codegen';
/** Phase-aware reaches fit in week 40 on this seed; ending weeks alone from week 39 keeps it, with crises after. */
const SEED = 'det-9';
/** How many weeks before the fit week the save stops. */
const WEEKS_BEFORE = 2;

const e2e = useE2E();

/** The UI's crisis answer: the first enabled button (rollback, else hotfix), customers told, no postmortem. */
function firstResponse(game: Game, sc: Scenario): Decision {
  const inc = openIncidents(game.state())[0];
  if (!inc) throw new Error('crisis without an open incident');
  const make = (action: 'rollback' | 'hotfix'): Decision => ({ type: 'incident.respond', data: { incident: inc.id, action, communicate: true, postmortem: false } });
  return decide(game.state(), make('rollback'), { sc, table: game.table }).ok ? make('rollback') : make('hotfix');
}

/** The same path in Node: the save's prefix, then only End week and first responses. */
function plan(sc: Scenario) {
  const full = playGame(sc, SEED, getBot('phase-aware')!, { mode: 'live' });
  const fitWeek = full.state().fitWeek;
  if (fitWeek === null) throw new Error(`phase-aware does not reach fit on ${SEED}`);
  const game = startGame(sc, SEED, { mode: 'live' });
  const prefix: Decision[] = [];
  for (const e of full.entries()) {
    if (e.kind !== 'event' || !isDecisionLine(e)) continue;
    if (game.state().week > fitWeek - WEEKS_BEFORE) break;
    const d = { type: e.type, data: e.data } as Decision;
    if (!game.decide(d).ok) throw new Error('the bot game does not replay');
    prefix.push(d);
  }
  const startWeek = game.state().week;
  let atSwitch: { survey: string; retention: string; customers: number; crisis: boolean } | null = null;
  let crises = 0;
  for (let turn = 0; turn < 400 && game.state().phase !== 'ended'; turn++) {
    if (game.status().endsWith('crisis')) {
      crises++;
      if (!game.decide(firstResponse(game, sc)).ok) throw new Error('crisis answer refused');
      continue;
    }
    const before = game.state().phase;
    if (!game.decide({ type: 'week.end', data: {} }).ok) throw new Error('week.end refused');
    const s = game.state();
    if (before === 'preFit' && s.phase === 'postFit')
      atSwitch = { survey: pct(s.market.survey), retention: pct(s.market.retention), customers: payingCustomers(s), crisis: game.status().endsWith('crisis') };
  }
  return { prefix, startWeek, atSwitch, crises, ended: game.state().ended };
}

const peek = (page: Page) =>
  page.evaluate(() => ({
    week: window.__phaseShift?.week() ?? -1,
    decisions: window.__phaseShift?.decisions() ?? -1,
    status: window.__phaseShift?.status() ?? '',
    modal: document.querySelector('.modal-bg h2')?.textContent ?? null,
    crisis: document.querySelector('.modal.crisis') !== null,
    score: document.querySelector('[data-testid=score]') !== null,
  }));

/** Presses End week (Enter) and waits for the engine to accept it. */
async function endWeek(page: Page, decisions: number): Promise<void> {
  await page.locator('body').press('Enter');
  await page.waitForFunction((n) => (window.__phaseShift?.decisions() ?? 0) > n, decisions, { polling: 'raf' });
}

describe('a scripted path through the phase switch to the end', () => {
  it('shows the interstitial, switches to POST-FIT, survives crises and ends with a verifiable score card', async () => {
    const loaded = getScenario(SCENARIO);
    if (!loaded) throw new Error(`no scenario ${SCENARIO}`);
    const sc = loaded.scenario;
    const expected = plan(sc);
    expect(expected.atSwitch, 'ending weeks alone from the save should still reach fit').not.toBeNull();
    expect(expected.atSwitch?.crisis, 'no crisis should hide the interstitial').toBe(false);

    const page = await e2e().browser.newPage({ viewport: { width: 1280, height: 720 }, acceptDownloads: true });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await openWithSave(page, e2e().base, { scenario: SCENARIO, seed: SEED, player: 'Path Tester', createdAt: '2026-01-01T00:00:00.000Z', decisions: expected.prefix });
    expect(await peek(page)).toMatchObject({ week: expected.startWeek, decisions: expected.prefix.length, modal: null });
    const badge = page.locator('[data-testid=phase]');
    expect(await badge.textContent()).toContain('PRE-FIT');

    // End weeks until the phase switch.
    for (let i = 0; i <= WEEKS_BEFORE + 1; i++) {
      const now = await peek(page);
      if (now.modal !== null) break;
      await endWeek(page, now.decisions);
    }
    const dialog = page.locator('.modal-bg .modal');
    expect(await dialog.locator('h2').textContent()).toContain('Product–market fit confirmed');
    const text = (await dialog.textContent()) ?? '';
    const at = expected.atSwitch!;
    expect(text).toContain(`${at.survey} of users would be very disappointed`);
    expect(text).toContain(`retention ${at.retention}`);
    expect(text).toContain(`${at.customers} paying customers`);
    expect(await badge.textContent()).toContain('POST-FIT');
    await page.screenshot({ path: shot('phase-switch.png') });
    await dialog.locator('[data-action=close]').click();
    await page.waitForFunction(() => document.querySelector('.modal-bg') === null);

    // Keep ending weeks; answer every crisis with its first enabled response.
    let crises = 0;
    let postWeeks = 0;
    for (let turn = 0; turn < 400; turn++) {
      const now = await peek(page);
      if (now.score) break;
      if (now.crisis) {
        crises++;
        await page.locator('.modal.crisis button[data-response]:not([disabled])').first().click();
        await page.waitForFunction((n) => (window.__phaseShift?.decisions() ?? 0) > n, now.decisions, { polling: 'raf' });
        continue;
      }
      expect(now.modal, `unexpected dialog in week ${now.week}`).toBeNull();
      await endWeek(page, now.decisions);
      if (++postWeeks === 6) {
        await page.screenshot({ path: shot('post-fit-dashboard.png') });
        await page.locator('.dashboard').screenshot({ path: shot('post-fit-charts.png') });
      }
    }
    expect(crises).toBe(expected.crises);
    const score = page.locator('[data-testid=score]');
    await score.waitFor();
    expect(await page.locator('.modal-bg h2').textContent()).toContain('Game over');
    await page.screenshot({ path: shot('score-card.png') });
    await page.locator('.modal-bg .modal').evaluate((m) => m.scrollTo(0, 0));
    await page.screenshot({ path: shot('score-card-top.png') });
    const shown = await score.locator('tr td:first-child').allTextContents();

    const download = page.waitForEvent('download');
    await page.locator('.modal-bg [data-action=dl]').click();
    const parsed = parseLog(readFileSync(await (await download).path(), 'utf8'));
    if (!parsed.ok) throw new Error(`log does not parse: ${JSON.stringify(parsed.error)}`);
    expect(verify(parsed.log, sc)).toMatchObject({ ok: true });
    expect(parsed.log.header.player).toBe('Path Tester');
    const card = scoreCard(parsed.log, sc);
    expect(shown.length).toBeGreaterThan(3);
    expect(shown).toEqual(card.lines.map((l) => l.label));
    expect(card.ended).toBeTruthy();
    const last = parsed.log.entries.filter((e) => e.kind === 'checkpoint').at(-1);
    expect(last?.phase).toBe('ended');
    expect(last?.week).toBe(expected.ended?.week);
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);
});
