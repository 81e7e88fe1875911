/**
 * The side that makes items appear, one per contender: Murmure's moderator approving queued items over the
 * moderation socket; the baselines' control client asking the server to broadcast. Each `send` resolves on the
 * server's acknowledgement, so its duration is the approve round trip.
 */
import { io, type Socket } from 'socket.io-client';
import WebSocket from 'ws';
import { moderatorSocket } from '../lib/app.js';

export interface Control {
  send(id: number): Promise<void>;
  close(): void;
}

export async function murmureControl(url: string): Promise<Control> {
  const socket = await moderatorSocket(url);
  return {
    send: (id) =>
      new Promise((resolve, reject) =>
        socket.emit('item:approve', { id }, (ack: { ok: boolean; message?: string }) =>
          ack.ok ? resolve() : reject(new Error(`approve ${id}: ${ack.message}`)),
        ),
      ),
    close: () => socket.close(),
  };
}

export async function socketIoControl(url: string, sample: Record<string, unknown>): Promise<Control> {
  const socket = await connected(io(url, { transports: ['websocket'], forceNew: true }));
  return {
    send: (id) => new Promise((resolve) => socket.emit('broadcast', { ...sample, id }, () => resolve())),
    close: () => socket.close(),
  };
}

export async function wsControl(url: string, sample: Record<string, unknown>): Promise<Control> {
  const socket = new WebSocket(url, { perMessageDeflate: false });
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  const acks: (() => void)[] = [];
  socket.on('message', () => acks.shift()?.());
  return {
    send: (id) =>
      new Promise((resolve) => {
        acks.push(resolve);
        socket.send(JSON.stringify(['item:shown', { ...sample, id }]));
      }),
    close: () => socket.terminate(),
  };
}

function connected(socket: Socket): Promise<Socket> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}
