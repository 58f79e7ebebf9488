import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { recordedLog, sc } from '../helpers.js';
import { parseLog, serializeLog } from '../../src/engine/log/parse.js';
import { replay, verify } from '../../src/engine/log/replay.js';
import { hashOf } from '../../src/engine/hash.js';
import { factsHash } from '../../src/engine/log/fork.js';
import type { Annotation, GameLog, LogEntry } from '../../src/engine/log/format.js';

/* Annotations are a coach's words beside the facts: wherever they are put in a log, it still
 * parses and verifies, folds to the same state, and keeps its facts hash. */

let base: GameLog;
let finalHash = '';
let facts = '';
beforeAll(() => {
  const rec = recordedLog('annotated-1', 25);
  base = { header: rec.header, entries: rec.entries };
  finalHash = hashOf(replay(base, sc));
  facts = factsHash(base);
});

const annotation: fc.Arbitrary<Annotation> = fc.record(
  {
    kind: fc.constant('annotation' as const),
    week: fc.integer({ min: 1, max: 25 }),
    seq: fc.integer({ min: 1, max: 400 }),
    author: fc.string({ maxLength: 20 }),
    mark: fc.constantFrom('good' as const, 'inaccuracy' as const, 'mistake' as const, 'blunder' as const),
    text: fc.string({ maxLength: 80 }),
  },
  { requiredKeys: ['kind', 'week', 'text'] },
);

describe('annotation lines', () => {
  it('never change what a log proves, wherever they are placed', () => {
    let runs = 0;
    let placed = 0;
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(), annotation), { maxLength: 6 }), (notes) => {
        const entries: LogEntry[] = [...base.entries];
        for (const [at, note] of notes) entries.splice(at % (entries.length + 1), 0, note);
        const parsed = parseLog(serializeLog({ header: base.header, entries }));
        if (!parsed.ok) throw new Error(`line ${parsed.error.line}: ${parsed.error.message}`);
        runs += 1;
        placed += notes.length;
        expect(parsed.log.entries.filter((e) => e.kind === 'annotation')).toHaveLength(notes.length);
        expect(verify(parsed.log, sc).ok).toBe(true);
        expect(hashOf(replay(parsed.log, sc))).toBe(finalHash);
        expect(factsHash(parsed.log)).toBe(facts);
      }),
      { numRuns: 40 },
    );
    expect(runs).toBe(40);
    expect(placed, 'no run placed an annotation').toBeGreaterThan(0);
  });
});
