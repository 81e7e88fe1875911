/**
 * Who runs: the minimal socket.io server alone with N clients (what one node does today) and with 2 × N (the
 * same deliveries from one process: on a two-core machine both nodes share the servers' core, so this is the
 * reference that leaves only the adapter's own cost), and two nodes with N clients each behind every adapter.
 */
import { coreFor, startChild, type Child } from '../lib/child.js';
import type { AdapterChoice } from './server-node.js';
import type { Service, ServiceKind } from './services.js';

export type Contender = 'one node' | 'one node, 2N' | 'postgres' | 'postgres, serial' | 'redis' | 'redis-streams';

interface Spec {
  /** Clients on each node, for N clients per node. */
  clients(n: number): number[];
  adapter: AdapterChoice | null;
}

export const CONTENDERS: Record<Contender, Spec> = {
  'one node': { clients: (n) => [n], adapter: null },
  'one node, 2N': { clients: (n) => [2 * n], adapter: null },
  postgres: { clients: (n) => [n, n], adapter: { kind: 'postgres', connections: 'pool' } },
  // One connection listens, one sends: broadcasts leave in their order, a drop costs nothing (see server-node.ts).
  'postgres, serial': { clients: (n) => [n, n], adapter: { kind: 'postgres', connections: 'serial' } },
  redis: { clients: (n) => [n, n], adapter: { kind: 'redis' } },
  'redis-streams': { clients: (n) => [n, n], adapter: { kind: 'redis-streams' } },
};

export const serviceOf = (contender: Contender): ServiceKind | null => {
  const { adapter } = CONTENDERS[contender];
  return adapter ? (adapter.kind === 'postgres' ? 'postgres' : 'redis') : null;
};

/** Sockets per client process: `ulimit -n` is about 20,000 here and each socket is one descriptor. */
const SOCKETS_PER_SWARM = 9_500;
const BASELINE = new URL('../fanout/server-socketio.ts', import.meta.url);
const NODE = new URL('./server-node.ts', import.meta.url);
const SWARM = new URL('../fanout/swarm.ts', import.meta.url);

/**
 * Starts the contender's nodes on the servers' core, one after the other, into `nodes` (so the caller stops them
 * even if one fails), and waits until node A's broadcasts reach the others. Resolves with their ports.
 */
export async function startNodes(contender: Contender, nodes: Child[], service: Service | null): Promise<number[]> {
  const { adapter, clients } = CONTENDERS[contender];
  const count = clients(1).length;
  const ports: number[] = [];
  for (let index = 0; index < count; index += 1) {
    const node = startChild(adapter ? NODE : BASELINE, { core: coreFor('server'), gc: true });
    nodes.push(node);
    const started = await node.request<{ port: number }>({ type: 'start', adapter, url: service?.url });
    ports.push(started.port);
  }
  if (count > 1) await nodes[0]!.request({ type: 'awaitPeers', peers: count - 1 });
  return ports;
}

/**
 * Wall clients of one node, in as many client processes as the descriptors need, on the clients' core; the
 * processes go into `into` as soon as they start, for the caller to stop.
 */
export async function connectSwarms(into: Child[], port: number, clients: number, base: bigint): Promise<Child[]> {
  const count = Math.ceil(clients / SOCKETS_PER_SWARM);
  const swarms = Array.from({ length: count }, () => startChild(SWARM, { core: coreFor('clients') }));
  into.push(...swarms);
  await Promise.all(
    swarms.map((swarm, index) =>
      swarm.request({
        type: 'connect',
        url: `http://127.0.0.1:${port}`,
        kind: 'socketio',
        namespace: '/',
        auth: {},
        count: Math.floor(clients / count) + (index < clients % count ? 1 : 0),
        base: base.toString(),
      }),
    ),
  );
  return swarms;
}

export async function deliveries(swarms: Child[]): Promise<number> {
  const counts = await Promise.all(swarms.map((swarm) => swarm.request<{ deliveries: number }>({ type: 'count' })));
  return counts.reduce((sum, { deliveries: n }) => sum + n, 0);
}
