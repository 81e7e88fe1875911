/** Percentiles and medians of samples; every figure a benchmark reports goes through here. */

export interface Summary {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentile of sorted samples (q in 0..1). */
export function percentile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank]!;
}

export function summarize(samples: ArrayLike<number>): Summary {
  const sorted = Float64Array.from(samples).sort();
  return {
    n: sorted.length,
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    p99: percentile(sorted, 0.99),
    max: sorted.length ? sorted[sorted.length - 1]! : Number.NaN,
  };
}

export function median(values: readonly number[]): number {
  return percentile(Float64Array.from(values).sort(), 0.5);
}

/** Medians across rounds of each numeric field. */
export function medianOf<T extends object>(rounds: readonly T[]): T {
  const first = rounds[0];
  if (!first) throw new Error('no rounds to take the median of');
  const values = rounds as readonly Record<string, number>[];
  return Object.fromEntries(Object.keys(first).map((key) => [key, median(values.map((round) => round[key]!))])) as T;
}

/** `ours / baseline`, rounded for a table; NaN-safe. */
export function ratio(ours: number, baseline: number): number {
  if (!Number.isFinite(ours) || !Number.isFinite(baseline) || baseline === 0) return Number.NaN;
  return Math.round((ours / baseline) * 100) / 100;
}

export const round = (value: number, digits = 1): number => {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
};
