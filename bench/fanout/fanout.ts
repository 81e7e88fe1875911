/**
 * Fan-out: how long after a moderator presses "approve" every wall has the item, against a minimal socket.io
 * server and a raw `ws` server given the same payload and the same clients, in turns, in the same run.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { coreFor, nowNs, startChild, type Child } from '../lib/child.js';
import { medianOf, ratio, round, summarize } from '../lib/stats.js';
import { verdict, type Table } from '../lib/report.js';
import { murmureControl, socketIoControl, wsControl, type Control } from './control.js';
import type { ClientKind } from './swarm.js';

export type Contender = 'murmure' | 'socketio' | 'ws';
const CONTENDERS: readonly Contender[] = ['murmure', 'socketio', 'ws'];
/** Sockets per client process: `ulimit -n` is about 20,000 here and each socket is one descriptor. */
const SOCKETS_PER_SWARM = 9_500;

export interface FanoutOptions {
  sizes: number[];
  rounds: number;
  /** Items approved one after another, `steadyIntervalMs` apart. */
  steady: number;
  steadyIntervalMs: number;
  /** Items approved all at once after the steady ones. */
  burst: number;
  /** Characters of message text: 400 makes a public item of about 1 KB of JSON (text and html both carry it). */
  textLength: number;
}

export interface FanoutRun {
  p50: number;
  p99: number;
  max: number;
  /** Per item: when its last client had it, after the approve was sent (ms). */
  lastClientP50: number;
  lastClientMax: number;
  reach: number;
  cpuMicrosPerDelivery: number;
  rssKBPerClient: number;
  heapKBPerClient: number;
  loopDelayP99: number;
  /** Steady approvals, one at a time. */
  approveRttP50: number;
  approveRttP99: number;
  /** The slowest acknowledgement of the burst (it queues behind the others' fan-out). */
  burstApproveRttMax: number;
}

const SERVERS: Record<Contender, URL> = {
  murmure: new URL('./server-murmure.ts', import.meta.url),
  socketio: new URL('./server-socketio.ts', import.meta.url),
  ws: new URL('./server-ws.ts', import.meta.url),
};
const SWARM = new URL('./swarm.ts', import.meta.url);

interface Memory {
  rss: number;
  heapUsed: number;
}

/** The payload every contender sends: a real public item as Murmure serialises it. */
async function samplePayload(textLength: number): Promise<Record<string, unknown>> {
  const server = startChild(SERVERS.murmure);
  try {
    await server.request({ type: 'start' });
    const { sample } = await server.request<{ sample: Record<string, unknown> }>({
      type: 'prepare',
      count: 1,
      textLength,
    });
    return sample;
  } finally {
    await server.stop();
  }
}

async function connectSwarms(url: string, contender: Contender, size: number, base: bigint): Promise<Child[]> {
  const kind: ClientKind = contender === 'ws' ? 'ws' : 'socketio';
  const count = Math.ceil(size / SOCKETS_PER_SWARM);
  const swarms = Array.from({ length: count }, () => startChild(SWARM, { core: coreFor('clients') }));
  await Promise.all(
    swarms.map((swarm, index) =>
      swarm.request({
        type: 'connect',
        url,
        kind,
        namespace: contender === 'murmure' ? '/wall' : '/',
        auth: contender === 'murmure' ? { event: 'bench' } : {},
        count: Math.floor(size / count) + (index < size % count ? 1 : 0),
        base: base.toString(),
      }),
    ),
  );
  return swarms;
}

async function deliveries(swarms: Child[]): Promise<number> {
  const counts = await Promise.all(swarms.map((swarm) => swarm.request<{ deliveries: number }>({ type: 'count' })));
  return counts.reduce((sum, { deliveries: n }) => sum + n, 0);
}

async function approveAll(control: Control, ids: number[], options: FanoutOptions, base: bigint) {
  const sentAt = new Map<number, number>();
  const steady: number[] = [];
  const burst: number[] = [];
  const send = async (id: number, rtts: number[]) => {
    const start = nowNs();
    sentAt.set(id, Number(start - base) / 1000);
    await control.send(id);
    rtts.push(Number(nowNs() - start) / 1e6);
  };
  for (const id of ids.slice(0, options.steady)) {
    await send(id, steady);
    await sleep(options.steadyIntervalMs);
  }
  // A burst's later approvals necessarily wait behind the fan-out of the earlier ones: reported apart.
  await Promise.all(ids.slice(options.steady).map((id) => send(id, burst)));
  return { sentAt, steady, burst };
}

async function runOnce(contender: Contender, size: number, options: FanoutOptions, sample: Record<string, unknown>) {
  const server = startChild(SERVERS[contender], { core: coreFor('server'), gc: true });
  let swarms: Child[] = [];
  let control: Control | null = null;
  try {
    const { port } = await server.request<{ port: number }>({ type: 'start' });
    const url = `http://127.0.0.1:${port}`;
    const itemCount = options.steady + options.burst;
    const ids =
      contender === 'murmure'
        ? (
            await server.request<{ ids: number[] }>({
              type: 'prepare',
              count: itemCount,
              textLength: options.textLength,
            })
          ).ids
        : Array.from({ length: itemCount }, (_, index) => index + 1);
    const before = await server.request<Memory>({ type: 'memory' });
    const base = nowNs();
    swarms = await connectSwarms(contender === 'ws' ? `ws://127.0.0.1:${port}` : url, contender, size, base);
    const after = await server.request<Memory>({ type: 'memory' });
    control =
      contender === 'murmure'
        ? await murmureControl(url)
        : contender === 'socketio'
          ? await socketIoControl(url, sample)
          : await wsControl(`ws://127.0.0.1:${port}`, sample);

    await server.request({ type: 'beginPhase' });
    const { sentAt, steady, burst } = await approveAll(control, ids, options, base);
    const expected = size * ids.length;
    const deadline = Date.now() + 60_000;
    while ((await deliveries(swarms)) < expected && Date.now() < deadline) await sleep(50);
    const phase = await server.request<{ cpuMicros: number; loopDelayP99Ms: number }>({ type: 'endPhase' });

    const collected = await Promise.all(
      swarms.map((swarm) => swarm.request<{ received: Record<string, number[]> }>({ type: 'collect' })),
    );
    const latencies: number[] = [];
    const lastClient: number[] = [];
    for (const id of ids) {
      const sent = sentAt.get(id)!;
      const times = collected.flatMap(({ received }) => received[id] ?? []);
      for (const at of times) latencies.push((at - sent) / 1000);
      if (times.length > 0) lastClient.push((Math.max(...times) - sent) / 1000);
    }
    const latency = summarize(latencies);
    const completion = summarize(lastClient);
    const rtt = summarize(steady);
    const burstRtt = summarize(burst);
    return {
      p50: round(latency.p50),
      p99: round(latency.p99),
      max: round(latency.max),
      lastClientP50: round(completion.p50),
      lastClientMax: round(completion.max),
      reach: latencies.length / expected,
      cpuMicrosPerDelivery: round(phase.cpuMicros / Math.max(1, latencies.length), 2),
      rssKBPerClient: round((after.rss - before.rss) / 1024 / size),
      heapKBPerClient: round((after.heapUsed - before.heapUsed) / 1024 / size),
      loopDelayP99: round(phase.loopDelayP99Ms),
      approveRttP50: round(rtt.p50, 2),
      approveRttP99: round(rtt.p99, 2),
      burstApproveRttMax: round(burstRtt.max, 2),
    } satisfies FanoutRun;
  } finally {
    control?.close();
    await Promise.all(swarms.map((swarm) => swarm.stop()));
    await server.stop();
  }
}

export interface FanoutResult {
  size: number;
  contender: Contender;
  rounds: FanoutRun[];
  median: FanoutRun;
}

/** Every size, `rounds` times, the contenders in turns (rotating who goes first), medians per contender. */
export async function runFanout(options: FanoutOptions, log: (line: string) => void): Promise<FanoutResult[]> {
  const sample = await samplePayload(options.textLength);
  log(`fan-out payload: ${Buffer.byteLength(JSON.stringify(sample))} bytes of JSON`);
  const results: FanoutResult[] = [];
  for (const size of options.sizes) {
    const runs = new Map<Contender, FanoutRun[]>(CONTENDERS.map((contender) => [contender, []]));
    for (let roundIndex = 0; roundIndex < options.rounds; roundIndex += 1) {
      const order = CONTENDERS.map((_, i) => CONTENDERS[(i + roundIndex) % CONTENDERS.length]!);
      for (const contender of order) {
        const run = await runOnce(contender, size, options, sample);
        log(
          `fan-out ${size} ${contender} round ${roundIndex + 1}: p50 ${run.p50} ms, p99 ${run.p99} ms, reach ${run.reach}`,
        );
        runs.get(contender)!.push(run);
      }
    }
    for (const contender of CONTENDERS) {
      const rounds = runs.get(contender)!;
      results.push({ size, contender, rounds, median: medianOf(rounds) });
    }
  }
  return results;
}

export function fanoutTable(results: FanoutResult[]): Table {
  const rows = results.map(({ size, contender, median }) => {
    const baseline = results.find((r) => r.size === size && r.contender === 'socketio')!.median;
    return [
      size,
      contender,
      median.p50,
      median.p99,
      median.max,
      `${median.lastClientP50} / ${median.lastClientMax}`,
      median.reach,
      median.cpuMicrosPerDelivery,
      median.rssKBPerClient,
      median.heapKBPerClient,
      median.loopDelayP99,
      `${median.approveRttP99} / ${median.burstApproveRttMax}`,
      ratio(median.p50, baseline.p50),
      ratio(median.p99, baseline.p99),
      ratio(median.rssKBPerClient, baseline.rssKBPerClient),
    ];
  });
  const verdicts = results
    .filter((r) => r.contender === 'murmure' && r.size >= 5000)
    .flatMap(({ size, median, rounds }) => {
      const baseline = results.find((r) => r.size === size && r.contender === 'socketio')!.median;
      return [
        verdict(ratio(median.p50, baseline.p50) <= 1.2, `${size} clients: p50 ≤ 1.2× minimal socket.io`),
        verdict(ratio(median.p99, baseline.p99) <= 1.2, `${size} clients: p99 ≤ 1.2× minimal socket.io`),
        verdict(
          ratio(median.rssKBPerClient, baseline.rssKBPerClient) <= 1.3,
          `${size} clients: RSS per client ≤ 1.3× minimal socket.io`,
        ),
        verdict(
          rounds.every((run) => run.reach === 1),
          `${size} clients: reach exactly 1 in every round`,
        ),
        ...(size >= 10_000
          ? [verdict(median.approveRttP99 < 20, `${size} clients: approve round trip p99 < 20 ms (steady approvals)`)]
          : []),
      ];
    });
  return {
    title: 'Fan-out: approve → received by every wall client (medians of rounds; ms unless said)',
    columns: [
      'clients',
      'server',
      'p50',
      'p99',
      'max',
      'last client p50/max',
      'reach',
      'CPU µs/delivery',
      'RSS KB/client',
      'heap KB/client',
      'loop p99',
      'approve RTT p99 steady / burst max',
      'p50 ×sio',
      'p99 ×sio',
      'RSS ×sio',
    ],
    rows,
    verdicts,
  };
}
