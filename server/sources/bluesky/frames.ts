/**
 * Reading Jetstream v1 frames cheaply. Every frame's `time_us` is needed (the cursor), but most frames are posts
 * that do not concern the event: they are classified from the raw text, without JSON.parse or allocation, and only
 * the few that may matter are parsed and checked.
 */
import { z } from 'zod';
import type { Logger } from '../../log.js';

export const POST_COLLECTION = 'app.bsky.feed.post';

const TIME_KEY = '"time_us":';
const ZERO = 48;
const NINE = 57;

/**
 * The `time_us` of a raw frame, or NaN without one. Jetstream writes it before the commit, and a `"` inside a
 * record is escaped (`\"`), so a post's text cannot fake the key.
 */
export function readTimeUs(frame: string): number {
  const at = frame.indexOf(TIME_KEY);
  if (at < 0) return Number.NaN;
  let value = 0;
  let index = at + TIME_KEY.length;
  const start = index;
  for (; index < frame.length; index++) {
    const code = frame.charCodeAt(index);
    if (code < ZERO || code > NINE) break;
    value = value * 10 + (code - ZERO);
  }
  return index === start ? Number.NaN : value;
}

/** What the raw text says a frame may be; the parsed frame has the last word. */
export type FrameHint = 'other' | 'create' | 'update' | 'delete';

const KIND_COMMIT = '"kind":"commit"';
const OPERATION = '"operation":"';

/**
 * Identity and account events and other kinds are `other`; a commit is told apart by its operation. Both keys sit
 * near the start of a frame (a commit's record comes last), so the searches stop early.
 */
export function frameHint(frame: string): FrameHint {
  const kind = frame.indexOf(KIND_COMMIT);
  if (kind < 0) return 'other';
  const operation = frame.indexOf(OPERATION, kind);
  if (operation < 0) return 'other';
  const value = operation + OPERATION.length;
  if (frame.startsWith('delete"', value)) return 'delete';
  if (frame.startsWith('update"', value)) return 'update';
  return 'create';
}

/** The parts of a commit frame the source acts on. */
export const CommitFrame = z.looseObject({
  did: z.string().startsWith('did:'),
  time_us: z.number().int().positive(),
  kind: z.literal('commit'),
  commit: z.looseObject({
    operation: z.enum(['create', 'update', 'delete']),
    collection: z.string(),
    rkey: z.string().min(1),
    record: z.unknown().optional(),
  }),
});
export type CommitFrame = z.output<typeof CommitFrame>;

/** The canonical id of a post (see pipeline/types.ts): its `at://` URI. */
export function postUri(frame: CommitFrame): string {
  return `at://${frame.did}/${POST_COLLECTION}/${frame.commit.rkey}`;
}

/** Parses a frame the cheap checks let through; throws a readable error for anything else. */
export function parseCommit(frame: string): CommitFrame {
  let json: unknown;
  try {
    json = JSON.parse(frame);
  } catch {
    throw new Error('not JSON');
  }
  const parsed = CommitFrame.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new Error(`unexpected frame (${issue?.path.map(String).join('.') || 'frame'}: ${issue?.message ?? '?'})`);
}

/**
 * Warnings at most once per `everyMs`, each saying how many were held back since the last one: one bad upstream
 * can send thousands of bad frames a minute and must not flood the log.
 */
export function createLogLimiter(log: Logger, everyMs: number, now: () => number = Date.now) {
  let last = Number.NEGATIVE_INFINITY;
  let held = 0;
  return (details: Record<string, unknown>, message: string): void => {
    if (now() - last < everyMs) {
      held++;
      return;
    }
    log.warn({ ...details, ...(held > 0 ? { heldBack: held } : {}) }, message);
    last = now();
    held = 0;
  };
}
