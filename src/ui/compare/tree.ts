import { Container, Graphics, type Application } from 'pixi.js';
import { startPixi } from '../pixi-app.js';
import type { Group } from '../../analysis/compare-types.js';
import { bandLayout, valueColor, type Band } from '../../analysis/compare-layout.js';
import type { RendererName } from '../pixi-app.js';
import { GRID, INK, label, MUTED } from '../chart.js';

/* The divergence tree drawn with pixi (same set-up as the dashboard: WebGL preferred, no
 * ticker, one render per change). Weeks run left to right; each branch is a band as tall as its
 * number of players, filled by its mean outcome value and labelled with that number, so colour
 * is never the only signal. Hovering or clicking a band reports its branch. */

const BG = 0x0d1117;
const PAD = { l: 10, r: 14, t: 26, b: 22 };

/** A band's rectangle in CSS pixels, relative to the canvas (tests click these). */
export interface BandRect {
  id: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The pixi canvas that draws one group's divergence tree. */
export class TreeCanvas {
  private rects: BandRect[] = [];
  private rootLabel: BandRect | null = null;
  private hovered: string | null = null;
  private selected: string | null = null;
  private readonly shapes = new Map<string, { g: Graphics; rect: BandRect; color: number }>();
  /** Called when a band is clicked (or tapped). */
  onSelect: (id: string) => void = () => undefined;
  /** Called when the pointer enters a band (id) or leaves it (null). */
  onHover: (id: string | null) => void = () => undefined;

  private constructor(
    private readonly app: Application,
    readonly renderer: RendererName,
    readonly width: number,
    readonly height: number,
  ) {}

  /** Mounts the canvas, asking for WebGL and falling back to canvas only if WebGL is missing. */
  static async mount(host: HTMLElement, width: number, height: number): Promise<TreeCanvas> {
    const { app, renderer } = await startPixi(width, height, BG);
    app.canvas.setAttribute('role', 'img');
    app.canvas.setAttribute(
      'aria-label',
      'Divergence tree: weeks left to right, one band per branch, as tall as its number of players and labelled with its mean outcome value. The branch list below says the same in words.',
    );
    app.canvas.dataset.testid = 'tree-canvas';
    host.appendChild(app.canvas);
    return new TreeCanvas(app, renderer, width, height);
  }

  /** Where each band was drawn last. */
  bandRects(): BandRect[] {
    return this.rects.map((r) => ({ ...r }));
  }

  /** Where the "first split" label was drawn: clicking it selects the root (everyone before the
   * split), whose band is too thin to hit when the split comes early. */
  rootLabelRect(): BandRect | null {
    return this.rootLabel ? { ...this.rootLabel } : null;
  }

  /** Draws a group's tree with one branch (or none) selected. */
  draw(group: Group, selected: string | null): void {
    this.selected = selected;
    this.hovered = null;
    this.shapes.clear();
    const old = this.app.stage.removeChildren();
    for (const o of old) o.destroy({ children: true });
    const { bands, weeks, players } = bandLayout(group.tree);
    const sx = (this.width - PAD.l - PAD.r) / Math.max(1, weeks);
    const unit = (this.height - PAD.t - PAD.b) / Math.max(1, players);
    this.axis(weeks, sx);
    this.rects = bands.map((b) => this.band(b, sx, unit));
    this.rootLabel = this.splitMarker(group.tree.firstSplit, group.tree.branches[0]?.id ?? null, sx);
    this.app.render();
  }

  private axis(weeks: number, sx: number): void {
    const g = new Graphics();
    const step = weeks > 60 ? 10 : 5;
    for (let w = 0; w <= weeks; w += step) {
      const x = PAD.l + w * sx;
      g.moveTo(x, PAD.t - 4)
        .lineTo(x, this.height - PAD.b)
        .stroke({ width: 1, color: GRID });
      const t = label(`wk ${w}`, 10, MUTED);
      t.position.set(Math.min(x - 10, this.width - 36), 6);
      this.app.stage.addChild(t);
    }
    this.app.stage.addChildAt(g, 0);
  }

  /** Marks one branch as selected (or none) without rebuilding the drawing. */
  select(id: string | null): void {
    const before = this.selected;
    this.selected = id;
    this.paint(before);
    this.paint(id);
    this.app.render();
  }

  private paint(id: string | null): void {
    const s = id === null ? undefined : this.shapes.get(id);
    if (!s) return;
    const selected = this.selected === id;
    const hover = this.hovered === id;
    s.g.clear().rect(s.rect.x, s.rect.y, s.rect.w, s.rect.h).fill({ color: s.color });
    s.g.stroke({ width: selected ? 3 : hover ? 2 : 1, color: selected ? INK : hover ? MUTED : BG, alignment: 1 });
  }

  private band(b: Band, sx: number, unit: number): BandRect {
    const rect = { id: b.branch.id, x: PAD.l + b.x0 * sx, y: PAD.t + b.y0 * unit, w: Math.max(4, (b.x1 - b.x0) * sx), h: (b.y1 - b.y0) * unit };
    const c = new Container();
    const g = new Graphics();
    this.shapes.set(b.branch.id, { g, rect, color: valueColor(b.branch.meanValue) });
    this.paint(b.branch.id);
    g.eventMode = 'static';
    g.cursor = 'pointer';
    g.on('pointertap', () => this.onSelect(b.branch.id));
    g.on('pointerover', () => this.hover(b.branch.id));
    g.on('pointerout', () => this.hover(null));
    c.addChild(g);
    const n = b.branch.players.length;
    const texts = [`${b.branch.meanValue} · ${n} ${n === 1 ? 'player' : 'players'}`, `${b.branch.meanValue} · ${n}`, `${b.branch.meanValue}`];
    const fit = texts.find((t) => t.length * 6.2 + 8 <= rect.w);
    if (fit && rect.h >= 13) {
      const t = label(fit, rect.h >= 20 ? 11 : 9.5, BG, true);
      t.position.set(rect.x + 4, rect.y + Math.min(rect.h, 24) / 2 - t.height / 2);
      t.eventMode = 'none';
      c.addChild(t);
    }
    this.app.stage.addChild(c);
    return rect;
  }

  private splitMarker(week: number | null, rootId: string | null, sx: number): BandRect | null {
    if (week === null) return null;
    const x = PAD.l + (week - 1) * sx;
    const g = new Graphics();
    for (let y = PAD.t; y < this.height - PAD.b; y += 8) g.moveTo(x, y).lineTo(x, Math.min(y + 4, this.height - PAD.b));
    g.stroke({ width: 1.5, color: INK });
    g.eventMode = 'none';
    const t = label(`first split: week ${week}`, 11, INK, true);
    t.position.set(Math.min(x + 4, this.width - t.width - 4), this.height - PAD.b + 4);
    this.app.stage.addChild(g, t);
    if (rootId === null) return null;
    t.eventMode = 'static';
    t.cursor = 'pointer';
    t.on('pointertap', () => this.onSelect(rootId));
    t.on('pointerover', () => this.hover(rootId));
    t.on('pointerout', () => this.hover(null));
    return { id: rootId, x: t.x, y: t.y, w: t.width, h: t.height };
  }

  private hover(id: string | null): void {
    if (this.hovered === id) return;
    const before = this.hovered;
    this.hovered = id;
    this.paint(before);
    this.paint(id);
    this.app.render();
    this.onHover(id);
  }
}
