import { z } from 'zod';
import { scenarioIds } from '../scenarios/registry.js';

/* The URL carries the game: ?scenario=…&seed=…&player=…, validated before anything starts. */

/** A game's identity as the URL states it. */
export interface GameParams {
  scenario: string;
  seed: string;
  player: string;
}

const ParamsSchema = z.strictObject({
  scenario: z.string().refine((id) => scenarioIds().includes(id), {
    message: `unknown scenario; choose one of ${scenarioIds().join(', ')}`,
  }),
  seed: z.string().trim().min(1, 'the seed is empty').max(200, 'the seed is longer than 200 characters'),
  player: z.string().max(200, 'the player name is longer than 200 characters').default(''),
});

/** What the URL asks for: nothing (new-game screen), a valid game, or a list of problems. */
export type ParamsResult = { kind: 'none' } | { kind: 'game'; params: GameParams } | { kind: 'error'; problems: string[] };

/** Reads and validates the game parameters of a query string. */
export function readParams(search: string): ParamsResult {
  const q = new URLSearchParams(search);
  if (!q.has('scenario') && !q.has('seed')) return { kind: 'none' };
  const raw: Record<string, string> = {};
  for (const [k, v] of q) raw[k] = v;
  const parsed = ParamsSchema.safeParse(raw);
  if (parsed.success) return { kind: 'game', params: parsed.data };
  return { kind: 'error', problems: parsed.error.issues.map((i) => `${i.path.join('.') || 'url'}: ${i.message}`) };
}

/** The query string for a game. */
export function paramsQuery(p: GameParams): string {
  const q = new URLSearchParams({ scenario: p.scenario, seed: p.seed });
  if (p.player) q.set('player', p.player);
  return `?${q.toString()}`;
}
