import { describe, expect, it } from 'vitest';
import { AnnotationBook } from '../../src/ui/viewer/annotations.js';
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
});
