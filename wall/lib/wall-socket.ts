/** The `/wall` socket.io namespace, typed, shared by the wall and the web view. */
import { io, type Socket } from 'socket.io-client';
import type { WallClientToServer, WallHandshake, WallServerToClient } from '../../server/protocol/socket.js';

export type WallSocket = Socket<WallServerToClient, WallClientToServer>;

export interface WallListeners extends WallServerToClient {
  /** Called on every connect and disconnect; socket.io reconnects by itself in between. */
  connection: (connected: boolean) => void;
  /** The server refused the connection for good (socket.io will not retry); `message` is its reason. */
  refused: (message: string) => void;
}

/** Connects to the event's wall; the server answers every (re)connect with a fresh `wall:snapshot`. */
export function openWallSocket(slug: string, listeners: WallListeners): () => void {
  const auth: WallHandshake = { event: slug };
  const socket: WallSocket = io('/wall', { auth: { ...auth } });
  socket.on('connect', () => listeners.connection(true));
  socket.on('disconnect', () => listeners.connection(false));
  socket.on('connect_error', (error) => {
    listeners.connection(false);
    // `active` is false when a server middleware rejected the handshake: retrying would be refused again.
    if (!socket.active) listeners.refused(error.message);
  });
  socket.on('wall:snapshot', listeners['wall:snapshot']);
  socket.on('item:shown', listeners['item:shown']);
  socket.on('item:hidden', listeners['item:hidden']);
  socket.on('item:updated', listeners['item:updated']);
  socket.on('wall:settings', listeners['wall:settings']);
  socket.on('wall:error', listeners['wall:error']);
  return () => {
    socket.removeAllListeners();
    socket.disconnect();
  };
}
