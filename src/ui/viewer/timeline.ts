import { Application, Container, Graphics } from 'pixi.js';
import type { RendererName } from '../dashboard.js';
import { drawStrip, weekAt, weekX, type MarkerHit, type StripSpec } from './strip.js';
import { drawEvaluation } from './eval-graph.js';

/* The bottom of the board, one pixi canvas: the evaluation graph above the timeline strip, with
 * one scrubber line through both. Click or drag to seek; click a marker to pick its decision. */

/** What the bottom area shows. */
export interface TimelineState extends Omit<StripSpec, 'x' | 'y' | 'w' | 'h'> {
  evaluation: readonly (number | undefined)[];
  waiting?: string;
}

/** What a pointer on the canvas asks for. */
export type TimelinePick = { kind: 'week'; week: number } | { kind: 'decision'; seq: number };

const LEFT = 12;
const RIGHT = 12;
const GRAPH = { y: 6, h: 58 };
const STRIP = { y: 84, h: 40 };

/** The pixi timeline with its pointer handling. */
export class Timeline {
  private hits: MarkerHit[] = [];
  private weeks = 1;

  private constructor(private readonly app: Application, readonly renderer: RendererName, onPick: (p: TimelinePick) => void) {
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
    const base = { width, height, antialias: true, background: 0x0d1117, resolution: window.devicePixelRatio || 1, autoDensity: true, autoStart: false, sharedTicker: false };
    const app = new Application();
    try {
      await app.init({ ...base, preference: ['webgl'] });
    } catch {
      await app.init({ ...base, preference: ['canvas'] });
    }
    app.canvas.setAttribute('role', 'img');
    app.canvas.setAttribute('aria-label', 'Evaluation graph and timeline strip: click or drag to move to a week');
    app.canvas.dataset.testid = 'strip';
    host.appendChild(app.canvas);
    return new Timeline(app, app.renderer.name === 'webgl' ? 'webgl' : 'canvas', onPick);
  }

  private geometry(): { x: number; w: number; weeks: number } {
    return { x: LEFT, w: this.app.screen.width - LEFT - RIGHT, weeks: this.weeks };
  }

  /** The x (in CSS pixels, from the canvas's left) of a week's column: for tests and tooltips. */
  xOf(week: number): number {
    return weekX(this.geometry(), week);
  }

  /** Redraws graph, strip and scrubber for a state. */
  draw(s: TimelineState): void {
    this.weeks = s.weeks;
    const root = new Container();
    const { x, w } = this.geometry();
    drawEvaluation(root, { x, y: GRAPH.y, w, h: GRAPH.h, weeks: s.weeks, values: s.evaluation, week: s.week, ...(s.waiting ? { waiting: s.waiting } : {}) });
    this.hits = drawStrip(root, { ...s, x, y: STRIP.y, w, h: STRIP.h });
    const cx = weekX({ x, w, weeks: s.weeks }, s.week);
    const scrub = new Graphics();
    scrub.moveTo(cx, GRAPH.y).lineTo(cx, STRIP.y + STRIP.h).stroke({ width: 1.5, color: 0xffffff, alpha: 0.85 });
    scrub.poly([cx - 5, GRAPH.y, cx + 5, GRAPH.y, cx, GRAPH.y + 6]).fill({ color: 0xffffff });
    root.addChild(scrub);
    const old = this.app.stage.removeChildren();
    old.forEach((c) => c.destroy({ children: true }));
    this.app.stage.addChild(root);
    this.app.render();
  }
}
