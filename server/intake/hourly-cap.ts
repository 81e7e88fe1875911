/**
 * Counts items per event and source over the last hour, for the per-source hourly cap: past it, items that
 * would have gone on the wall by themselves wait in the queue for a moderator instead.
 */
const HOUR_MS = 60 * 60 * 1000;

export function createHourlyCounter(now: () => number = Date.now) {
  const windows = new Map<string, number[]>();
  return {
    /** Records one item and returns how many arrived in the last hour, this one included. */
    count(key: string): number {
      const at = now();
      const times = (windows.get(key) ?? []).filter((t) => t > at - HOUR_MS);
      times.push(at);
      windows.set(key, times);
      return times.length;
    },
  };
}
