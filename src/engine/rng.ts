import alea from 'seedrandom/lib/alea';

/* Common random numbers. Every world draw is addressed by (stream, week, slot) in a table drawn
 * once from the seed, so a player's choice can never shift which number another draw reads. */

/** The named streams of world randomness with the slots each reserves per week, in blocks.
 * Each block is laid out after the previous one, so a new block of streams never moves an old
 * draw: add streams only as a new block at the end, never resize or reorder old ones. */
const BLOCK_1 = { setup: 32, experiment: 50, market: 2, drift: 2, incident: 8, severity: 8, contract: 4, retrain: 2, exposure: 10 } as const;
const BLOCK_2 = { shock: 6 } as const;
/** A stream of world randomness. */
export type Stream = keyof typeof BLOCK_1 | keyof typeof BLOCK_2;
/** The blocks of streams in table order. */
export const STREAM_BLOCKS: readonly Readonly<Partial<Record<Stream, number>>>[] = [BLOCK_1, BLOCK_2];
/** Slots per week of every stream. */
export const STREAM_SLOTS = Object.assign({}, ...STREAM_BLOCKS) as Record<Stream, number>;
/** Every stream name, in table order. */
export const STREAMS = STREAM_BLOCKS.flatMap((b) => Object.keys(b)) as Stream[];

interface Place {
  block: number;
  offset: number;
}
const PLACE = {} as Record<Stream, Place>;
const BLOCK_WIDTH: number[] = STREAM_BLOCKS.map((b, i) => {
  let at = 0;
  for (const [name, slots] of Object.entries(b)) {
    PLACE[name as Stream] = { block: i, offset: at };
    at += slots ?? 0;
  }
  return at;
});
const PER_WEEK = BLOCK_WIDTH.reduce((n, w) => n + w, 0);
/* The slots per week of all blocks before each block: a block starts at that many times the span. */
const WIDTH_BEFORE: number[] = BLOCK_WIDTH.map((_, i) => BLOCK_WIDTH.slice(0, i).reduce((n, w) => n + w, 0));
const blockBase = (block: number, span: number) => (WIDTH_BEFORE[block] ?? 0) * span;

/* Alea's constants (Baagøe's generator, as seedrandom implements it). */
const ALEA_MULTIPLIER = 2091639;
const TWO_TO_MINUS_32 = 2.3283064365386963e-10;

/** The frozen table of uniforms for one (seed, horizon); branches of a game share it. */
export interface WorldTable {
  readonly seed: string;
  readonly weeks: number;
  readonly values: Readonly<Float64Array>;
}

/** Draws the whole table for weeks 0..weeks+1 (week 0 is game set-up) from the seed. */
export function createWorldTable(seed: string, weeks: number): WorldTable {
  const size = PER_WEEK * (weeks + 2);
  // A Float64Array: with the recurrence inlined below it fills about 3x faster than a plain
  // array of this size (which V8 starts out holey and grows).
  const values = new Float64Array(size);
  // seedrandom's alea seeds the generator; its recurrence then runs here on local variables
  // (the same arithmetic, so the same doubles), several times faster than a call per number.
  const start = alea(`phase-shift:${seed}`, { state: true }).state();
  let { s0, s1, s2, c } = start;
  for (let i = 0; i < size; i++) {
    const t = ALEA_MULTIPLIER * s0 + c * TWO_TO_MINUS_32;
    s0 = s1;
    s1 = s2;
    c = t | 0;
    s2 = t - c;
    values[i] = s2;
  }
  return Object.freeze({ seed, weeks, values });
}

/** The uniform in [0, 1) at (stream, week, slot). Slots wrap within the stream's reservation;
 * weeks past the horizon wrap into it, so every address is defined. */
export function draw(table: WorldTable, stream: Stream, week: number, slot: number): number {
  const span = table.weeks + 2;
  const w = week < 0 ? 0 : week < span ? week : (week % (span - 1)) + 1;
  const n = STREAM_SLOTS[stream];
  const s = ((slot % n) + n) % n;
  const place = PLACE[stream];
  const width = BLOCK_WIDTH[place.block] ?? 0;
  return table.values[blockBase(place.block, span) + w * width + place.offset + s] ?? 0;
}

/** The (stream, week, slot) address of a flat table index (for tests and debugging). */
export function addressOf(index: number, weeks: number): { stream: Stream; week: number; slot: number } {
  const span = weeks + 2;
  let rest = index;
  for (let b = 0; b < STREAM_BLOCKS.length; b++) {
    const width = BLOCK_WIDTH[b] ?? 0;
    if (rest < width * span) {
      const week = Math.floor(rest / width);
      let at = rest - week * width;
      for (const [stream, slots] of Object.entries(STREAM_BLOCKS[b] ?? {})) {
        if (at < (slots ?? 0)) return { stream: stream as Stream, week, slot: at };
        at -= slots ?? 0;
      }
    }
    rest -= width * span;
  }
  return { stream: 'setup', week: 0, slot: 0 };
}
