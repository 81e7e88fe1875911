import { afterEach, describe, expect, it, vi } from 'vitest';
import { io } from 'socket.io-client';
import type { Ack, ModerationClientToServer, RequestName, RequestPayload } from '../../../../server/protocol/socket.js';
import { REQUEST_NAMES } from '../../../../server/realtime/moderation-schemas.js';
import { requestEmitters, type ModerationSocket } from '../../../../moderation/lib/requests.js';
import { SAMPLE_REQUESTS } from '../../../support/moderation-requests.js';

/** A socket that never connects: what it is asked to emit is all this test reads. */
const socket: ModerationSocket = io('http://127.0.0.1:9/moderation', { autoConnect: false });

function send<K extends RequestName>(emitters: ModerationClientToServer, name: K, payload: RequestPayload<K>) {
  const ack: Ack<unknown> = () => {};
  emitters[name](payload, ack);
  return ack;
}

describe("the console's request emitters", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('send each request under its own name, with its payload and ack as given', () => {
    const emit = vi.spyOn(socket, 'emit');
    const emitters = requestEmitters(socket);
    expect(Object.keys(emitters).sort()).toEqual([...REQUEST_NAMES].sort());
    for (const name of REQUEST_NAMES) {
      const ack = send(emitters, name, SAMPLE_REQUESTS[name]);
      expect(emit).toHaveBeenLastCalledWith(name, SAMPLE_REQUESTS[name], ack);
    }
    expect(emit).toHaveBeenCalledTimes(REQUEST_NAMES.length);
  });
});
