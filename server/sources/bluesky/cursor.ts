/**
 * The Jetstream cursor (`time_us` of the last frame handled), kept in the source's memory so a reconnect or a
 * restart replays what it missed. It is written at most every few seconds, never per frame, and never past a post
 * still on its way to the store: a post waiting for its author's profile when the server stops is replayed.
 */
import type { SourceMemory } from '../source.js';

const KEY = 'cursor';

export interface CursorOptions {
  memory: SourceMemory;
  /** Minimum time between two writes. */
  saveEveryMs: number;
  now?: () => number;
}

export class JetstreamCursor {
  #last: number | undefined;
  #saved: number | undefined;
  #savedAt = 0;
  readonly #pending = new Map<number, number>();
  readonly #memory: SourceMemory;
  readonly #saveEveryMs: number;
  readonly #now: () => number;

  constructor(options: CursorOptions) {
    this.#memory = options.memory;
    this.#saveEveryMs = options.saveEveryMs;
    this.#now = options.now ?? Date.now;
    const stored = Number(options.memory.get(KEY));
    if (Number.isSafeInteger(stored) && stored > 0) this.#last = this.#saved = stored;
  }

  /** The last frame seen (per frame: no allocation, no I/O). */
  seen(timeUs: number): void {
    if (this.#last === undefined || timeUs > this.#last) this.#last = timeUs;
  }

  /** A post handed to the pipeline: the saved cursor stays before it until `done`. */
  hold(timeUs: number): void {
    this.#pending.set(timeUs, (this.#pending.get(timeUs) ?? 0) + 1);
  }

  done(timeUs: number): void {
    const count = (this.#pending.get(timeUs) ?? 1) - 1;
    if (count > 0) this.#pending.set(timeUs, count);
    else this.#pending.delete(timeUs);
  }

  /** Where a restart may safely resume: just before the oldest post still pending, or the last frame. */
  get safe(): number | undefined {
    let oldest: number | undefined;
    for (const timeUs of this.#pending.keys()) if (oldest === undefined || timeUs < oldest) oldest = timeUs;
    return oldest === undefined ? this.#last : oldest - 1;
  }

  /** Writes the safe cursor if it moved and the last write is old enough (or `force`). */
  save(force = false): void {
    const safe = this.safe;
    if (safe === undefined || safe === this.#saved) return;
    if (!force && this.#now() - this.#savedAt < this.#saveEveryMs) return;
    this.#memory.set(KEY, String(safe));
    this.#saved = safe;
    this.#savedAt = this.#now();
  }

  /**
   * The `cursor=` to connect with: the safe cursor minus `rewindUs` (the gap's edges are replayed; dedupe drops
   * what was already stored), or undefined to start live: no cursor yet, or one older than Jetstream keeps.
   */
  resumeFrom(rewindUs: number, maxAgeUs: number): { cursor?: number; tooOld?: number } {
    const safe = this.safe;
    if (safe === undefined) return {};
    const ageUs = this.#now() * 1000 - safe;
    if (ageUs > maxAgeUs) {
      this.#last = undefined;
      this.#saved = undefined;
      this.#memory.delete(KEY);
      return { tooOld: ageUs };
    }
    return { cursor: Math.max(0, safe - rewindUs) };
  }
}
