/** What a benchmark server reports about itself: CPU over a phase, event-loop delay, memory after a GC. */
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

let cpuAtStart: NodeJS.CpuUsage | null = null;
let loop: IntervalHistogram | null = null;

export const serverStats = {
  beginPhase() {
    loop?.disable();
    loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    cpuAtStart = process.cpuUsage();
    return {};
  },
  endPhase() {
    const cpu = process.cpuUsage(cpuAtStart ?? undefined);
    loop?.disable();
    const result = {
      cpuMicros: cpu.user + cpu.system,
      loopDelayP99Ms: (loop?.percentile(99) ?? 0) / 1e6,
      loopDelayMaxMs: (loop?.max ?? 0) / 1e6,
    };
    loop = null;
    return result;
  },
  /** After a full GC (the process runs with --expose-gc), so the figures are live memory, not garbage. */
  memory() {
    for (let i = 0; i < 3; i += 1) globalThis.gc?.();
    const { rss, heapUsed } = process.memoryUsage();
    return { rss, heapUsed };
  },
};
