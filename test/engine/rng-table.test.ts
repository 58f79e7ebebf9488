import { describe, expect, it } from 'vitest';
import alea from 'seedrandom/lib/alea';
import { createWorldTable } from '../../src/engine/rng.js';

/* The world table runs alea's recurrence itself for speed; it must give exactly the numbers
 * seedrandom's own generator gives for the same seed, or every recorded log would change. */

describe('the world table', () => {
  it('holds exactly seedrandom alea’s sequence for the seed, in order', () => {
    const seeds = ['', 'a', 'golden-1', 'workshop seed with spaces', 'ünïcode-✓', '12345678901234567890'];
    expect.assertions(seeds.length);
    for (const seed of seeds) {
      const table = createWorldTable(seed, 60);
      const next = alea(`phase-shift:${seed}`);
      const expected = table.values.map(() => next());
      expect(table.values).toEqual(expected);
    }
  });
});
