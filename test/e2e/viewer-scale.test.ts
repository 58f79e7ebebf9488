import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { parseLog } from '../../src/index.js';
import { recordedLog } from '../helpers.js';
import { annotatedLogText, NOTES, OPEN_BUDGET_MS } from '../bench/annotations.js';
import { shot, useE2E } from './harness.js';

/* End to end, defect 5 of issue 10 (the viewer froze on many annotations: 100k notes took 34 s):
 * the replay viewer on the production build opens a log carrying 100,000 coach's notes, shows
 * the board with every note taken in, and the time it took is measured beside the same log
 * without notes. The time is printed, not asserted (a shared machine's timing is no verdict);
 * the budget is 2 s. */

const e2e = useE2E();
const SEED = 'viewer-scale-e2e';
let tmp = '';

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'phase-shift-viewer-scale-'));
  const { text } = recordedLog(SEED);
  const parsed = parseLog(text);
  if (!parsed.ok) throw new Error(`the recorded log does not parse: ${parsed.error.message}`);
  writeFileSync(join(tmp, 'plain.jsonl'), text);
  writeFileSync(join(tmp, 'notes.jsonl'), annotatedLogText(parsed.log, NOTES));
});

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** Opens a file in a fresh page; returns the milliseconds from picking it to the board's first paint, and the page. */
async function timedOpen(file: string): Promise<{ ms: number; page: Page; errors: string[] }> {
  const context = await e2e().browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${e2e().base}?view=replay`);
  const started = Date.now();
  await page.locator('[data-testid=viewer-file]').setInputFiles(join(tmp, file));
  await page.waitForFunction(() => window.__phaseShiftViewer !== undefined, undefined, { timeout: 120_000 });
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve(null))));
  return { ms: Date.now() - started, page, errors };
}

describe('defect 5: the viewer freezes on many annotations', () => {
  it(`opens a log with ${NOTES.toLocaleString('en-US')} notes (time measured beside the same log without notes)`, async () => {
    const plain = await timedOpen('plain.jsonl');
    expect(plain.errors).toEqual([]);
    await plain.page.context().close();

    const many = await timedOpen('notes.jsonl');
    const { page, errors } = many;
    expect(await page.locator('[data-testid=verified]').textContent()).toContain('verified');
    expect(await page.evaluate(() => window.__phaseShiftViewer?.annotations().length)).toBe(NOTES);
    // The decision list marks the annotated decisions, and the panel shows the selected one's notes.
    expect(await page.locator('.vlist .vitem .coach').count()).toBeGreaterThan(0);
    await page.screenshot({ path: shot('viewer-100k-notes.png') });
    expect(errors).toEqual([]);
    await page.context().close();
    console.info(
      `viewer open in Chromium: ${NOTES.toLocaleString('en-US')} notes ${many.ms} ms, no notes ${plain.ms} ms (budget ${OPEN_BUDGET_MS} ms for the annotated log; reported, not asserted)`,
    );
  }, 240_000);
});
