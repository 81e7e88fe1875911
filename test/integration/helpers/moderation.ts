/** A signed-in moderation client with typed requests, for the integration tests of the console's protocol. */
import type { Response } from '../../../server/protocol/socket.js';
import { connected, login, moderationClient, type ModerationSocket } from './clients.js';

export interface ModeratorClient {
  socket: ModerationSocket;
  request<T = unknown>(name: string, payload: unknown): Promise<Response<T>>;
  /** The data of a successful request; throws with the server's message otherwise. */
  ok<T = unknown>(name: string, payload: unknown): Promise<T>;
  close(): void;
}

export async function signedIn(url: string, name = 'admin', password?: string): Promise<ModeratorClient> {
  const socket = moderationClient(url, password ? await login(url, name, password) : await login(url, name));
  await connected(socket);
  const request = <T>(event: string, payload: unknown) =>
    new Promise<Response<T>>((resolve) => (socket.emit as (...args: unknown[]) => void)(event, payload, resolve));
  return {
    socket,
    request,
    async ok<T>(event: string, payload: unknown): Promise<T> {
      const response = await request<T>(event, payload);
      if (!response.ok) throw new Error(`${event}: ${response.code} ${response.message}`);
      return response.data;
    },
    close: () => socket.close(),
  };
}
