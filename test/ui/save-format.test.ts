import { describe, expect, it } from 'vitest';
import { parseLog } from '../../src/engine/log/parse.js';
import { makeSave, PLAYER_MAX, playerProblem, readSaveText, salvageArray, SAVE_FORMAT, SAVE_VERSION, SaveSchema } from '../../src/ui/save-format.js';
import { Session } from '../../src/ui/session.js';
import { saveKey } from '../../src/ui/save-store.js';
import { decisionsOf, memoryStorage, SCENARIO, SEED } from './save-fixtures.js';

/* The save schema and its upcaster: what a save is, how an older one becomes the current one,
 * and why a broken or newer one is refused in plain words (issue 10, defects 1 and 12). */

const decisions = decisionsOf(12);
const v0 = { scenario: SCENARIO, seed: SEED, player: 'Ada', createdAt: '2026-01-01T00:00:00.000Z', decisions };
const params = { scenario: SCENARIO, seed: SEED, player: '' };

describe('defect 1: save format version and upcaster', () => {
  it('upcasts an unversioned save to version 1 with every decision', () => {
    const r = readSaveText(JSON.stringify(v0));
    if (!r.ok) throw new Error(r.reason);
    expect(r.upcastFrom).toBe(0);
    expect(r.save).toEqual({ format: SAVE_FORMAT, version: SAVE_VERSION, scenario: SCENARIO, seed: SEED, player: 'Ada', createdAt: v0.createdAt, decisions });
    expect(SaveSchema.safeParse(r.save).success).toBe(true);
    expect(r.notes).toEqual([]);
  });

  it('reads a version 1 save as it is', () => {
    const save = makeSave({ scenario: SCENARIO, seed: SEED, player: 'Ada', createdAt: v0.createdAt, decisions });
    const r = readSaveText(JSON.stringify(save));
    expect(r).toEqual({ ok: true, save, notes: [], upcastFrom: null });
  });

  it('keeps a save from a future build aside instead of reading it as the current version', () => {
    const future = { ...makeSave({ scenario: SCENARIO, seed: SEED, decisions }), version: SAVE_VERSION + 1, newField: 1 };
    const r = readSaveText(JSON.stringify(future));
    expect(r).toMatchObject({ ok: false, future: true });
    if (!r.ok) expect(r.reason).toContain('newer build');
  });

  it.each([
    ['truncated JSON', JSON.stringify(v0).slice(0, 300), 'not complete'],
    ['an extra key', JSON.stringify({ ...v0, cheat: true }), 'has a field this build does not know ("cheat")'],
    [
      'an unknown decision type',
      JSON.stringify({ ...v0, decisions: [...decisions.slice(0, 3), { type: 'money.print', data: {} }] }),
      'decision 4 is of a kind this build does not know',
    ],
    ['a missing field', JSON.stringify({ ...v0, seed: undefined }), 'the field "seed" is missing'],
    ['a decision with a missing field', JSON.stringify({ ...v0, decisions: [{ type: 'week.end' }] }), 'decision 1 (data) is missing'],
    ['not an object', '[1,2]', 'not a save object'],
    ['a bad version', JSON.stringify({ ...makeSave({ scenario: SCENARIO, seed: SEED, decisions }), version: 'x' }), 'no valid format version'],
  ])('refuses %s in plain words', (_, text, words) => {
    const r = readSaveText(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(words);
  });
});

describe('defect 12: one schema for the save and the log header (player name ≤ 200)', () => {
  it(`refuses a ${PLAYER_MAX + 50}-character name with a message, as the log header would`, () => {
    const long = 'x'.repeat(PLAYER_MAX + 50);
    expect(playerProblem(long)).toContain(`at most ${PLAYER_MAX}`);
    expect(playerProblem('x'.repeat(PLAYER_MAX))).toBeNull();
    expect(() => makeSave({ scenario: SCENARIO, seed: SEED, player: long, decisions: [] })).toThrow(`at most ${PLAYER_MAX}`);
  });

  it('cuts an overlong name of an old save to the header limit, says so, and its log parses', () => {
    const storage = memoryStorage();
    storage.setItem(saveKey(params), JSON.stringify({ ...v0, player: 'y'.repeat(250) }));
    const session = new Session(params, storage);
    expect(session.problem).toBeNull();
    expect(session.decisionCount).toBe(decisions.length);
    expect(session.player).toHaveLength(PLAYER_MAX);
    expect(session.resumeNote).toContain('cut to the 200');
    const parsed = parseLog(session.logText());
    expect(parsed.ok).toBe(true);
  });

  it('a resumed save always exports a log that parseLog takes, with its metadata', () => {
    const storage = memoryStorage();
    storage.setItem(saveKey(params), JSON.stringify(v0));
    const parsed = parseLog(new Session(params, storage).logText());
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect(parsed.log.header).toMatchObject({ seed: SEED, player: 'Ada', createdAt: v0.createdAt });
  });
});

describe('defect 1: salvaging the decisions of a cut-off save', () => {
  it('reads every complete element before the cut, strings with brackets included', () => {
    const text = JSON.stringify({ a: '"decisions":[{"x":1}]', decisions: [{ a: ']}' }, { b: [1, { c: '\\"' }] }, { d: 3 }] });
    expect(salvageArray(text, 'decisions')).toEqual([{ a: ']}' }, { b: [1, { c: '\\"' }] }, { d: 3 }]);
    expect(salvageArray(text.slice(0, text.indexOf('{"d"') + 3), 'decisions')).toEqual([{ a: ']}' }, { b: [1, { c: '\\"' }] }]);
    expect(salvageArray('{"decisions":[1,{"a":1}]}', 'decisions')).toEqual([]);
    expect(salvageArray('{"other":[]}', 'decisions')).toEqual([]);
  });
});
