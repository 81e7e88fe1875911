/** The websocket runner shared by streaming sources, against a real `ws` server on 127.0.0.1. */
import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { runWebSocket } from '../../server/sources/websocket.js';

let http: Server;
let wss: WebSocketServer;

async function startUpstream(onConnection: (socket: WebSocket, protocol: string) => void): Promise<string> {
  http = createServer((_req, res) => res.writeHead(426).end());
  wss = new WebSocketServer({ noServer: true, autoPong: false });
  http.on('upgrade', (request, socket, head) => {
    if (request.url?.startsWith('/limited')) {
      socket.end('HTTP/1.1 429 Too Many Requests\r\nRetry-After: 42\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => onConnection(ws, ws.protocol));
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return `ws://127.0.0.1:${(http.address() as AddressInfo).port}`;
}

afterEach(async () => {
  for (const client of wss?.clients ?? []) client.terminate();
  wss?.close();
  await new Promise((resolve) => http?.close(resolve));
});

describe('runWebSocket', () => {
  it('delivers text frames in order, passes a subprotocol, and reports how the server closed', async () => {
    const url = await startUpstream((socket, protocol) => {
      socket.send(`hello ${protocol}`);
      socket.send('second');
      socket.close(4000, 'bye');
    });
    const received: string[] = [];
    const end = await runWebSocket({
      url,
      protocols: 'secret-token',
      signal: new AbortController().signal,
      onMessage: (text) => received.push(text),
    });
    expect(received).toEqual(['hello secret-token', 'second']);
    expect(end).toEqual({ reason: 'closed', opened: true, code: 4000, message: 'bye' });
  });

  it('goes on after a frame the caller cannot handle', async () => {
    const url = await startUpstream((socket) => {
      socket.send('garbage');
      socket.send('good');
      socket.close();
    });
    const good: string[] = [];
    const errors: unknown[] = [];
    await runWebSocket({
      url,
      signal: new AbortController().signal,
      onMessage: (text) => {
        if (text === 'garbage') throw new SyntaxError('not JSON');
        good.push(text);
      },
      onMessageError: (error) => errors.push(error),
    });
    expect(good).toEqual(['good']);
    expect(errors).toHaveLength(1);
  });

  it('gives up on a silent connection that does not even answer pings', async () => {
    const url = await startUpstream(() => undefined); // autoPong off: a half-open peer
    const end = await runWebSocket({
      url,
      silenceMs: 300,
      pingMs: 100,
      signal: new AbortController().signal,
      onMessage: () => undefined,
    });
    expect(end).toEqual({ reason: 'silent', opened: true });
  });

  it('reports a refused handshake with its status and Retry-After', async () => {
    const url = await startUpstream(() => undefined);
    const end = await runWebSocket({ url: `${url}/limited`, signal: new AbortController().signal, onMessage: () => 0 });
    expect(end).toEqual({ reason: 'refused', opened: false, status: 429, retryAfter: 42 });
  });

  it('closes the connection when the source stops, leaving no client behind', async () => {
    let connections = 0;
    const url = await startUpstream(() => (connections += 1));
    const controller = new AbortController();
    const running = runWebSocket({
      url,
      signal: controller.signal,
      onOpen: () => controller.abort(),
      onMessage: () => 0,
    });
    expect(await running).toEqual({ reason: 'aborted', opened: true });
    expect(connections).toBe(1);
    await expect.poll(() => wss.clients.size).toBe(0);
  });

  it('reports a connection error (nothing listening)', async () => {
    const url = await startUpstream(() => undefined);
    await new Promise((resolve) => http.close(resolve));
    const end = await runWebSocket({ url, signal: new AbortController().signal, onMessage: () => 0 });
    expect(end).toMatchObject({ reason: 'error', opened: false });
  });
});
