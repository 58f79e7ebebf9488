import { z } from 'zod';
import { AnnotationSchema, type Annotation, type GameLog, type LogEntry } from '../../engine/log/format.js';
import { serializeLog } from '../../engine/log/parse.js';

/* A coach's notes on one log: the form edits one note per decision (seq) or week — the last
 * one on it — while notes that came in the file from other coaches are kept beside it; kept in
 * localStorage under the log's facts hash (so a reload, or the annotated file itself, finds
 * them again) and written into the log as annotation lines, which never change state. */

const KEY_PREFIX = 'phase-shift:annotations:';
/** About the most characters a browser's localStorage holds per origin (5 MB in Firefox and
 * Safari, 10 MB of UTF-16 in Chromium): a larger book is not even tried, as the write would fail. */
const MAX_STORED_CHARS = 5_000_000;
/** A note's share of the stored JSON beyond its text and author (keys, week, seq, mark). */
const NOTE_OVERHEAD_CHARS = 80;

/** What is stored per log: the notes, and the file notes already taken in (so a deleted one stays deleted). */
const StoredSchema = z.strictObject({ annotations: z.array(AnnotationSchema), merged: z.array(z.string()) });
type Stored = z.infer<typeof StoredSchema>;

/** Where a note is attached: a decision (by seq, within its week) or a whole week. */
export interface Target {
  week: number;
  seq?: number;
}

const keyOf = (t: Target): string => (t.seq === undefined ? `${t.week}` : `${t.week}:${t.seq}`);
const identity = (a: Annotation) => JSON.stringify([a.week, a.seq ?? null, a.author ?? null, a.mark ?? null, a.text]);
const order = (a: Target, b: Target) => a.week - b.week || (a.seq ?? 0) - (b.seq ?? 0);

/** The notes on one log, persisted as the coach edits them. Notes are indexed by target (each
 * target's notes in the order they were written, the last one the form's), so taking in a file
 * of many notes and every lookup are linear or constant work, never a copy per note. */
export class AnnotationBook {
  private readonly byTarget = new Map<string, { target: Target; notes: Annotation[] }>();
  private readonly merged: string[];
  /** Every note by week then decision, built on demand and dropped on any change. */
  private sorted: Annotation[] | null = null;
  /** The first note (in list order) naming each decision seq, built on demand with `sorted`. */
  private bySeq: Map<number, Annotation> | null = null;

  /** Loads the notes saved for this log and takes in any of the file's notes not seen before. */
  constructor(
    private readonly factsHash: string,
    fromFile: readonly Annotation[],
    private readonly storage: Storage = localStorage,
  ) {
    const stored = this.read() ?? { annotations: [], merged: [] };
    this.merged = stored.merged;
    for (const a of stored.annotations) this.append(a);
    const seen = new Set(this.merged);
    const have = new Set(stored.annotations.map(identity));
    for (const a of fromFile) {
      const id = identity(a);
      if (seen.has(id)) continue;
      this.merged.push(id);
      // Never drop a note from the file: several coaches may have written on the same target.
      if (!have.has(id)) this.append(a);
    }
    this.write();
  }

  private append(note: Annotation): void {
    const key = keyOf(note);
    const slot = this.byTarget.get(key);
    if (slot) slot.notes.push(note);
    else this.byTarget.set(key, { target: { week: note.week, seq: note.seq }, notes: [note] });
    this.sorted = null;
    this.bySeq = null;
  }

  private read(): Stored | null {
    try {
      const parsed = StoredSchema.safeParse(JSON.parse(this.storage.getItem(KEY_PREFIX + this.factsHash) ?? 'null'));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  /** A cheap estimate of the stored JSON's length, to skip a write that cannot fit. */
  private storedChars(): number {
    let n = 0;
    for (const slot of this.byTarget.values()) for (const a of slot.notes) n += a.text.length + (a.author?.length ?? 0) + NOTE_OVERHEAD_CHARS;
    for (const id of this.merged) n += id.length + 3;
    return n;
  }

  private write(): void {
    // Too large for storage: the notes live in this page and in the annotated download.
    if (this.storedChars() > MAX_STORED_CHARS) return;
    try {
      this.storage.setItem(KEY_PREFIX + this.factsHash, JSON.stringify({ annotations: this.list(), merged: this.merged }));
    } catch {
      /* storage full: the notes still live in this page and in the annotated download */
    }
  }

  /** Every note, by week then decision (on one target, in the order written). */
  list(): readonly Annotation[] {
    if (this.sorted) return this.sorted;
    const slots = [...this.byTarget.values()].sort((a, b) => order(a.target, b.target));
    const out: Annotation[] = [];
    for (const slot of slots) for (const n of slot.notes) out.push(n);
    this.sorted = out;
    return out;
  }

  /** The first note (in list order) on a decision, found by its seq alone (the decision list's badge). */
  onDecision(seq: number): Annotation | undefined {
    if (!this.bySeq) {
      const index = new Map<number, Annotation>();
      for (const a of this.list()) if (a.seq !== undefined && !index.has(a.seq)) index.set(a.seq, a);
      this.bySeq = index;
    }
    return this.bySeq.get(seq);
  }

  /** The note the form edits on a target: the last one written there, if any. */
  at(target: Target): Annotation | undefined {
    const notes = this.byTarget.get(keyOf(target))?.notes;
    return notes?.[notes.length - 1];
  }

  /** The other notes on a target (e.g. from another coach's annotated file), shown read-only. */
  others(target: Target): Annotation[] {
    const notes = this.byTarget.get(keyOf(target))?.notes ?? [];
    return notes.slice(0, -1);
  }

  /** Adds the note on its target, replacing the one the form edits there (validated like a log line). */
  put(note: Annotation): void {
    const valid = AnnotationSchema.parse(note);
    this.dropEdited(valid);
    this.append(valid);
    this.write();
  }

  /** Deletes the note the form edits on a target (other coaches' notes stay). */
  remove(target: Target): void {
    this.dropEdited(target);
    this.write();
  }

  private dropEdited(target: Target): void {
    const key = keyOf(target);
    const slot = this.byTarget.get(key);
    if (!slot) return;
    slot.notes.pop();
    if (slot.notes.length === 0) this.byTarget.delete(key);
    this.sorted = null;
    this.bySeq = null;
  }
}

/** The log with the notes as annotation lines, each after the last line of its week. */
export function annotatedText(facts: GameLog, notes: readonly Annotation[]): string {
  const pending = [...notes].sort(order);
  const entries: LogEntry[] = [];
  let next = 0;
  for (const e of facts.entries) {
    while (next < pending.length && (pending[next]?.week ?? 0) < e.week) entries.push(pending[next++] as Annotation);
    entries.push(e);
  }
  for (; next < pending.length; next++) entries.push(pending[next] as Annotation);
  return serializeLog({ header: facts.header, entries });
}
