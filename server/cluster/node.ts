/**
 * This node among several: its name in leases, whether it leads (holds the lease of the work done once per
 * cluster), and the source states asked of the other nodes, since the sources that pull run on the leader only.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Server } from 'socket.io';
import type { Logger } from '../log.js';
import type { SourceStatus } from '../sources/source.js';

const STATUSES = 'murmure:source-statuses';
/** A node that does not answer in this time is left out of the states a console sees. */
const ANSWER_TIMEOUT_MS = 2_000;

export function createClusterNode(io: Server, log: Logger) {
  return {
    /** Unique per process: a node that restarts is a new holder, and does not take a lease back. */
    id: `${hostname()}-${process.pid}-${randomBytes(4).toString('hex')}`,
    leading: false,
    /** The states the other nodes report for the event's sources. */
    async remoteStatuses(event: string): Promise<SourceStatus[]> {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('no answer in time')), ANSWER_TIMEOUT_MS);
      });
      try {
        const answers = (await Promise.race([io.serverSideEmitWithAck(STATUSES, event), late])) as SourceStatus[][];
        return answers.flat();
      } catch (error) {
        log.warn({ err: error, event }, 'another node did not tell its source states in time');
        return [];
      } finally {
        clearTimeout(timer);
      }
    },
    /** Answers the other nodes' question with this node's states. */
    answerStatuses(statuses: (event: string) => SourceStatus[]): void {
      io.on(STATUSES, (event: string, answer: (states: SourceStatus[]) => void) => answer(statuses(event)));
    },
  };
}

export type ClusterNode = ReturnType<typeof createClusterNode>;
