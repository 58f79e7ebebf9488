import alea from 'seedrandom/lib/alea';

/* Common random numbers. Every world draw is addressed by (stream, week, slot) in a table drawn
 * once from the seed, so a player's choice can never shift which number another draw reads. */

/** The named streams of world randomness; the order is part of the log format (append only). */
export const STREAMS = [
  'setup',
  'experiment',
  'market',
  'drift',
  'incident',
  'severity',
  'contract',
  'retrain',
  'exposure',
] as const;
export type Stream = (typeof STREAMS)[number];

/** Uniform draws reserved per stream and week. */
export const SLOTS = 32;

const STREAM_INDEX: Record<Stream, number> = Object.fromEntries(STREAMS.map((s, i) => [s, i])) as Record<
  Stream,
  number
>;

/** The frozen table of uniforms for one (seed, horizon); branches of a game share it. */
export interface WorldTable {
  readonly seed: string;
  readonly weeks: number;
  readonly values: Float64Array;
}

/** Draws the whole table for weeks 0..weeks (week 0 is game set-up) from the seed. */
export function createWorldTable(seed: string, weeks: number): WorldTable {
  const size = STREAMS.length * (weeks + 2) * SLOTS;
  const values = new Float64Array(size);
  const next = alea(`phase-shift:${seed}`);
  for (let i = 0; i < size; i++) values[i] = next();
  return Object.freeze({ seed, weeks, values });
}

/** The uniform in [0, 1) at (stream, week, slot); weeks past the horizon wrap deterministically. */
export function draw(table: WorldTable, stream: Stream, week: number, slot: number): number {
  const w = week < 0 ? 0 : week > table.weeks + 1 ? (week % (table.weeks + 1)) + 1 : week;
  const s = ((slot % SLOTS) + SLOTS) % SLOTS;
  const index = (STREAM_INDEX[stream] * (table.weeks + 2) + w) * SLOTS + s;
  return table.values[index] ?? 0;
}
