import type { Bot } from './types.js';
import { randomBot } from './random.js';
import { phaseAwareBot } from './phase-aware.js';
import { dataHoarderBot, foreverScientistBot, gpuBlindBot, prematureRegulatorBot, roadmapDriverBot } from './archetypes.js';

/* The registry of bots by name (for the CLI, balance runs and tests). */

/** Every bot, by name: the reference policy, the five misaligned archetypes, and random. */
export const BOTS: Record<string, Bot> = Object.fromEntries(
  [phaseAwareBot, foreverScientistBot, prematureRegulatorBot, roadmapDriverBot, dataHoarderBot, gpuBlindBot, randomBot].map((b) => [b.name, b]),
);

/** A bot by name, or undefined. */
export function getBot(name: string): Bot | undefined {
  return Object.prototype.hasOwnProperty.call(BOTS, name) ? BOTS[name] : undefined;
}
