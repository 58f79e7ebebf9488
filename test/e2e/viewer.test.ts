import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { parseLog, replay, serializeLog, verify, type GameLog } from '../../src/index.js';
import { factsHash } from '../../src/engine/log/fork.js';
import { money } from '../../src/ui/format.js';
import { recordedLog, sc } from '../helpers.js';
import { openWithSave, shot, useE2E } from './harness.js';
import { isDecisionLine, type DecisionLine } from '../../src/engine/log/format.js';

/* End to end: the replay viewer (the coach's board) on the production build — open, verify,
 * analyse, seek, step, annotate, export, reopen, fork, and refuse a tampered log. */

const e2e = useE2E();
const SEED = 'viewer-e2e';
/** A misaligned archetype, so the board has blunders and flags to show. */
const BOT = 'premature-regulator';
const PLAYER = 'Rae Viewer';
let tmp = '';
let log: GameLog;
let text = '';

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'phase-shift-viewer-'));
  const r = recordedLog(SEED, undefined, BOT);
  log = { header: { ...r.header, player: PLAYER }, entries: r.entries };
  text = serializeLog(log);
  writeFileSync(join(tmp, 'game.jsonl'), text);
});

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

type Hook = { renderer: string; week: number; selected: number | null; analysed: boolean; seekMs: number; notes: { week: number; seq?: number; mark?: string; text: string }[] };
const hook = (page: Page) =>
  page.evaluate((): Hook | null => {
    const v = window.__phaseShiftViewer;
    return v ? { renderer: v.renderer, week: v.week(), selected: v.selected(), analysed: v.analysed(), seekMs: v.seekMs(), notes: v.annotations() } : null;
  });

async function freshPage(): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await e2e().browser.newContext({ viewport: { width: 1280, height: 720 }, acceptDownloads: true });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { context, page, errors };
}

async function openFile(page: Page, file: string): Promise<void> {
  await page.goto(`${e2e().base}?view=replay`);
  await page.locator('[data-testid=viewer-file]').setInputFiles(file);
}

async function download(page: Page, testid: string): Promise<string> {
  const wait = page.waitForEvent('download');
  await page.locator(`[data-testid=${testid}]`).click();
  return readFileSync(await (await wait).path(), 'utf8');
}

/** Clicks the timeline's evaluation graph above a week's column. */
async function clickWeek(page: Page, week: number, weeks: number): Promise<void> {
  const box = await page.locator('[data-testid=strip]').boundingBox();
  if (!box) throw new Error('no strip');
  await page.mouse.click(box.x + 12 + ((box.width - 24) * (week - 0.5)) / weeks, box.y + 30);
}

const listSeqs = (page: Page) => page.locator('.vitem').evaluateAll((els) => els.map((e) => Number((e as HTMLElement).dataset.seq)));

const NOTE = 'Runway was short here: test the riskiest belief first.';
type Note = Hook['notes'][number];

/** Opens the recorded log by the file picker and waits for the board, then for the analysis. */
async function openAndAnalyse(page: Page): Promise<void> {
  await openFile(page, join(tmp, 'game.jsonl'));
  await page.waitForFunction(() => window.__phaseShiftViewer !== undefined);
  expect((await hook(page))?.renderer).toBe('webgl');
  expect(await page.locator('[data-testid=verified]').textContent()).toContain('verified');
  expect(await page.locator('[data-testid=viewer-top]').textContent()).toContain(PLAYER);
  if (!(await hook(page))?.analysed) await page.screenshot({ path: shot('viewer-analysing.png') });
  await page.waitForFunction(() => window.__phaseShiftViewer?.analysed() === true, undefined, { timeout: 120_000 });
  expect(await page.locator('.vitem .mark:not(.pending)').count()).toBeGreaterThan(0);
  await page.screenshot({ path: shot('viewer-board.png') });
  const worst = page.locator('.vitem:has(.mark-blunder)').first();
  if ((await worst.count()) > 0) {
    await worst.click();
    await page.screenshot({ path: shot('viewer-blunder.png') });
  }
}

/** Clicks the timeline at a week: the dashboard shows the state a fold to that week gives. */
async function seekByClick(page: Page): Promise<number> {
  const weeks = Math.max(...log.entries.map((e) => e.week));
  const target = Math.min(weeks, 12);
  await clickWeek(page, target, weeks);
  const h = await hook(page);
  expect(h?.week).toBe(target);
  expect(h?.selected).toBeNull();
  expect(h?.seekMs).toBeGreaterThan(0);
  const caption = await page.locator('[data-testid=viewer-week]').textContent();
  expect(caption).toContain(`End of week ${target}/`);
  expect(caption).toContain(`cash ${money(replay(log, sc, target).cash)}`);
  return target;
}

/** ← → step decision by decision (from the week when none is selected), Home/End to the ends. */
async function stepWithKeys(page: Page, fromWeek: number): Promise<number[]> {
  const seqs = await listSeqs(page);
  const weekOf = await page.locator('.vitem').evaluateAll((els) => els.map((e) => Number((e as HTMLElement).dataset.week)));
  const selected = async () => (await hook(page))?.selected;
  await page.keyboard.press('ArrowRight');
  expect(await selected()).toBe(seqs.find((_, i) => (weekOf[i] ?? 0) > fromWeek));
  await page.keyboard.press('Home');
  expect(await selected()).toBe(seqs[0]);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  expect(await selected()).toBe(seqs[2]);
  await page.keyboard.press('ArrowLeft');
  expect(await selected()).toBe(seqs[1]);
  await page.keyboard.press('End');
  expect(await selected()).toBe(seqs[seqs.length - 1]);
  return seqs;
}

/** Writes a comment and a mark on a decision; returns the notes as the page holds them. */
async function annotate(page: Page, seq: number): Promise<Note[]> {
  await page.locator(`.vitem[data-seq="${seq}"]`).click();
  const week = (await hook(page))?.week ?? 0;
  await expect.poll(() => page.locator('[data-testid=alternatives] tbody tr').count()).toBeGreaterThanOrEqual(5);
  await page.locator('.vnote textarea').fill(NOTE);
  await page.locator('.vnote select[name=mark]').selectOption('mistake');
  await page.locator('.vnote [data-action=save-note]').click();
  const notes = (await hook(page))?.notes ?? [];
  expect(notes).toEqual([expect.objectContaining({ week, seq, mark: 'mistake', text: NOTE })]);
  expect(await page.locator(`.vitem[data-seq="${seq}"] .coach`).textContent()).toContain('?');
  await page.screenshot({ path: shot('viewer-annotated.png') });
  return notes;
}

/** Markdown and HTML carry the debrief and the note; the annotated log verifies. Returns its path. */
async function exportAll(page: Page): Promise<string> {
  const md = await download(page, 'export-md');
  expect(md).toContain(sc.name);
  expect(md).toContain(NOTE);
  const html = await download(page, 'export-html');
  expect(html.toLowerCase()).toContain('<html');
  expect(html).toContain('test the riskiest belief first');
  const annotated = await download(page, 'download-annotated');
  const parsed = parseLog(annotated);
  if (!parsed.ok) throw new Error(parsed.error.message);
  expect(verify(parsed.log, sc).ok).toBe(true);
  expect(parsed.log.entries.filter((e) => e.kind === 'annotation')).toHaveLength(1);
  const file = join(tmp, 'annotated.jsonl');
  writeFileSync(file, annotated);
  return file;
}

/** The same log opened again in this browser keeps the note (stored by facts hash); Delete removes it. */
async function reopenAndDelete(page: Page, seq: number, notes: Note[]): Promise<void> {
  await openFile(page, join(tmp, 'game.jsonl'));
  await page.waitForFunction(() => window.__phaseShiftViewer !== undefined);
  expect((await hook(page))?.notes).toEqual(notes);
  await page.locator(`.vitem[data-seq="${seq}"]`).click();
  await page.locator('.vnote [data-action=delete-note]').click();
  expect((await hook(page))?.notes).toEqual([]);
  expect(await page.locator(`.vitem[data-seq="${seq}"] .coach`).count()).toBe(0);
}

/** Drops a file on the open screen as a person dragging it from their desktop would. */
async function dropFile(page: Page, name: string, content: string): Promise<void> {
  // The open screen mounts after its module loads: dropping before it exists would drop nothing.
  await page.locator('[data-testid=drop]').waitFor();
  await page.evaluate(
    ([n, c]) => {
      const dt = new DataTransfer();
      dt.items.add(new File([c as string], n as string, { type: 'application/x-ndjson' }));
      document.querySelector('[data-testid=drop]')?.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    },
    [name, content],
  );
}

describe('the replay viewer (production build)', () => {
  it('opens a log, analyses it, seeks, steps, annotates, exports and reopens the annotated log', async () => {
    const { context, page, errors } = await freshPage();
    await openAndAnalyse(page);
    const week = await seekByClick(page);
    const seqs = await stepWithKeys(page, week);
    const pick = seqs[Math.min(5, seqs.length - 1)] as number;
    const notes = await annotate(page, pick);
    const annotated = await exportAll(page);
    await reopenAndDelete(page, pick, notes);
    await context.close();

    const second = await freshPage();
    await openFile(second.page, annotated);
    await second.page.waitForFunction(() => window.__phaseShiftViewer !== undefined);
    expect((await hook(second.page))?.notes).toEqual(notes);
    // A judged week's end is listed only once the analysis is in, so wait for it before looking.
    await second.page.waitForFunction(() => window.__phaseShiftViewer?.analysed() === true, undefined, { timeout: 60_000 });
    expect(await second.page.locator(`.vitem[data-seq="${pick}"] .coach`).count()).toBe(1);
    expect([...errors, ...second.errors]).toEqual([]);
    await second.context.close();
  });

  it('plays from here: a fork at the selected week with its own save, whose log names the parent', async () => {
    const { context, page, errors } = await freshPage();
    await page.goto(e2e().base);
    const saveKey = `phase-shift:save:${sc.id}:${SEED}`;
    const original = JSON.stringify({ scenario: sc.id, seed: SEED, player: PLAYER, createdAt: '2026-01-01T00:00:00.000Z', decisions: [] });
    await page.evaluate(([k, v]) => localStorage.setItem(k as string, v as string), [saveKey, original]);
    await page.route('**/logs/e2e-game.jsonl', (route) => route.fulfill({ body: text, contentType: 'application/x-ndjson' }));
    await page.goto(`${e2e().base}?view=replay&log=logs/e2e-game.jsonl`);
    await page.waitForFunction(() => window.__phaseShiftViewer !== undefined);
    const later = await page.locator('section[data-week]').evaluateAll((els) => els.map((e) => Number((e as HTMLElement).dataset.week)).find((w) => w >= 4));
    expect(later).toBeGreaterThanOrEqual(4);
    await page.locator(`section[data-week="${later}"] .vitem`).first().click();
    expect((await hook(page))?.week).toBe(later);
    await page.locator('[data-testid=fork]').click();
    await page.waitForFunction(() => window.__phaseShift !== undefined);
    expect(await page.evaluate(() => window.__phaseShift?.week())).toBe(later);
    expect(await page.locator('[data-testid=message]').textContent()).toContain(`week ${later}`);
    await page.screenshot({ path: shot('viewer-fork-game.png') });
    expect(await page.evaluate((k) => localStorage.getItem(k), saveKey)).toBe(original);

    const wait = page.waitForEvent('download');
    await page.locator('[data-action=download]').click();
    const forked = parseLog(readFileSync(await (await wait).path(), 'utf8'));
    if (!forked.ok) throw new Error(forked.error.message);
    expect(forked.log.header.fork).toEqual({ parent: factsHash(log), week: later });
    expect(verify(forked.log, sc).ok).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('refuses a tampered log with its line and field named and loads nothing; a dropped good log then opens', async () => {
    const { context, page } = await freshPage();
    const lines = text.trimEnd().split('\n');
    const at = lines.findIndex((l, i) => i > 0 && l.includes('"kind":"checkpoint"'));
    const line = JSON.parse(lines[at] as string) as { cash: number };
    lines[at] = JSON.stringify({ ...line, cash: line.cash + 1000 });
    writeFileSync(join(tmp, 'tampered.jsonl'), `${lines.join('\n')}\n`);
    await openFile(page, join(tmp, 'tampered.jsonl'));
    const reason = page.locator('[data-testid=viewer-reason]');
    await expect.poll(() => reason.textContent()).toContain(`line ${at + 1} (cash)`);
    expect(await page.evaluate(() => window.__phaseShiftViewer === undefined)).toBe(true);
    await page.screenshot({ path: shot('viewer-rejected.png') });

    await dropFile(page, 'broken.jsonl', `${lines.slice(0, 3).join('\n')}\n{"kind":"event","seq":"x"}\n`);
    await expect.poll(() => reason.textContent()).toContain('line 4');
    expect(await page.evaluate(() => window.__phaseShiftViewer === undefined)).toBe(true);
    await dropFile(page, 'dropped.jsonl', text);
    await page.waitForFunction(() => window.__phaseShiftViewer !== undefined);
    await context.close();
  });

  it('opens a finished game from its score card, and the new-game screen reaches the viewer and the comparison', async () => {
    const { context, page, errors } = await freshPage();
    const decisions = log.entries.filter((e): e is DecisionLine => e.kind === 'event' && isDecisionLine(e)).map((e) => ({ type: e.type, data: e.data }) as never);
    await openWithSave(page, e2e().base, { scenario: sc.id, seed: SEED, player: PLAYER, createdAt: '2026-01-01T00:00:00.000Z', decisions });
    await page.locator('[data-testid=debrief]').click();
    await page.waitForFunction(() => window.__phaseShiftViewer !== undefined);
    expect(new URL(page.url()).searchParams.get('view')).toBe('replay');
    expect(await page.locator('[data-testid=viewer-top]').textContent()).toContain(PLAYER);
    expect(await page.locator('.vitem').count()).toBe(decisions.filter((d: { type: string }) => d.type !== 'week.end').length);

    await page.goto(e2e().base);
    await page.locator('[data-testid=review-log]').click();
    await expect.poll(() => page.locator('[data-testid=viewer-file]').count()).toBe(1);
    await page.goto(e2e().base);
    await page.locator('[data-testid=compare-logs]').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('view')).toBe('compare');
    await page.goto(`${e2e().base}?view=replay&stored=no-such-key`);
    await expect.poll(() => page.locator('[data-testid=viewer-reason]').textContent()).toContain('no longer holds that log');
    await page.goto(`${e2e().base}?view=replay&log=javascript:alert(1)`);
    await expect.poll(() => page.locator('[role=alert]').first().textContent()).toContain('http(s) address');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('keeps the top bar within the window for a 200-character name; the board takes the keyboard; a reload reopens a picked log', async () => {
    const { context, page, errors } = await freshPage();
    const name = 'Bartholomew-Alexandria-'.repeat(9).slice(0, 200);
    await page.goto(`${e2e().base}?view=replay`);
    await dropFile(page, 'long-name.jsonl', serializeLog({ ...log, header: { ...log.header, player: name } }));
    await page.waitForFunction(() => window.__phaseShiftViewer !== undefined);
    const top = await page
      .locator('[data-testid=viewer-top]')
      .evaluate((el) => ({ scroll: el.scrollWidth, width: el.clientWidth, open: (el.querySelector('a.btn') as HTMLElement).getBoundingClientRect().right }));
    expect(top.scroll).toBeLessThanOrEqual(top.width);
    expect(top.open).toBeLessThanOrEqual(1280);
    expect(await page.locator('[data-testid=viewer-player]').getAttribute('title')).toBe(name);
    await page.screenshot({ path: shot('viewer-long-name.png') });

    // One Tab stop in the list, holding the focus once the log is open; ↓ moves to the next decision.
    const seqs = await listSeqs(page);
    expect(await page.locator('.vlist [tabindex="0"]').count()).toBe(1);
    expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.seq)).toBe(String(seqs[0]));
    await page.keyboard.press('ArrowDown');
    expect((await hook(page))?.selected).toBe(seqs[1]);
    expect(await page.locator(`.vitem[data-seq="${seqs[1]}"]`).getAttribute('tabindex')).toBe('0');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('.vlist'))).toBeNull();
    const strip = page.locator('[data-testid=strip]');
    expect(await strip.getAttribute('tabindex')).toBe('0');
    expect(await strip.getAttribute('aria-label')).toContain('Home');
    await strip.focus();
    await page.keyboard.press('End');
    expect((await hook(page))?.selected).toBe(seqs[seqs.length - 1]);

    expect(new URL(page.url()).searchParams.get('stored')).toBeTruthy();
    await page.reload();
    await page.waitForFunction(() => window.__phaseShiftViewer !== undefined);
    expect(await page.locator('[data-testid=viewer-player]').getAttribute('title')).toBe(name);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('says in plain words when a file is not a log, a URL has no log, or the server cannot be reached', async () => {
    const { context, page } = await freshPage();
    const reason = page.locator('[data-testid=viewer-reason]');
    await page.goto(`${e2e().base}?view=replay`);
    await dropFile(page, 'package.json', '{\n  "name": "not-a-log"\n}\n');
    await expect.poll(() => reason.textContent()).toBe('This file is not a Phase Shift game log: its first line is not a log header.');
    await page.goto(`${e2e().base}?view=replay&log=logs/missing.jsonl`);
    await expect.poll(() => reason.textContent()).toContain('No log at http');
    await page.route('**/logs/gone.jsonl', (route) => route.fulfill({ status: 404, body: 'gone' }));
    await page.goto(`${e2e().base}?view=replay&log=logs/gone.jsonl`);
    await expect.poll(() => reason.textContent()).toContain('(the server answered 404)');
    await page.route('**/logs/down.jsonl', (route) => route.abort('connectionrefused'));
    await page.goto(`${e2e().base}?view=replay&log=logs/down.jsonl`);
    await expect.poll(() => reason.textContent()).toContain('Could not reach http');
    await page.screenshot({ path: shot('viewer-unreachable.png') });
    expect(await page.evaluate(() => window.__phaseShiftViewer === undefined)).toBe(true);
    await context.close();
  });
});
