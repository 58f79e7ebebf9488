import type { Session } from './session.js';

/* Read-only views of a running game for end-to-end tests (and curious players), exposed on
 * window.__phaseShift by main.ts. Nothing here changes the game. */

/** One weekly checkpoint as the browser computed it. */
export interface CheckpointView {
  week: number;
  hash: string;
  phase: string;
}

/** The game's weekly state-hash checkpoints so far, in log order. */
export function checkpointsOf(session: Session): CheckpointView[] {
  const out: CheckpointView[] = [];
  for (const e of session.game.entries()) if (e.kind === 'checkpoint') out.push({ week: e.week, hash: e.hash, phase: e.phase });
  return out;
}
