import { z } from 'zod';
import { DECISION_TYPES, type Decision } from '../decisions.js';
import type { Actor, GameEvent } from '../events.js';

/* Log format version 1: JSON Lines. A header line, then event lines (player decisions, the
 * events they caused and world events), weekly checkpoints, and optional annotations. */

/** The format name every header carries. */
export const LOG_FORMAT = 'phase-shift-log';
/** The current log format version. */
export const LOG_VERSION = 1;

/** Line 1: what game this is, pinned by engine version and scenario content hash. */
export const HeaderSchema = z.strictObject({
  kind: z.literal('header'),
  format: z.literal(LOG_FORMAT),
  version: z.literal(LOG_VERSION),
  engine: z.string().regex(/^\d+\.\d+\.\d+$/),
  scenario: z.strictObject({ id: z.string().min(1), version: z.string().min(1), hash: z.string().regex(/^[0-9a-f]{64}$/) }),
  seed: z.string().min(1).max(200),
  player: z.string().max(200).optional(),
  createdAt: z.string().max(64).optional(),
  /** Set when this game was forked from another log ("Play from here"): the parent's facts
   * hash and the week the fork starts at (the parent's decisions before it are replayed). */
  fork: z.strictObject({ parent: z.string().regex(/^[0-9a-f]{64}$/), week: z.number().int().min(1) }).optional(),
});
/** A parsed header line. */
export type LogHeader = z.infer<typeof HeaderSchema>;

const envelope = { kind: z.literal('event'), seq: z.number().int().min(1), week: z.number().int().min(1) };

/** Any event line; its `type`/`data` are checked against the decision or event schema. */
export const EventLineSchema = z.strictObject({
  ...envelope,
  by: z.enum(['player', 'world']),
  type: z.string().min(1).max(64),
  data: z.record(z.string(), z.unknown()),
});

/** A weekly checkpoint: the state hash after a week, and a few headline figures. */
export const CheckpointSchema = z.strictObject({
  kind: z.literal('checkpoint'),
  week: z.number().int().min(1),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  phase: z.enum(['preFit', 'postFit', 'ended']),
  cash: z.number().int(),
  arr: z.number().int(),
});
/** A parsed checkpoint line. */
export type Checkpoint = z.infer<typeof CheckpointSchema>;

/** A coach's note on a week or a decision; it never changes state. */
export const AnnotationSchema = z.strictObject({
  kind: z.literal('annotation'),
  week: z.number().int().min(1),
  seq: z.number().int().min(1).optional(),
  author: z.string().max(200).optional(),
  mark: z.enum(['good', 'inaccuracy', 'mistake', 'blunder']).optional(),
  text: z.string().max(10_000),
});
/** A parsed annotation line. */
export type Annotation = z.infer<typeof AnnotationSchema>;

/** The envelope every event line carries. */
export interface Envelope {
  kind: 'event';
  seq: number;
  week: number;
  by: Actor;
}
/** A player's decision as it sits in the log. */
export type DecisionLine = Envelope & Decision;
/** An engine event as it sits in the log. */
export type EventLine = Envelope & GameEvent;
/** One body line of a log. */
export type LogEntry = DecisionLine | EventLine | Checkpoint | Annotation;

const DECISION_NAMES = new Set<string>(DECISION_TYPES);

/** Whether an event line records a player decision (imperative type) rather than an event. */
export function isDecisionLine(line: DecisionLine | EventLine): line is DecisionLine {
  return DECISION_NAMES.has(line.type);
}

/** A whole parsed log. */
export interface GameLog {
  header: LogHeader;
  entries: LogEntry[];
}
