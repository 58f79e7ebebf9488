import { z } from 'zod';
import { AnnotationSchema, type Annotation, type GameLog, type LogEntry } from '../../engine/log/format.js';
import { serializeLog } from '../../engine/log/parse.js';

/* A coach's notes on one log: the form edits one note per decision (seq) or week — the last
 * one on it — while notes that came in the file from other coaches are kept beside it; kept in
 * localStorage under the log's facts hash (so a reload, or the annotated file itself, finds
 * them again) and written into the log as annotation lines, which never change state. */

const KEY_PREFIX = 'phase-shift:annotations:';

/** What is stored per log: the notes, and the file notes already taken in (so a deleted one stays deleted). */
const StoredSchema = z.strictObject({ annotations: z.array(AnnotationSchema), merged: z.array(z.string()) });
type Stored = z.infer<typeof StoredSchema>;

/** Where a note is attached: a decision (by seq, within its week) or a whole week. */
export interface Target {
  week: number;
  seq?: number;
}

const sameTarget = (a: Target, b: Target) => a.week === b.week && a.seq === b.seq;
const identity = (a: Annotation) => JSON.stringify([a.week, a.seq ?? null, a.author ?? null, a.mark ?? null, a.text]);
const order = (a: Annotation, b: Annotation) => a.week - b.week || (a.seq ?? 0) - (b.seq ?? 0);

/** The notes on one log, persisted as the coach edits them. */
export class AnnotationBook {
  private stored: Stored;

  /** Loads the notes saved for this log and takes in any of the file's notes not seen before. */
  constructor(
    private readonly factsHash: string,
    fromFile: readonly Annotation[],
    private readonly storage: Storage = localStorage,
  ) {
    this.stored = this.read() ?? { annotations: [], merged: [] };
    const seen = new Set(this.stored.merged);
    const have = new Set(this.stored.annotations.map(identity));
    for (const a of fromFile) {
      const id = identity(a);
      if (seen.has(id)) continue;
      this.stored.merged.push(id);
      // Never drop a note from the file: several coaches may have written on the same target.
      if (!have.has(id)) this.stored.annotations = [...this.stored.annotations, a];
    }
    this.stored.annotations.sort(order);
    this.write();
  }

  private read(): Stored | null {
    try {
      const parsed = StoredSchema.safeParse(JSON.parse(this.storage.getItem(KEY_PREFIX + this.factsHash) ?? 'null'));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  private write(): void {
    try {
      this.storage.setItem(KEY_PREFIX + this.factsHash, JSON.stringify(this.stored));
    } catch {
      /* storage full: the notes still live in this page and in the annotated download */
    }
  }

  /** Every note, by week then decision. */
  list(): readonly Annotation[] {
    return this.stored.annotations;
  }

  /** The note the form edits on a target: the last one written there, if any. */
  at(target: Target): Annotation | undefined {
    return this.stored.annotations.filter((a) => sameTarget(a, target)).pop();
  }

  /** The other notes on a target (e.g. from another coach's annotated file), shown read-only. */
  others(target: Target): Annotation[] {
    const edited = this.at(target);
    return this.stored.annotations.filter((a) => sameTarget(a, target) && a !== edited);
  }

  /** Adds the note on its target, replacing the one the form edits there (validated like a log line). */
  put(note: Annotation): void {
    const valid = AnnotationSchema.parse(note);
    const edited = this.at(valid);
    this.stored.annotations = [...this.stored.annotations.filter((a) => a !== edited), valid].sort(order);
    this.write();
  }

  /** Deletes the note the form edits on a target (other coaches' notes stay). */
  remove(target: Target): void {
    const edited = this.at(target);
    this.stored.annotations = this.stored.annotations.filter((a) => a !== edited);
    this.write();
  }
}

/** The log with the notes as annotation lines, each after the last line of its week. */
export function annotatedText(facts: GameLog, notes: readonly Annotation[]): string {
  const pending = [...notes].sort(order);
  const entries: LogEntry[] = [];
  for (const e of facts.entries) {
    while (pending.length > 0 && (pending[0]?.week ?? 0) < e.week) entries.push(pending.shift() as Annotation);
    entries.push(e);
  }
  entries.push(...pending);
  return serializeLog({ header: facts.header, entries });
}
