import type { Graphics, Text } from 'pixi.js';
import type { Scenario } from '../scenarios/schema.js';
import type { GameState } from '../engine/state.js';
import { monthOf, signoffThresholdHours } from '../engine/derive.js';
import { panel, type Scene, GRID, INK, MUTED } from './chart.js';
import { AMBER, BLUE, TEAL } from './palette.js';

/* The GPU budget: this month's hours against the reservation (on-demand overage marked), and the
 * per-item ledger against the founder sign-off line, with signed-off items ticked. */

type Rect = { x: number; y: number; w: number; h: number };

const NAME_W = 200;
/** The narrowest value column; a wider label narrows the bar instead of running past the panel. */
const VALUE_W = 150;
const RIGHT_PAD = 12;

/** A readable name for a ledger item (a feature, training, experiments…). */
export function itemName(sc: Scenario, id: string): string {
  if (id === 'training') return 'Model training';
  if (id === 'experiments') return 'Experiments';
  return sc.features.find((f) => f.id === id)?.name ?? sc.capabilities.find((c) => c.id === id)?.name ?? id;
}

const grouped = new Intl.NumberFormat('en-US');
const hours = (h: number) => `${grouped.format(Math.round(h))} h`;

function hatch(g: Graphics, x: number, y: number, w: number, h: number, color: number): void {
  g.rect(x, y, w, h).fill({ color, alpha: 0.3 });
  for (let i = 3; i < w; i += 5) g.moveTo(x + i, y).lineTo(x + i, y + h);
  g.stroke({ width: 2, color });
}

/** The month total's two value lines: hours used of reserved, and what is left or bought on demand. */
function totalTexts(c: Scene, s: GameState): Text[] {
  const used = s.gpu.monthUsed;
  const reserved = s.gpu.reservedHoursPerMonth;
  const over = used > reserved ? `▨ +${hours(used - reserved)} on demand` : `${hours(reserved - used)} reserved left`;
  return [c.text(`${hours(used)} of ${hours(reserved)} reserved`, 11, INK), c.text(over, 11, used > reserved ? AMBER : MUTED)];
}

function totalBar(c: Scene, g: Graphics, s: GameState, r: Rect, texts: Text[], valueW: number): void {
  const used = s.gpu.monthUsed;
  const reserved = s.gpu.reservedHoursPerMonth;
  const x0 = r.x + NAME_W;
  const w = r.w - NAME_W - valueW;
  const scale = w / Math.max(1, reserved, used);
  const y = r.y + 6;
  c.addChild(at(c.text('Month total', 12, INK, true), r.x + 12, y + 1));
  g.rect(x0, y, w, 16).fill({ color: 0x222c38 });
  g.rect(x0, y, Math.min(used, reserved) * scale, 16).fill({ color: BLUE });
  if (used > reserved) hatch(g, x0 + reserved * scale, y, (used - reserved) * scale, 16, AMBER);
  g.moveTo(x0 + reserved * scale, y - 4)
    .lineTo(x0 + reserved * scale, y + 20)
    .stroke({ width: 2, color: INK });
  texts.forEach((t, i) => c.addChild(at(t, x0 + w + 8, y - 4 + i * 14)));
}

function ledgerRows(sc: Scenario, s: GameState): [string, number][] {
  const rows = new Map<string, number>(Object.entries(s.gpu.ledger));
  for (const id of s.gpu.signedOff) if (!rows.has(id)) rows.set(id, 0);
  return [...rows.entries()].sort((a, b) => b[1] - a[1] || (itemName(sc, a[0]) < itemName(sc, b[0]) ? -1 : 1));
}

/** A ledger row's value label: its hours, and whether it was signed off or is over the line. */
function rowText(c: Scene, sc: Scenario, s: GameState, id: string, h: number): Text {
  const threshold = signoffThresholdHours(sc);
  const signed = s.gpu.signedOff.includes(id);
  return c.text(`${hours(h)}${signed ? '  ✓ signed off' : h > threshold ? '  ⚠ over sign-off' : ''}`, 11, signed ? 0x34d399 : h > threshold ? AMBER : MUTED);
}

function ledger(c: Scene, g: Graphics, sc: Scenario, s: GameState, r: Rect, texts: Text[], valueW: number): void {
  const threshold = signoffThresholdHours(sc);
  const rows = ledgerRows(sc, s);
  const x0 = r.x + NAME_W;
  const w = r.w - NAME_W - valueW;
  const scale = w / Math.max(1, threshold * 1.25, ...rows.map(([, h]) => h));
  const rowH = 22;
  const fit = Math.max(1, Math.floor((r.h - 20) / rowH));
  if (rows.length === 0) c.addChild(at(c.text('No GPU-hours booked yet this month.', 12, MUTED), r.x + 12, r.y + 4));
  rows.slice(0, fit).forEach(([id, h], i) => {
    const y = r.y + i * rowH;
    c.addChild(at(c.text(trim(itemName(sc, id), 28), 12, INK), r.x + 12, y + 2));
    g.rect(x0, y + 3, Math.max(1, h * scale), 14).fill({ color: id === 'training' ? 0xc084fc : id === 'experiments' ? TEAL : BLUE, alpha: 0.85 });
    const t = texts[i];
    if (t) c.addChild(at(t, x0 + w + 8, y + 3));
  });
  if (rows.length > fit) c.addChild(at(c.text(`+${rows.length - fit} more items`, 11, MUTED), r.x + 12, r.y + fit * rowH));
  const lx = x0 + threshold * scale;
  const bottom = r.y + Math.min(rows.length, fit) * rowH + 4;
  for (let y = r.y - 6; y < bottom; y += 8) g.moveTo(lx, y).lineTo(lx, Math.min(y + 4, bottom));
  g.stroke({ width: 1.5, color: AMBER });
  const t = c.text(`┆ founder sign-off ${hours(threshold)}/mo per item`, 10, AMBER);
  c.addChild(at(t, Math.max(r.x + 12, Math.min(lx - 4, r.x + r.w - RIGHT_PAD - t.width)), bottom + 2));
}

/** Draws the GPU budget panel for this month. */
export function drawGpuBudget(c: Scene, sc: Scenario, s: GameState, r: Rect): void {
  const g = panel(c, r, `GPU budget — month ${monthOf(Math.max(1, s.week), sc) + 1}, hours so far`);
  c.addChild(at(c.text('Reserved hours are prepaid; hours beyond them are bought on demand at a higher price.', 10, MUTED), r.x + 12, r.y + 26));
  const totals = totalTexts(c, s);
  const rowsH = r.h - 130;
  const fit = Math.max(1, Math.floor((rowsH - 20) / 22));
  const rows = ledgerRows(sc, s)
    .slice(0, fit)
    .map(([id, h]) => rowText(c, sc, s, id, h));
  const valueW = Math.max(VALUE_W, ...[...totals, ...rows].map((t) => Math.ceil(t.width) + 8 + RIGHT_PAD));
  totalBar(c, g, s, { x: r.x, y: r.y + 48, w: r.w, h: 28 }, totals, valueW);
  g.moveTo(r.x + 12, r.y + 84)
    .lineTo(r.x + r.w - 12, r.y + 84)
    .stroke({ width: 1, color: GRID });
  c.addChild(at(c.text('Ledger by item (this month)', 11, MUTED), r.x + 12, r.y + 90));
  const lg = c.graphics();
  c.addChild(lg);
  ledger(c, lg, sc, s, { x: r.x, y: r.y + 112, w: r.w, h: rowsH }, rows, valueW);
}

function trim(text: string, n: number): string {
  return text.length > n ? `${text.slice(0, n - 1)}…` : text;
}

function at<T extends { position: { set(x: number, y: number): void } }>(t: T, x: number, y: number): T {
  t.position.set(x, y);
  return t;
}
