import alea from 'seedrandom/lib/alea';

/* Common random numbers. Every world draw is addressed by (stream, week, slot) in a table drawn
 * once from the seed, so a player's choice can never shift which number another draw reads. */

/** The named streams of world randomness with the slots each reserves per week. The order and
 * sizes are part of the log format: append new streams at the end, never resize old ones. */
export const STREAM_SLOTS = {
  setup: 32,
  experiment: 50,
  market: 2,
  drift: 2,
  incident: 8,
  severity: 8,
  contract: 4,
  retrain: 2,
  exposure: 10,
} as const;
/** A stream of world randomness. */
export type Stream = keyof typeof STREAM_SLOTS;
/** Every stream name, in table order. */
export const STREAMS = Object.keys(STREAM_SLOTS) as Stream[];

const OFFSETS: Record<Stream, number> = (() => {
  const out = {} as Record<Stream, number>;
  let at = 0;
  for (const s of STREAMS) {
    out[s] = at;
    at += STREAM_SLOTS[s];
  }
  return out;
})();
const PER_WEEK = STREAMS.reduce((n, s) => n + STREAM_SLOTS[s], 0);

/** The frozen table of uniforms for one (seed, horizon); branches of a game share it. */
export interface WorldTable {
  readonly seed: string;
  readonly weeks: number;
  readonly values: readonly number[];
}

/** Draws the whole table for weeks 0..weeks+1 (week 0 is game set-up) from the seed. */
export function createWorldTable(seed: string, weeks: number): WorldTable {
  const size = PER_WEEK * (weeks + 2);
  // A plain array: V8 stores alea's doubles into it ~3x faster than into a Float64Array.
  const values: number[] = new Array<number>(size);
  const next = alea(`phase-shift:${seed}`);
  for (let i = 0; i < size; i++) values[i] = next();
  return Object.freeze({ seed, weeks, values });
}

/** The uniform in [0, 1) at (stream, week, slot). Slots wrap within the stream's reservation;
 * weeks past the horizon wrap into it, so every address is defined. */
export function draw(table: WorldTable, stream: Stream, week: number, slot: number): number {
  const span = table.weeks + 2;
  const w = week < 0 ? 0 : week < span ? week : (week % (span - 1)) + 1;
  const n = STREAM_SLOTS[stream];
  const s = ((slot % n) + n) % n;
  return table.values[w * PER_WEEK + OFFSETS[stream] + s] ?? 0;
}

/** The (stream, week, slot) address of a flat table index (for tests and debugging). */
export function addressOf(index: number): { stream: Stream; week: number; slot: number } {
  const week = Math.floor(index / PER_WEEK);
  let rest = index - week * PER_WEEK;
  for (const stream of STREAMS) {
    if (rest < STREAM_SLOTS[stream]) return { stream, week, slot: rest };
    rest -= STREAM_SLOTS[stream];
  }
  return { stream: 'setup', week, slot: 0 };
}
