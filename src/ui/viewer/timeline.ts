import { Container, Graphics, type Application, type Text } from 'pixi.js';
import { startPixi, type RendererName } from '../pixi-app.js';
import { label, MUTED } from '../chart.js';
import { drawStrip, drawStripCursor, weekAt, weekX, type MarkerHit, type StripSpec } from './strip.js';
import { drawEvaluation, evaluationCaption } from './eval-graph.js';

/* The bottom of the board, one pixi canvas: the evaluation graph above the timeline strip, with
 * one scrubber line through both. Click or drag to seek; click a marker to pick its decision.
 * What changes only with the analysis is drawn once; a seek redraws just the cursor. */

/** What the bottom area shows. */
export interface TimelineState extends Omit<StripSpec, 'x' | 'y' | 'w' | 'h'> {
  evaluation: readonly (number | undefined)[];
  waiting?: string;
  week: number;
  selected: number | null;
}

/** What a pointer on the canvas asks for. */
export type TimelinePick = { kind: 'week'; week: number } | { kind: 'decision'; seq: number };

const LEFT = 12;
const RIGHT = 12;
/** The graph sits under its caption line, so the caption never covers the curve. */
const GRAPH = { y: 17, h: 50 };
const STRIP = { y: 84, h: 40 };

/** The pixi timeline with its pointer handling. */
export class Timeline {
  private hits: MarkerHit[] = [];
  private weeks = 1;
  private drawn: { items: unknown; evaluation: unknown; weeks: number } | null = null;
  private readonly base = new Container();
  private readonly cursor = new Graphics();
  private readonly caption: Text = label('', 10, MUTED);

  /** The canvas, one Tab stop: ← → step through the decisions, Home/End go to the first/last. */
  get canvas(): HTMLCanvasElement {
    return this.app.canvas;
  }

  private constructor(
    private readonly app: Application,
    readonly renderer: RendererName,
    onPick: (p: TimelinePick) => void,
  ) {
    app.stage.addChild(this.base, this.cursor, this.caption);
    const canvas = app.canvas;
    let dragging = false;
    const pick = (ev: PointerEvent, first: boolean) => {
      const r = canvas.getBoundingClientRect();
      const x = ev.clientX - r.left;
      const y = ev.clientY - r.top;
      const hit = first ? this.hits.find((h) => Math.abs(h.x - x) <= h.r && Math.abs(h.y - y) <= h.r) : undefined;
      onPick(hit ? { kind: 'decision', seq: hit.seq } : { kind: 'week', week: weekAt(this.geometry(), x) });
    };
    canvas.addEventListener('pointerdown', (ev) => {
      dragging = true;
      canvas.setPointerCapture(ev.pointerId);
      pick(ev, true);
    });
    canvas.addEventListener('pointermove', (ev) => dragging && pick(ev, false));
    canvas.addEventListener('pointerup', () => (dragging = false));
    canvas.addEventListener('pointercancel', () => (dragging = false));
  }

  /** Creates the canvas in a host (WebGL, canvas only when WebGL is missing). */
  static async mount(host: HTMLElement, width: number, height: number, onPick: (p: TimelinePick) => void): Promise<Timeline> {
    const { app, renderer } = await startPixi(width, height, 0x0d1117);
    app.canvas.setAttribute('role', 'slider');
    app.canvas.tabIndex = 0;
    app.canvas.setAttribute('aria-valuemin', '1');
    app.canvas.setAttribute(
      'aria-label',
      'Timeline with the outcome estimate: ← and → step to the previous or next decision, Home and End to the first and last; click or drag to move to a week',
    );
    app.canvas.dataset.testid = 'strip';
    host.appendChild(app.canvas);
    return new Timeline(app, renderer, onPick);
  }

  private geometry(): { x: number; w: number; weeks: number } {
    return { x: LEFT, w: this.app.screen.width - LEFT - RIGHT, weeks: this.weeks };
  }

  private strip(s: TimelineState): StripSpec {
    const { x, w } = this.geometry();
    return { x, y: STRIP.y, w, h: STRIP.h, weeks: s.weeks, postFit: s.postFit, items: s.items };
  }

  /** Rebuilds graph, markers and labels when the analysis or the decisions changed. */
  private drawBase(s: TimelineState): void {
    if (this.drawn && this.drawn.items === s.items && this.drawn.evaluation === s.evaluation && this.drawn.weeks === s.weeks) return;
    this.drawn = { items: s.items, evaluation: s.evaluation, weeks: s.weeks };
    this.base.removeChildren().forEach((c) => c.destroy({ children: true }));
    const { x, w } = this.geometry();
    drawEvaluation(this.base, { x, y: GRAPH.y, w, h: GRAPH.h, weeks: s.weeks, values: s.evaluation, ...(s.waiting ? { waiting: s.waiting } : {}) });
    this.hits = drawStrip(this.base, this.strip(s));
  }

  /** Draws the board's week and decision: a cheap redraw of the cursor over a cached base. */
  draw(s: TimelineState): void {
    this.weeks = s.weeks;
    this.drawBase(s);
    const c = this.app.canvas;
    c.setAttribute('aria-valuemax', String(s.weeks));
    c.setAttribute('aria-valuenow', String(s.week));
    c.setAttribute('aria-valuetext', `week ${s.week} of ${s.weeks}`);
    const g = this.cursor.clear();
    drawStripCursor(
      g,
      this.strip(s),
      s.week,
      this.hits.find((h) => h.seq === s.selected),
    );
    const cx = weekX(this.geometry(), s.week);
    g.moveTo(cx, GRAPH.y)
      .lineTo(cx, STRIP.y + STRIP.h)
      .stroke({ width: 1.5, color: 0xffffff, alpha: 0.85 });
    g.poly([cx - 5, GRAPH.y, cx + 5, GRAPH.y, cx, GRAPH.y + 6]).fill({ color: 0xffffff });
    const hasValues = s.evaluation.some((v) => v !== undefined);
    this.caption.text = hasValues ? evaluationCaption(s.evaluation, s.week) : '';
    this.caption.position.set(LEFT, 2);
    this.app.render();
  }
}
