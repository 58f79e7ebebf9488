import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { OUTPUT, startE2E, type E2E } from './harness.js';
import { ENGINE_VERSION, encodeWorkshopCode, getBot, getScenario, parseLog, playGame, serializeLog, verify, type GameLog } from '../../src/index.js';
import { isDecisionLine } from '../../src/engine/log/format.js';

/* End to end: workshop codes and opened logs on the new-game screen of the production build. */

const SCENARIO = 'devtools-codegen';
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

let e2e: E2E | undefined;
let tmp = '';
let browser: Browser | undefined;
let base = '';

beforeAll(async () => {
  e2e = await startE2E();
  ({ browser, base } = e2e);
  tmp = mkdtempSync(join(tmpdir(), 'phase-shift-e2e-logs-'));
}, 180_000);

afterAll(async () => {
  await e2e?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

const loaded = () => {
  const l = getScenario(SCENARIO);
  if (!l) throw new Error(`no scenario ${SCENARIO}`);
  return l;
};

const codeFor = (seed: string, engineVersion = ENGINE_VERSION) =>
  encodeWorkshopCode({ scenarioId: SCENARIO, scenarioVersion: loaded().scenario.version, scenarioHash: loaded().hash, seed, engineVersion });

/** Changes one character of a code's body (never a dash, never the PS1 head). */
function mistype(code: string): string {
  const i = code.length - 3;
  const c = code[i] ?? '0';
  const other = ALPHABET[(ALPHABET.indexOf(c) + 7) % 32] ?? '1';
  return code.slice(0, i) + other + code.slice(i + 1);
}

const handle = (page: Page) => page.evaluate(() => ({ week: window.__phaseShift?.week(), decisions: window.__phaseShift?.decisions(), status: window.__phaseShift?.status() }));

async function freshPage(): Promise<Page> {
  const context = await (browser as Browser).newContext({ viewport: { width: 1280, height: 860 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  (page as Page & { errors: string[] }).errors = errors;
  await page.goto(base);
  return page;
}

async function enterCode(page: Page, code: string): Promise<void> {
  await page.locator('#code').fill(code);
  await page.locator('#join').click();
}

/** A log of the first `weeks` weeks of a bot's game, as the game would have saved it. */
function partialLog(seed: string, weeks: number): { text: string; decisions: number; log: GameLog } {
  const sc = loaded().scenario;
  const bot = getBot('phase-aware');
  if (!bot) throw new Error('no phase-aware bot');
  const game = playGame(sc, seed, bot, { record: true, checkpoints: true });
  const entries = game.entries().filter((e) => e.week <= weeks);
  const log: GameLog = {
    header: {
      kind: 'header',
      format: 'phase-shift-log',
      version: 1,
      engine: ENGINE_VERSION,
      scenario: { id: sc.id, version: sc.version, hash: loaded().hash },
      seed,
      player: 'Log Player',
      createdAt: '2026-01-01T00:00:00.000Z',
    },
    entries,
  };
  const decisions = entries.filter((e) => e.kind === 'event' && isDecisionLine(e)).length;
  return { text: serializeLog(log), decisions, log };
}

describe('workshop codes and opened logs (production build)', () => {
  it('starts the pinned game from a typed code, explains typos and version mismatches', async () => {
    const page = await freshPage();
    mkdirSync(OUTPUT, { recursive: true });
    await page.screenshot({ path: join(OUTPUT, 'newgame.png'), fullPage: true });
    // The share panel shows the code of the chosen scenario and seed.
    await page.locator('input[name=seed]').fill('share-me');
    await expect.poll(() => page.locator('[data-testid=share-code]').textContent()).toBe(codeFor('share-me'));
    expect(await page.locator('[data-testid=share-url]').textContent()).toContain(`?code=${codeFor('share-me')}`);

    await enterCode(page, mistype(codeFor('workshop-7')));
    await expect.poll(() => page.locator('[data-testid=code-problem]').textContent()).toContain('checksum mismatch');
    expect(await page.evaluate(() => window.__phaseShift)).toBeUndefined();

    await enterCode(page, codeFor('workshop-7', '9.9.9'));
    await expect.poll(() => page.locator('[data-testid=code-problem]').textContent()).toContain(`the code says version 9.9.9, this build runs ${ENGINE_VERSION}`);
    expect(page.url()).toBe(base);
    await page.screenshot({ path: join(OUTPUT, 'newgame-mismatch.png') });

    await enterCode(page, `  ${codeFor('workshop-7').toLowerCase()} `);
    await page.waitForFunction(() => window.__phaseShift !== undefined);
    expect((await handle(page)).status).toMatch(/^preFit\.planning$/);
    expect(await page.locator('[data-testid=topbar]').textContent()).toContain(loaded().scenario.name);
    expect(await page.title()).toContain('seed workshop-7');
    expect(new URL(page.url()).searchParams.get('code')).toBe(codeFor('workshop-7'));

    // The same checks apply to a link.
    await page.goto(`${base}?code=${codeFor('workshop-7', '9.9.9')}`);
    await expect.poll(() => page.locator('[data-testid=code-problem]').textContent()).toContain('9.9.9');
    expect((page as Page & { errors: string[] }).errors).toEqual([]);
    await page.context().close();
  }, 60_000);

  it('continues an opened log at the right week and rejects corrupt or tampered logs whole', async () => {
    const page = await freshPage();
    const { text, decisions, log } = partialLog('log-seed', 3);
    const reparsed = parseLog(text);
    if (!reparsed.ok) throw new Error(`the test log does not parse: ${JSON.stringify(reparsed.error)}`);
    expect(verify(reparsed.log, loaded().scenario)).toMatchObject({ ok: true });
    expect(log.entries.at(-1)).toMatchObject({ kind: 'checkpoint', week: 3 });
    const lines = text.trimEnd().split('\n');

    const corrupt = [...lines];
    corrupt[4] = corrupt[4]!.slice(0, -3);
    writeFileSync(join(tmp, 'corrupt.jsonl'), `${corrupt.join('\n')}\n`);
    await page.locator('#openlog').setInputFiles(join(tmp, 'corrupt.jsonl'));
    await expect.poll(() => page.locator('[data-testid=log-problem]').textContent()).toContain('line 5');
    expect(await page.evaluate(() => Object.keys(localStorage).length)).toBe(0);

    writeFileSync(join(tmp, 'good.jsonl'), text);
    await page.locator('#openlog').setInputFiles(join(tmp, 'good.jsonl'));
    await page.waitForFunction(() => window.__phaseShift !== undefined);
    expect(await handle(page)).toEqual({ week: 4, decisions, status: 'preFit.planning' });
    expect(await page.locator('[data-testid=week]').textContent()).toContain('Week 4/');
    const saved = await page.evaluate(() => JSON.stringify(localStorage));

    // A tampered checkpoint parses but does not replay: rejected with its line, the save untouched.
    const at = lines.findIndex((l) => l.includes('"kind":"checkpoint"'));
    const tampered = [...lines];
    tampered[at] = tampered[at]!.replace(/"cash":(-?\d+)/, (_, n: string) => `"cash":${Number(n) + 1000}`);
    writeFileSync(join(tmp, 'tampered.jsonl'), `${tampered.join('\n')}\n`);
    await page.goto(base);
    await page.locator('#openlog').setInputFiles(join(tmp, 'tampered.jsonl'));
    await expect.poll(() => page.locator('[data-testid=log-problem]').textContent()).toContain(`line ${at + 1}`);
    expect(await page.evaluate(() => JSON.stringify(localStorage))).toBe(saved);
    expect((page as Page & { errors: string[] }).errors).toEqual([]);
    await page.context().close();
  }, 60_000);
});
