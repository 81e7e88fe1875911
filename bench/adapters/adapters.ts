/**
 * Realtime across nodes: an approval broadcast on node A and received by the walls on nodes A and B, through each
 * socket.io adapter (PostgreSQL LISTEN/NOTIFY, Redis pub/sub, Redis streams), beside one node alone (see
 * contenders.ts). In turns, in the same run, with the same clients for the ~1 KB item and then a ~10 KB one.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { nowNs, type Child } from '../lib/child.js';
import { medianOf } from '../lib/stats.js';
import { socketIoControl } from '../fanout/control.js';
import { CONTENDERS, connectSwarms, deliveries, serviceOf, startNodes, type Contender } from './contenders.js';
import { phaseFigures, type Collected, type PhaseFigures, type Sent } from './figures.js';
import { itemPayload, longItemPayload, payloadBytes, type Payload } from './payloads.js';
import { startService, type Service, type ServiceKind } from './services.js';

export type { Contender } from './contenders.js';

export interface Phases {
  /** Items broadcast at `itemsPerSecond` on a fixed schedule (not waiting for acknowledgements). */
  steady: number;
  /** Items broadcast all at once after the steady ones have all arrived. */
  burst: number;
}

export interface AdaptersOptions {
  clientsPerNode: number;
  rounds: number;
  itemsPerSecond: number;
  /** The ~1 KB item: characters of message text (as the fan-out benchmark) and its phases. */
  textLength: number;
  item: Phases;
  /** The long item, past NOTIFY's 8,000 bytes: its size and phases (fewer: the clients' core parses 10× more). */
  longBytes: number;
  long: Phases;
}

export type Phase = keyof Phases;
const PHASES: readonly Phase[] = ['steady', 'burst'];
/** How long a phase may take to reach every client before the run goes on (and reports a reach below 1). */
const PHASE_DEADLINE_MS = 120_000;

export interface AdaptersResult {
  contender: Contender;
  nodes: number;
  clientsPerNode: number;
  payloadBytes: number;
  phase: Phase;
  rounds: PhaseFigures[];
  median: PhaseFigures;
}

export interface AdaptersReport {
  results: AdaptersResult[];
  skipped: { contender: Contender; reason: string }[];
}

/** Sends `ids` on schedule (or all at once when `intervalMs` is 0) and resolves when every ack is back. */
async function broadcast(send: (id: number) => Promise<void>, ids: number[], intervalMs: number, base: bigint) {
  const sent: Sent = new Map();
  const start = performance.now();
  const acks: Promise<void>[] = [];
  for (const [index, id] of ids.entries()) {
    const wait = start + index * intervalMs - performance.now();
    if (wait > 0) await sleep(wait);
    sent.set(id, Number(nowNs() - base) / 1000);
    acks.push(send(id));
  }
  await Promise.all(acks);
  return sent;
}

interface Measured {
  payload: number;
  phase: Phase;
  sent: Sent;
  cpuMicros: number[];
  serviceMicros: number | null;
}

interface Run {
  nodes: Child[];
  swarms: Child[];
  service: Service | null;
  base: bigint;
  clients: number;
}

/** One phase: CPU counted on every node and the service around the broadcasts and until the last delivery. */
async function measure(run: Run, send: (id: number) => Promise<void>, ids: number[], intervalMs: number) {
  await Promise.all(run.nodes.map((node) => node.request({ type: 'beginPhase' })));
  const serviceBefore = run.service?.cpuMicros() ?? null;
  const sent = await broadcast(send, ids, intervalMs, run.base);
  const expected = run.clients * ids[ids.length - 1]!;
  const deadline = Date.now() + PHASE_DEADLINE_MS;
  while ((await deliveries(run.swarms)) < expected && Date.now() < deadline) await sleep(20);
  const ends = await Promise.all(run.nodes.map((node) => node.request<{ cpuMicros: number }>({ type: 'endPhase' })));
  const serviceAfter = run.service?.cpuMicros() ?? null;
  return {
    sent,
    cpuMicros: ends.map((end) => end.cpuMicros),
    serviceMicros: serviceBefore === null || serviceAfter === null ? null : serviceAfter - serviceBefore,
  };
}

async function runOnce(contender: Contender, options: AdaptersOptions, payloads: Payload[], service: Service | null) {
  await service?.reset();
  const perNode = CONTENDERS[contender].clients(options.clientsPerNode);
  const nodes: Child[] = [];
  const swarms: Child[][] = perNode.map(() => []);
  try {
    const ports = await startNodes(contender, nodes, service);
    const base = nowNs();
    for (const [node, clients] of perNode.entries()) await connectSwarms(swarms[node]!, ports[node]!, clients, base);
    const run: Run = { nodes, swarms: swarms.flat(), service, base, clients: perNode.reduce((a, b) => a + b, 0) };
    const measured: Measured[] = [];
    let nextId = 1;
    for (const [payload, body] of payloads.entries()) {
      // The approval arrives on node A only, as a moderator's would.
      const control = await socketIoControl(`http://127.0.0.1:${ports[0]!}`, body);
      try {
        for (const phase of PHASES) {
          const ids = Array.from({ length: (payload === 0 ? options.item : options.long)[phase] }, () => nextId++);
          const interval = phase === 'steady' ? 1000 / options.itemsPerSecond : 0;
          measured.push({ payload, phase, ...(await measure(run, control.send, ids, interval)) });
        }
      } finally {
        control.close();
      }
    }
    const collected: Collected[] = await Promise.all(
      swarms.flatMap((onNode, node) =>
        onNode.map(async (swarm) => ({
          node,
          ...(await swarm.request<{ received: Record<string, number[]> }>({ type: 'collect' })),
        })),
      ),
    );
    return measured.map((phase) => ({ ...phase, figures: phaseFigures(phase, collected, run.clients) }));
  } finally {
    await Promise.all(swarms.flat().map((swarm) => swarm.stop()));
    await Promise.all(nodes.map((node) => node.stop()));
  }
}

async function startServices(log: (line: string) => void) {
  const services = new Map<ServiceKind, Service>();
  const skipped = new Map<ServiceKind, string>();
  for (const kind of ['postgres', 'redis'] as const) {
    const started = await startService(kind);
    if ('service' in started) services.set(kind, started.service);
    else {
      skipped.set(kind, started.skipped);
      log(`adapters: ${kind} skipped: ${started.skipped}`);
    }
  }
  return { services, skipped };
}

/** Every contender `rounds` times, in turns (rotating who goes first), medians per contender, payload and phase. */
export async function runAdapters(options: AdaptersOptions, log: (line: string) => void): Promise<AdaptersReport> {
  const item = await itemPayload(options.textLength);
  const payloads = [item, longItemPayload(item, options.longBytes)];
  const bytes = payloads.map(payloadBytes);
  log(`adapters: payloads of ${bytes.join(' and ')} bytes of JSON`);
  const { services, skipped } = await startServices(log);
  try {
    const whySkipped = (contender: Contender) => {
      const kind = serviceOf(contender);
      return kind ? skipped.get(kind) : undefined;
    };
    const all = Object.keys(CONTENDERS) as Contender[];
    const running = all.filter((contender) => !whySkipped(contender));
    const runs = new Map<string, PhaseFigures[]>();
    for (let roundIndex = 0; roundIndex < options.rounds; roundIndex += 1) {
      const order = running.map((_, i) => running[(i + roundIndex) % running.length]!);
      for (const contender of order) {
        const kind = serviceOf(contender);
        const phases = await runOnce(contender, options, payloads, kind ? services.get(kind)! : null);
        for (const { payload, phase, figures } of phases) {
          const key = `${contender}|${payload}|${phase}`;
          runs.set(key, [...(runs.get(key) ?? []), figures]);
          log(
            `adapters ${contender} ${bytes[payload]} B ${phase} round ${roundIndex + 1}: ` +
              `p50 ${figures.p50} ms, p99 ${figures.p99} ms, reach ${figures.reach}`,
          );
        }
      }
    }
    const results = bytes.flatMap((payloadBytes, payload) =>
      running.flatMap((contender) =>
        PHASES.map((phase) => {
          const rounds = runs.get(`${contender}|${payload}|${phase}`)!;
          const perNode = CONTENDERS[contender].clients(options.clientsPerNode);
          const nodes = perNode.length;
          return {
            contender,
            nodes,
            clientsPerNode: perNode[0]!,
            payloadBytes,
            phase,
            rounds,
            median: medianOf(rounds),
          };
        }),
      ),
    );
    const notRun = all.flatMap((contender) => {
      const reason = whySkipped(contender);
      return reason ? [{ contender, reason }] : [];
    });
    return { results, skipped: notRun };
  } finally {
    for (const service of services.values()) await service.stop();
  }
}
