import { describe, expect, it } from 'vitest';
import { AnnotationBook, annotatedText } from '../../src/ui/viewer/annotations.js';
import type { Annotation } from '../../src/engine/log/format.js';

/* The viewer's note book: a coach edits one note per target, and notes that arrive in a file
 * from other coaches on the same target are kept, never silently dropped. */

function memoryStorage(): Storage {
  const m = new Map<string, string>();
  return {
    get length() {
      return m.size;
    },
    clear: () => m.clear(),
    getItem: (k) => m.get(k) ?? null,
    key: (i) => [...m.keys()][i] ?? null,
    removeItem: (k) => void m.delete(k),
    setItem: (k, v) => void m.set(k, v),
  };
}

const ada: Annotation = { kind: 'annotation', week: 3, seq: 12, author: 'Ada', mark: 'mistake', text: 'Too early.' };
const bo: Annotation = { kind: 'annotation', week: 3, seq: 12, author: 'Bo', text: 'Agreed, and cheaper options existed.' };

describe('AnnotationBook', () => {
  it('keeps every note a file brings on the same decision; the last is the one the form edits', () => {
    const book = new AnnotationBook('h1', [ada, bo], memoryStorage());
    expect(book.list()).toHaveLength(2);
    expect(book.at({ week: 3, seq: 12 })).toEqual(bo);
    expect(book.others({ week: 3, seq: 12 })).toEqual([ada]);
  });

  it('edits and deletes only the edited note, leaving the other coach’s', () => {
    const book = new AnnotationBook('h2', [ada, bo], memoryStorage());
    book.put({ ...bo, text: 'Changed my mind.' });
    expect(
      book
        .list()
        .map((a) => a.text)
        .sort(),
    ).toEqual(['Changed my mind.', 'Too early.']);
    book.remove({ week: 3, seq: 12 });
    expect(book.list()).toEqual([ada]);
  });

  it('survives a reload from storage and does not take a deleted file note back', () => {
    const storage = memoryStorage();
    const first = new AnnotationBook('h3', [ada], storage);
    first.remove({ week: 3, seq: 12 });
    const again = new AnnotationBook('h3', [ada], storage);
    expect(again.list()).toEqual([]);
  });

  it('indexes 100,000 notes and finds each one, in linear time (defect 5: the viewer froze on many notes)', () => {
    // Two coaches on every decision of 50,000 targets: each target's last note is the edited one.
    const notes: Annotation[] = [];
    for (let i = 0; i < 50_000; i++) {
      const week = 1 + (i % 150);
      notes.push({ kind: 'annotation', week, seq: i + 1, author: 'Ada', text: `first ${i}` }, { kind: 'annotation', week, seq: i + 1, author: 'Bo', text: `second ${i}` });
    }
    const storage = memoryStorage();
    const started = Date.now();
    const book = new AnnotationBook('h-many', notes, storage);
    const list = book.list();
    for (let i = 0; i < 50_000; i += 997) {
      const target = { week: 1 + (i % 150), seq: i + 1 };
      expect(book.at(target)?.text).toBe(`second ${i}`);
      expect(book.others(target).map((a) => a.text)).toEqual([`first ${i}`]);
      expect(book.onDecision(i + 1)?.text).toBe(`first ${i}`);
    }
    const took = Date.now() - started;
    expect(list).toHaveLength(100_000);
    // Far beyond what localStorage holds: not written at all (the notes stay in the page and the download).
    expect(storage.length).toBe(0);
    // By week, then decision; on one target in the order written.
    const outOfOrder = list.filter((b, i) => {
      const a = list[i - 1];
      return a !== undefined && !(a.week < b.week || (a.week === b.week && (a.seq ?? 0) <= (b.seq ?? 0)));
    });
    expect(outOfOrder).toEqual([]);
    book.put({ kind: 'annotation', week: 1, seq: 1, author: 'Cy', text: 'edited' });
    expect(book.at({ week: 1, seq: 1 })?.text).toBe('edited');
    expect(book.list()).toHaveLength(100_000);
    book.remove({ week: 1, seq: 1 });
    expect(book.at({ week: 1, seq: 1 })?.text).toBe('first 0');
    expect(book.list()).toHaveLength(99_999);
    // The old book copied the array per note (minutes at this size); linear work takes well under this.
    expect(took).toBeLessThan(5000);
  });

  it('writes 100,000 notes into a log after their weeks without a copy per note', () => {
    const facts = {
      header: { kind: 'header' },
      entries: [1, 2, 3].map((week) => ({ kind: 'event', seq: week, week, type: 'week.closed', data: { week } })),
    } as unknown as Parameters<typeof annotatedText>[0];
    const notes: Annotation[] = Array.from({ length: 100_000 }, (_, i) => ({ kind: 'annotation', week: 1 + (i % 3), text: `n${i}` }));
    const lines = annotatedText(facts, notes).trimEnd().split('\n');
    expect(lines).toHaveLength(1 + 3 + 100_000);
    const weeks = lines.slice(1).map((l) => (JSON.parse(l) as { week: number }).week);
    expect(weeks.filter((w, i) => i > 0 && w < (weeks[i - 1] as number))).toEqual([]);
  });
});
