import { describe, expect, it } from 'vitest';
import { recoverPrefix } from '../../src/ui/save-recover.js';
import { Session, writeSave } from '../../src/ui/session.js';
import { listBackups, saveKey } from '../../src/ui/save-store.js';
import { makeSave } from '../../src/ui/save-format.js';
import { decisionsOf, memoryStorage, scenario, SCENARIO, SEED } from './save-fixtures.js';
import { isDecisionLine } from '../../src/engine/log/format.js';

/* Prefix recovery and the keeping aside of saves: an unreadable save is copied to a backup and
 * left in place until the player chooses; recovery replays its decisions up to the first that
 * fails; replacing a save that would lose decisions backs it up first (issue 10, defects 1 and 3). */

const all = decisionsOf(30);
const params = { scenario: SCENARIO, seed: SEED, player: 'Ada' };
const v0 = (decisions: unknown[]) => JSON.stringify({ scenario: SCENARIO, seed: SEED, player: 'Ada', createdAt: '2026-01-01T00:00:00.000Z', decisions });

describe('defect 1: prefix recovery', () => {
  it('recovers every complete decision of a save cut off mid-write', () => {
    const text = v0(all);
    const cut = text.slice(0, v0(all.slice(0, 20)).length - 2 + 6);
    expect(cut.endsWith(',{"typ')).toBe(true);
    const r = recoverPrefix(cut, scenario().scenario, SEED);
    expect(r).toMatchObject({ found: 20, stop: null });
    expect(r.decisions).toEqual(all.slice(0, 20));
    expect(r.game.entries().filter((e) => e.kind === 'event' && isDecisionLine(e))).toHaveLength(20);
  });

  it('stops at the first decision of a kind this build does not know', () => {
    const r = recoverPrefix(v0([...all.slice(0, 7), { type: 'money.print', data: {} }, ...all.slice(7)]), scenario().scenario, SEED);
    expect(r.decisions).toEqual(all.slice(0, 7));
    expect(r.found).toBe(all.length + 1);
    expect(r.stop).toContain('decision 8 is of a kind this build does not know');
  });

  it('stops at the first decision the rules refuse', () => {
    const r = recoverPrefix(
      v0([...all.slice(0, 5), { type: 'incident.respond', data: { incident: 999, action: 'hotfix', communicate: false, postmortem: false } }]),
      scenario().scenario,
      SEED,
    );
    expect(r.decisions).toEqual(all.slice(0, 5));
    expect(r.stop).toContain('decision 6 (incident.respond) is refused by the rules');
  });

  it('finds nothing in text that holds no decisions', () => {
    expect(recoverPrefix('garbage', scenario().scenario, SEED)).toMatchObject({ decisions: [], found: 0, stop: null });
  });
});

describe('defect 1: an unreadable save is kept aside, never overwritten', () => {
  const broken = v0(all).slice(0, 900);

  it('copies it to a backup, leaves it in place, and refuses decisions until the player chooses', () => {
    const storage = memoryStorage();
    storage.setItem(saveKey(params), broken);
    const session = new Session(params, storage);
    expect(session.problem).toMatchObject({ text: broken, future: false });
    expect(session.problem?.reason).toContain('not complete');
    expect(storage.getItem(session.problem?.backupKey ?? '')).toBe(broken);
    expect(session.decide({ type: 'week.end', data: {} })).toMatchObject({ ok: false });
    expect(storage.getItem(saveKey(params))).toBe(broken);
    // A second load (a reload) does not pile up copies of the same text.
    new Session(params, storage);
    expect(listBackups(storage)).toHaveLength(1);
  });

  it('recover replaces the save with the valid prefix; the backup stays', () => {
    const storage = memoryStorage();
    storage.setItem(saveKey(params), broken);
    const session = new Session(params, storage);
    const backup = session.problem?.backupKey ?? '';
    const r = session.recover();
    expect(r.recovered).toBeGreaterThan(0);
    expect(r.recovered).toBe(r.found);
    expect(session.decisionCount).toBe(r.recovered);
    expect(new Session(params, storage).decisionCount).toBe(r.recovered);
    expect(storage.getItem(backup)).toBe(broken);
    expect(session.decide(all[r.recovered]!)).toMatchObject({ ok: true });
  });

  it('start fresh forgets the save but keeps its backup', () => {
    const storage = memoryStorage();
    storage.setItem(saveKey(params), broken);
    const session = new Session(params, storage);
    session.startFresh();
    expect(storage.getItem(saveKey(params))).toBeNull();
    expect(listBackups(storage).map((b) => b.text)).toEqual([broken]);
    expect(session.decide({ type: 'week.end', data: {} })).toMatchObject({ ok: true });
  });

  it('a save that stops replaying is kept aside whole, not cut at the failing decision', () => {
    const storage = memoryStorage();
    const text = JSON.stringify(makeSave({ scenario: SCENARIO, seed: SEED, decisions: [...all.slice(0, 4), { type: 'contract.sign', data: { offer: 999 } }, ...all.slice(4)] }));
    storage.setItem(saveKey(params), text);
    const session = new Session(params, storage);
    expect(session.problem?.reason).toContain('decision 5 (contract.sign) no longer replays');
    expect(storage.getItem(saveKey(params))).toBe(text);
    expect(session.recover()).toMatchObject({ recovered: 4, found: all.length + 1 });
  });

  it('defect 2: a tab whose save was changed by another tab turns read-only instead of overwriting it', () => {
    const storage = memoryStorage();
    const a = new Session(params, storage);
    const b = new Session(params, storage);
    expect(a.decide(all[0]!)).toMatchObject({ ok: true });
    const saved = storage.getItem(saveKey(params));
    expect(b.decide(all[0]!)).toMatchObject({ ok: false, rejection: { code: 'invalid' } });
    expect(b.readOnly).toContain('Another tab saved this game');
    expect(storage.getItem(saveKey(params))).toBe(saved);
    expect(a.decide(all[1]!)).toMatchObject({ ok: true });
    b.readOnly = null;
    b.reload();
    expect(b.decisionCount).toBe(2);
    expect(b.decide(all[2]!)).toMatchObject({ ok: true });
    expect(a.decide(all[2]!)).toMatchObject({ ok: false });
  });

  it('a read-only tab writes nothing', () => {
    const storage = memoryStorage();
    const session = new Session(params, storage);
    session.readOnly = 'open in another tab';
    expect(session.decide({ type: 'week.end', data: {} })).toEqual({ ok: false, rejection: { code: 'invalid', reason: 'open in another tab' } });
    expect(session.probe({ type: 'week.end', data: {} })?.reason).toBe('open in another tab');
    expect(storage.length).toBe(0);
  });
});

describe('defect 3: replacing a save keeps the old one as a backup', () => {
  it('backs up a longer save before a shorter one replaces it, and not a save the new one extends', () => {
    const storage = memoryStorage();
    writeSave(params, '2026-01-01T00:00:00.000Z', all.slice(0, 10), storage);
    expect(writeSave(params, '2026-01-01T00:00:00.000Z', all.slice(0, 12), storage)).toBeNull();
    expect(listBackups(storage)).toHaveLength(0);
    const backup = writeSave(params, '2026-01-01T00:00:00.000Z', all.slice(0, 3), storage);
    expect(backup).not.toBeNull();
    expect(JSON.parse(storage.getItem(backup ?? '') ?? '{}').decisions).toHaveLength(12);
    expect(new Session(params, storage).decisionCount).toBe(3);
  });

  it('writes nothing when the backup cannot be made', () => {
    const storage = memoryStorage();
    writeSave(params, '2026-01-01T00:00:00.000Z', all.slice(0, 10), storage);
    const before = storage.getItem(saveKey(params));
    const full = {
      ...storage,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    } as unknown as Storage;
    Object.defineProperty(full, 'length', { get: () => storage.length });
    expect(() => writeSave(params, '2026-01-01T00:00:00.000Z', all.slice(0, 3), full)).toThrow('backup');
    expect(storage.getItem(saveKey(params))).toBe(before);
  });
});
