import type { Bot } from './types.js';
import { randomBot } from './random.js';
import { phaseAwareBot } from './phase-aware.js';
import { LESSON_BOTS } from './lessons.js';
import { parametricFromName } from './parametric.js';
import { dataHoarderBot, foreverScientistBot, gpuBlindBot, prematureRegulatorBot, roadmapDriverBot } from './archetypes.js';

/* The registry of bots by name (for the CLI, balance runs and tests). */

/** Every bot, by name: the reference policy, the five misaligned archetypes, and random. */
export const BOTS: Record<string, Bot> = Object.fromEntries(
  [phaseAwareBot, foreverScientistBot, prematureRegulatorBot, roadmapDriverBot, dataHoarderBot, gpuBlindBot, randomBot].map((b) => [b.name, b]),
);

/** A bot by name, or undefined: the default bots, the lesson variants, or a parametric policy by its code. */
export function getBot(name: string): Bot | undefined {
  if (Object.prototype.hasOwnProperty.call(BOTS, name)) return BOTS[name];
  if (Object.prototype.hasOwnProperty.call(LESSON_BOTS, name)) return LESSON_BOTS[name];
  return parametricFromName(name);
}
