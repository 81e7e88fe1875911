/** A shared "now" that ticks, so relative times ("il y a 2 min") stay true without a timer per card. */
export class Clock {
  now = $state(Date.now());
  #timer: ReturnType<typeof setInterval> | undefined;

  /** Starts ticking every `intervalMs`; returns the function that stops it. */
  start(intervalMs = 30_000): () => void {
    this.stop();
    this.now = Date.now();
    this.#timer = setInterval(() => (this.now = Date.now()), intervalMs);
    return () => this.stop();
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }
}
