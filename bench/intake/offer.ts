/**
 * How payloads reach intake in the benchmark: as from streams and webhooks, which do not wait for each other's
 * answers. Each turn of the event loop hands over the next `perTurn` payloads (as a socket read brings several
 * messages), as long as no more than `maxUnanswered` wait for their answer (as many senders at once); the next
 * turn comes while earlier ones are still being written to disk.
 */
export interface OfferOptions {
  perTurn: number;
  maxUnanswered: number;
}

/** Resolves once every payload has its answer; rejects with the first failure. */
export function offer<T>(
  payloads: readonly T[],
  handle: (payload: T) => Promise<void>,
  { perTurn, maxUnanswered }: OfferOptions,
): Promise<void> {
  return new Promise((resolve, reject) => {
    let next = 0;
    let unanswered = 0;
    let answered = 0;
    let paused = false;
    const turn = () => {
      const end = Math.min(next + perTurn, payloads.length);
      if (unanswered + (end - next) > maxUnanswered) {
        paused = true; // resumed by an answer
        return;
      }
      for (; next < end; next += 1) {
        unanswered += 1;
        handle(payloads[next]!).then(answer, reject);
      }
      if (next < payloads.length) setImmediate(turn);
    };
    const answer = () => {
      unanswered -= 1;
      answered += 1;
      if (answered === payloads.length) resolve();
      else if (paused && unanswered + perTurn <= maxUnanswered) {
        paused = false;
        setImmediate(turn);
      }
    };
    if (payloads.length === 0) resolve();
    else turn();
  });
}
