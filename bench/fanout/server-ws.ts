/**
 * Baseline: a raw `ws` server, the practical limit. The control client's message is sent as is to every other
 * client (framed like socket.io's event array so clients parse the same JSON), then acknowledged.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { serve } from '../lib/child.js';
import { serverStats } from './server-stats.js';

const httpServer = createServer();
const wss = new WebSocketServer({ server: httpServer, perMessageDeflate: false });
wss.on('connection', (socket: WebSocket) => {
  socket.on('message', (data) => {
    const frame = data.toString();
    for (const client of wss.clients) if (client !== socket) client.send(frame);
    socket.send('ack');
  });
});

serve({
  async start() {
    await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
    return { port: (httpServer.address() as AddressInfo).port };
  },
  ...serverStats,
});
