/* The chart colours of the pixi views, in one place so the dashboard's panels agree. Colour is
 * never the only signal: every series also has a label or a shape. */

/** Teal: the pre-fit lab, labels and healthy figures. */
export const TEAL = 0x2dd4bf;
/** Amber: post-fit operations, warnings and the sign-off line. */
export const AMBER = 0xf59e0b;
/** Red: breaches, overruns and running out. */
export const RED = 0xef4444;
/** Blue: cash, payroll and the first series of a chart. */
export const BLUE = 0x60a5fa;
/** Violet: the second series (GPU spend, concept drift). */
export const VIOLET = 0xc084fc;
