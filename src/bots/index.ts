import type { Bot } from './types.js';
import { randomBot } from './random.js';
import { phaseAwareBot } from './phase-aware.js';

/* The registry of bots by name (for the CLI, balance runs and tests). */

/** Every bot, by name. */
export const BOTS: Record<string, Bot> = {
  [phaseAwareBot.name]: phaseAwareBot,
  [randomBot.name]: randomBot,
};

/** A bot by name, or undefined. */
export function getBot(name: string): Bot | undefined {
  return Object.prototype.hasOwnProperty.call(BOTS, name) ? BOTS[name] : undefined;
}
