/**
 * Moderation at volume: with tens of thousands of pending items, how long a console waits for its queue and how
 * many bytes it gets (one page, not the whole queue), and the approve round trip.
 */
import type { Socket } from 'socket.io-client';
import { moderatorSocket } from '../lib/app.js';
import { coreFor, nowNs, startChild } from '../lib/child.js';
import { median, ratio, round, summarize } from '../lib/stats.js';
import { verdict, type Table } from '../lib/report.js';

export interface ModerationOptions {
  pending: number;
  rounds: number;
  approvals: number;
}

interface Round {
  serverSnapshotP50: number;
  serverSnapshotP99: number;
  plainSelectP50: number;
  snapshotRttP50: number;
  snapshotRttP99: number;
  snapshotBytes: number;
  snapshotItems: number;
  approveRttP50: number;
  approveRttP99: number;
}

export interface ModerationResult {
  pending: number;
  rounds: Round[];
}

type Ack = { ok: boolean; data?: { items?: { id: number }[] }; message?: string };

function request(socket: Socket, event: string, payload: unknown): Promise<{ ack: Ack; ms: number }> {
  const start = nowNs();
  return new Promise((resolve) =>
    socket.emit(event, payload, (ack: Ack) => resolve({ ack, ms: Number(nowNs() - start) / 1e6 })),
  );
}

export async function runModeration(
  options: ModerationOptions,
  log: (line: string) => void,
): Promise<ModerationResult> {
  const server = startChild(new URL('./worker.ts', import.meta.url), { core: coreFor('server') });
  const rounds: Round[] = [];
  try {
    const { port } = await server.request<{ port: number }>({ type: 'start' });
    const { pending } = await server.request<{ pending: number }>({ type: 'fill', count: options.pending }, 900_000);
    log(`moderation: ${pending} pending items`);
    const socket = await moderatorSocket(`http://127.0.0.1:${port}`);
    try {
      for (let roundIndex = 0; roundIndex < options.rounds; roundIndex += 1) {
        const side = await server.request<{ snapshot: { p50: number; p99: number }; plain: { p50: number } }>({
          type: 'serverSide',
          runs: 30,
        });
        const snapshots: number[] = [];
        let bytes = 0;
        let items = 0;
        for (let i = 0; i < 30; i += 1) {
          const { ack, ms } = await request(socket, 'queue:snapshot', { event: 'bench', status: 'pending' });
          if (!ack.ok) throw new Error(`snapshot refused: ${ack.message}`);
          snapshots.push(ms);
          bytes = Buffer.byteLength(JSON.stringify(ack));
          items = ack.data?.items?.length ?? 0;
        }
        const page = await request(socket, 'queue:snapshot', {
          event: 'bench',
          status: 'pending',
          limit: options.approvals,
        });
        const approvals: number[] = [];
        for (const { id } of page.ack.data?.items ?? []) {
          const { ack, ms } = await request(socket, 'item:approve', { id });
          if (!ack.ok) throw new Error(`approve refused: ${ack.message}`);
          approvals.push(ms);
        }
        const snapshot = summarize(snapshots);
        const approve = summarize(approvals);
        rounds.push({
          serverSnapshotP50: round(side.snapshot.p50, 2),
          serverSnapshotP99: round(side.snapshot.p99, 2),
          plainSelectP50: round(side.plain.p50, 2),
          snapshotRttP50: round(snapshot.p50, 2),
          snapshotRttP99: round(snapshot.p99, 2),
          snapshotBytes: bytes,
          snapshotItems: items,
          approveRttP50: round(approve.p50, 2),
          approveRttP99: round(approve.p99, 2),
        });
        log(
          `moderation round ${roundIndex + 1}: snapshot ${round(snapshot.p50, 2)} ms, approve p99 ${round(approve.p99, 2)} ms`,
        );
      }
    } finally {
      socket.close();
    }
    return { pending, rounds };
  } finally {
    await server.stop();
  }
}

export function moderationTable(result: ModerationResult): Table {
  const m = (key: keyof Round) => median(result.rounds.map((r) => r[key]));
  return {
    title: `Moderation with ${result.pending.toLocaleString('en')} pending items (medians of rounds, ms)`,
    columns: ['measure', 'p50', 'p99', 'baseline p50', '× baseline', 'note'],
    rows: [
      [
        'snapshot, server side',
        m('serverSnapshotP50'),
        m('serverSnapshotP99'),
        m('plainSelectP50'),
        ratio(m('serverSnapshotP50'), m('plainSelectP50')),
        'baseline: plain SELECT of the same page',
      ],
      [
        'snapshot, console round trip',
        m('snapshotRttP50'),
        m('snapshotRttP99'),
        null,
        null,
        `${m('snapshotItems')} items, ${Math.round(m('snapshotBytes') / 1024)} KB`,
      ],
      ['approve round trip', m('approveRttP50'), m('approveRttP99'), null, null, 'one moderator, no wall clients'],
    ],
    verdicts: [
      verdict(
        m('serverSnapshotP99') < 300,
        `snapshot of ${result.pending} pending under 300 ms server-side (p99 ${m('serverSnapshotP99')} ms)`,
      ),
      verdict(
        m('snapshotItems') < result.pending,
        `paginated: ${m('snapshotItems')} items sent, not ${result.pending}`,
      ),
    ],
  };
}
