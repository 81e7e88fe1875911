/** The figures of one phase of one run, from when each item was sent and when each client had it. */
import { round, summarize } from '../lib/stats.js';

/** When each item was sent, in µs after the run's reference instant. */
export type Sent = Map<number, number>;

/** What one client process received, and the node (0 = A, where items are sent; 1 = B) its clients are on. */
export interface Collected {
  node: number;
  received: Record<string, number[]>;
}

export interface PhaseFigures {
  /** Over every delivery (ms after the send). */
  p50: number;
  p99: number;
  max: number;
  /** Per item: when its last client had it. */
  lastClientP50: number;
  lastClientMax: number;
  /** Per item: when the first client of node A, of node B, had it (B − A: the hop through the adapter). */
  firstOnAP50: number;
  firstOnBP50: number;
  reach: number;
  /**
   * Items node A, node B, had before one sent earlier (by their first client's time): a node writes each
   * broadcast to all its clients in turn, so its order is the order of every one of its clients.
   */
  reorderedOnA: number;
  reorderedOnB: number;
  /** CPU time per item broadcast, on node A (which emits), node B (which receives), and the service (ms). */
  cpuMsA: number;
  cpuMsB: number;
  cpuMsService: number;
}

interface PhaseRun {
  sent: Sent;
  cpuMicros: number[];
  serviceMicros: number | null;
}

export function phaseFigures(run: PhaseRun, collected: Collected[], clients: number): PhaseFigures {
  const latencies: number[] = [];
  const lastClient: number[] = [];
  const firstOn: [number[], number[]] = [[], []];
  const reordered: [number, number] = [0, 0];
  const latest = [-Infinity, -Infinity];
  // Items in the order they were sent (the map keeps insertion order).
  for (const [id, sentAt] of run.sent) {
    let last = -Infinity;
    const first = [Infinity, Infinity];
    for (const { node, received } of collected) {
      for (const at of received[id] ?? []) {
        latencies.push((at - sentAt) / 1000);
        if (at > last) last = at;
        if (at < first[node]!) first[node] = at;
      }
    }
    if (Number.isFinite(last)) lastClient.push((last - sentAt) / 1000);
    for (const node of [0, 1] as const) {
      const at = first[node]!;
      if (!Number.isFinite(at)) continue;
      firstOn[node].push((at - sentAt) / 1000);
      if (at < latest[node]!) reordered[node] += 1;
      else latest[node] = at;
    }
  }
  const latency = summarize(latencies);
  const completion = summarize(lastClient);
  const items = run.sent.size;
  const perItem = (micros: number | null | undefined) =>
    micros === null || micros === undefined ? Number.NaN : round(micros / items / 1000, 2);
  return {
    p50: round(latency.p50),
    p99: round(latency.p99),
    max: round(latency.max),
    lastClientP50: round(completion.p50),
    lastClientMax: round(completion.max),
    firstOnAP50: round(summarize(firstOn[0]).p50),
    firstOnBP50: round(summarize(firstOn[1]).p50),
    reach: latencies.length / (clients * items),
    reorderedOnA: reordered[0]!,
    reorderedOnB: reordered[1]!,
    cpuMsA: perItem(run.cpuMicros[0]),
    cpuMsB: perItem(run.cpuMicros[1]),
    cpuMsService: perItem(run.serviceMicros),
  };
}
