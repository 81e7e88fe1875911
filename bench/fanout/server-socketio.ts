/**
 * Baseline: the smallest socket.io server that does the same job: a control client sends a payload, every other
 * client receives it. Same socket.io version and options as Murmure (websocket only, no per-message deflate).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { serve } from '../lib/child.js';
import { serverStats } from './server-stats.js';

const httpServer = createServer();
const io = new Server(httpServer, { serveClient: false, perMessageDeflate: false });
io.on('connection', (socket) => {
  socket.on('broadcast', (payload: unknown, ack: () => void) => {
    socket.broadcast.emit('item:shown', payload);
    ack();
  });
});

serve({
  async start() {
    await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
    return { port: (httpServer.address() as AddressInfo).port };
  },
  ...serverStats,
});
