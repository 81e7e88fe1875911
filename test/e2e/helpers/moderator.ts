/** A moderator driving the real server over socket.io, as the console does, for browser tests. */
import type { Announcement, WallSettings } from '../../../server/protocol/event.js';
import type { Item } from '../../../server/protocol/items.js';
import type { ModerationAction, Response, WallUpdateRequest } from '../../../server/protocol/socket.js';
import { connected, login, moderationClient, submit } from '../../integration/helpers/clients.js';
import type { TestServer } from '../../integration/helpers/server.js';

export interface Moderator {
  act(action: ModerationAction, id: number): Promise<Item>;
  /** Submits through the web form and approves: the item as now on the wall. */
  publish(message: string, name?: string): Promise<Item>;
  updateWall(change: Omit<WallUpdateRequest, 'event'>): Promise<WallSettings>;
  announce(text: string | null): Promise<Announcement | null>;
  close(): void;
}

function unwrap<T>(response: Response<T>): T {
  if (!response.ok) throw new Error(`${response.code}: ${response.message}`);
  return response.data;
}

export async function startModerator(server: TestServer, event = 'town-hall'): Promise<Moderator> {
  const socket = moderationClient(server.url, await login(server.url));
  await connected(socket);
  const emit = <T>(name: string, payload: unknown) =>
    new Promise<Response<T>>((resolve) => (socket.emit as (...args: unknown[]) => void)(name, payload, resolve)).then(
      unwrap,
    );
  const moderator: Moderator = {
    act: (action, id) => emit<Item>(`item:${action}`, { id }),
    async publish(message, name = 'Claire') {
      const response = await submit(server.url, event, { name, message });
      if (response.status !== 202) throw new Error(`submission refused: ${response.status}`);
      const pending = (await server.app.store.items.queue(event, 'pending', 500)).items;
      const item = pending.find((candidate) => candidate.text === message);
      if (!item) throw new Error(`"${message}" is not in the queue`);
      return moderator.act('approve', item.id);
    },
    updateWall: (change) => emit<WallSettings>('wall:update', { event, ...change }),
    announce: (text) => emit<Announcement | null>('wall:announce', { event, text }),
    close: () => socket.close(),
  };
  return moderator;
}
