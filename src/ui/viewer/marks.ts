import { MARK_GLYPH, type Mark } from '../../analysis/types.js';

/* How a mark looks everywhere in the viewer: a colour, a glyph and a shape, so colour is never
 * the only signal. */

/** The colour of each mark (pixi number). */
export const MARK_COLOR: Record<Mark, number> = { good: 0x34d399, inaccuracy: 0xfacc15, mistake: 0xfb923c, blunder: 0xef4444 };

/** The colour of a decision the analysis has not judged yet. */
export const UNJUDGED = 0x8b98a5;

/** The marker shape of each mark on the timeline strip. */
export const MARK_SHAPE: Record<Mark, 'circle' | 'triangle' | 'diamond' | 'cross'> = { good: 'circle', inaccuracy: 'triangle', mistake: 'diamond', blunder: 'cross' };

/** The CSS colour of a mark. */
export function markCss(mark: Mark): string {
  return `#${MARK_COLOR[mark].toString(16).padStart(6, '0')}`;
}

/** A mark as a short inline badge: glyph and word. */
export function markBadge(mark: Mark): string {
  return `<span class="mark mark-${mark}" title="${mark}">${MARK_GLYPH[mark]}</span>`;
}
