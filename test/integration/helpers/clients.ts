/** Real HTTP and socket.io clients for integration tests. */
import { randomUUID } from 'node:crypto';
import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import type {
  ModerationClientToServer,
  ModerationServerToClient,
  WallClientToServer,
  WallServerToClient,
} from '../../../server/protocol/socket.js';
import { ADMIN_PASSWORD } from './server.js';

export type WallSocket = Socket<WallServerToClient, WallClientToServer>;
export type ModerationSocket = Socket<ModerationServerToClient, ModerationClientToServer>;

/** Signs in and returns the session cookie (`name=value`). */
export async function login(url: string, name = 'admin', password = ADMIN_PASSWORD): Promise<string> {
  const response = await fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, password }),
  });
  if (response.status !== 200) throw new Error(`login failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers.get('set-cookie');
  if (!cookie) throw new Error('login set no cookie');
  return cookie.split(';')[0]!;
}

const socketOptions = { transports: ['websocket'], forceNew: true, reconnection: false } satisfies Partial<
  ManagerOptions & SocketOptions
>;

/** A wall client; resolves once connected (and its snapshot is on its way). */
/** `polling: true` uses HTTP long-polling only, the way a browser starts before upgrading. */
export interface ClientOptions {
  polling?: boolean;
}

const transportsFor = (options: ClientOptions) =>
  options.polling ? { transports: ['polling'] } : { transports: ['websocket'] };

export function wallClient(url: string, event?: string, options: ClientOptions = {}): WallSocket {
  return io(`${url}/wall`, { ...socketOptions, ...transportsFor(options), auth: event ? { event } : {} });
}

export function moderationClient(url: string, cookie?: string, options: ClientOptions = {}): ModerationSocket {
  return io(`${url}/moderation`, {
    ...socketOptions,
    ...transportsFor(options),
    extraHeaders: cookie ? { cookie } : {},
  });
}

/** Resolves with the next `event` whose payload matches `predicate`; rejects after `timeoutMs`. */
export function nextEvent<T>(
  socket: Socket,
  event: string,
  predicate: (payload: T) => boolean = () => true,
  timeoutMs = 5000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, listener);
      reject(new Error(`no "${event}" within ${timeoutMs} ms`));
    }, timeoutMs);
    function listener(payload: T) {
      if (!predicate(payload)) return;
      clearTimeout(timer);
      socket.off(event, listener);
      resolve(payload);
    }
    socket.on(event, listener);
  });
}

/** Resolves when connected, rejects with the connect_error's message. */
export function connected(socket: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    if (socket.connected) return resolve();
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error) => reject(error));
  });
}

export interface SubmitOptions {
  name?: string;
  message: string;
  key?: string;
  language?: string;
}

export async function submit(url: string, event: string, options: SubmitOptions): Promise<Response> {
  return fetch(`${url}/api/events/${event}/submissions`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'idempotency-key': options.key ?? randomUUID(),
      ...(options.language ? { 'accept-language': options.language } : {}),
    },
    body: JSON.stringify({ name: options.name ?? 'Claire', message: options.message }),
  });
}
