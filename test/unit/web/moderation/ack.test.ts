import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Ack } from '../../../../server/protocol/socket.js';
import { requestWithAck } from '../../../../moderation/lib/ack.js';

describe('requestWithAck', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('resolves with the server answer', async () => {
    const answer = await requestWithAck<number>((ack) => ack({ ok: true, data: 42 }));
    expect(answer).toEqual({ ok: true, data: 42 });
  });

  it('resolves with a conflict as an answer, not a throw', async () => {
    const answer = await requestWithAck<number>((ack) => ack({ ok: false, code: 'conflict', message: 'Bob first' }));
    expect(answer).toEqual({ ok: false, code: 'conflict', message: 'Bob first' });
  });

  it('times out when no answer comes, and ignores a late one', async () => {
    vi.useFakeTimers();
    let late: Ack<number> | undefined;
    const pending = requestWithAck<number>((ack) => (late = ack), 1000);
    await vi.advanceTimersByTimeAsync(1000);
    await expect(pending).resolves.toEqual({ ok: false, code: 'timeout', message: '' });
    late?.({ ok: true, data: 1 });
    await expect(pending).resolves.toMatchObject({ code: 'timeout' });
  });
});
