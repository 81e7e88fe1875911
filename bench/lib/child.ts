/**
 * Child processes of a benchmark (servers, client swarms), run from source with tsx, each pinned to its own core
 * with `taskset` where available so the server and the clients do not steal each other's CPU. They talk over
 * Node's IPC channel: `request(child, message)` sends `{ id, ...message }` and resolves with the reply of that id.
 */
import { fork, spawnSync, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';

export interface Child {
  process: ChildProcess;
  request<T = unknown>(message: Record<string, unknown>, timeoutMs?: number): Promise<T>;
  stop(): Promise<void>;
}

const hasTaskset = spawnSync('taskset', ['--version']).status === 0;

/** Core for a role: the server on core 0, clients on the last core (the same core when there is only one). */
export function coreFor(role: 'server' | 'clients'): number | null {
  if (!hasTaskset) return null;
  return role === 'server' ? 0 : availableParallelism() - 1;
}

export function startChild(entry: URL, options: { core?: number | null; args?: string[]; gc?: boolean } = {}): Child {
  const execArgv = ['--import', 'tsx', ...(options.gc ? ['--expose-gc'] : []), '--max-old-space-size=4096'];
  const script = fileURLToPath(entry);
  const child =
    options.core === null || options.core === undefined
      ? fork(script, options.args ?? [], { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
      : fork(script, options.args ?? [], {
          execPath: 'taskset',
          execArgv: ['-c', String(options.core), process.execPath, ...execArgv],
          stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        });
  let next = 0;
  const waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  child.on('message', (message: { id?: number; error?: string }) => {
    const entryWaiting = message.id === undefined ? undefined : waiting.get(message.id);
    if (!entryWaiting || message.id === undefined) return;
    waiting.delete(message.id);
    if (message.error) entryWaiting.reject(new Error(message.error));
    else entryWaiting.resolve(message);
  });
  child.on('exit', (code) => {
    for (const { reject } of waiting.values()) reject(new Error(`child ${script} exited with ${code}`));
    waiting.clear();
  });
  return {
    process: child,
    request<T>(message: Record<string, unknown>, timeoutMs = 300_000): Promise<T> {
      const id = next++;
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(id);
          reject(new Error(`child ${script}: no answer to ${String(message.type)} in ${timeoutMs} ms`));
        }, timeoutMs);
        waiting.set(id, {
          resolve: (value) => {
            clearTimeout(timer);
            resolve(value as T);
          },
          reject: (error) => {
            clearTimeout(timer);
            reject(error);
          },
        });
        child.send({ ...message, id });
      });
    },
    async stop(): Promise<void> {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

type Handler = (message: Record<string, unknown>) => Promise<Record<string, unknown>> | Record<string, unknown>;

/** In a child: answers each request with its handler's result (or its error), keeping the request's id. */
export function serve(handlers: Record<string, Handler>): void {
  process.on('message', (message: { id: number; type: string }) => {
    const handler = handlers[message.type];
    void (async () => {
      try {
        if (!handler) throw new Error(`unknown request ${message.type}`);
        process.send?.({ ...(await handler(message)), id: message.id });
      } catch (error) {
        process.send?.({ id: message.id, error: error instanceof Error ? error.message : String(error) });
      }
    })();
  });
  process.on('SIGTERM', () => process.exit(0));
  process.on('disconnect', () => process.exit(0));
}

/** Monotonic nanoseconds, the same clock in every process on one machine. */
export const nowNs = (): bigint => process.hrtime.bigint();
