import { Application } from 'pixi.js';

/* One way to start a pixi canvas for every view (dashboard, timeline strip, divergence tree):
 * WebGL first, Canvas 2D only when WebGL is missing (and the renderer is reported, never hidden),
 * and no ticker — each view renders once per change, so an idle page does no work. */

/** Which pixi renderer a canvas got. */
export type RendererName = 'webgl' | 'canvas';

/** Starts an idle pixi application of a size and background; says which renderer it got. */
export async function startPixi(width: number, height: number, background: number): Promise<{ app: Application; renderer: RendererName }> {
  const base = { width, height, antialias: true, background, resolution: window.devicePixelRatio || 1, autoDensity: true, autoStart: false, sharedTicker: false };
  const app = new Application();
  try {
    await app.init({ ...base, preference: ['webgl'] });
  } catch {
    await app.init({ ...base, preference: ['canvas'] });
  }
  return { app, renderer: app.renderer.name === 'webgl' ? 'webgl' : 'canvas' };
}
