/**
 * Mastodon's streaming API over a websocket: where it lives, how to ask for the event's hashtags, and what its
 * frames mean. A frame is `{stream, event, payload}` where `payload` is a status encoded as a JSON string (`update`,
 * `status.update`) or a bare local id (`delete`); errors come as `{error, status}`.
 */
import { z } from 'zod';
import type { Logger } from '../../log.js';
import { describeError } from '../retry.js';
import type { InstanceApi } from './api.js';

export type StreamFrame =
  | { kind: 'update' | 'edit'; status: unknown }
  | { kind: 'delete'; id: string }
  | { kind: 'error'; message: string }
  | { kind: 'other'; event: string };

const Envelope = z.looseObject({ event: z.string(), payload: z.unknown().optional() });
const ErrorFrame = z.looseObject({ error: z.string(), status: z.number().optional() });

/** Reads one text frame; throws for anything that is not a frame the streaming server sends. */
export function parseFrame(text: string): StreamFrame {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error('frame is not JSON');
  }
  const failure = ErrorFrame.safeParse(value);
  if (failure.success) return { kind: 'error', message: failure.data.error };
  const envelope = Envelope.safeParse(value);
  if (!envelope.success) throw new Error('frame has no event');
  const { event, payload } = envelope.data;
  if (event === 'update' || event === 'status.update') {
    if (typeof payload !== 'string') throw new Error(`${event} without a status`);
    try {
      return { kind: event === 'update' ? 'update' : 'edit', status: JSON.parse(payload) as unknown };
    } catch {
      throw new Error(`${event} payload is not JSON`);
    }
  }
  if (event === 'delete') {
    if (typeof payload !== 'string' || payload === '') throw new Error('delete without an id');
    return { kind: 'delete', id: payload };
  }
  return { kind: 'other', event };
}

/** The websocket URL for the first hashtag; the others are asked for with {@link subscribeMessages}. */
export function streamUrl(streamingBase: string, tag: string): string {
  const url = new URL('api/v1/streaming', streamingBase.endsWith('/') ? streamingBase : `${streamingBase}/`);
  url.searchParams.set('stream', 'hashtag');
  url.searchParams.set('tag', tag);
  return url.toString();
}

export function subscribeMessages(tags: readonly string[]): string[] {
  return tags.map((tag) => JSON.stringify({ type: 'subscribe', stream: 'hashtag', tag }));
}

const InstanceInfo = z.looseObject({
  configuration: z.looseObject({ urls: z.looseObject({ streaming: z.string().optional() }).optional() }).optional(),
});

/**
 * Where the instance's streaming server is, as `/api/v2/instance` announces it (often another host, e.g.
 * `wss://streaming.mastodon.social`): its own host when it announces none, undefined when it did not answer.
 */
export async function discoverStreamingBase(api: InstanceApi, log: Logger): Promise<string | undefined> {
  try {
    const { data } = await api.getJson('api/v2/instance');
    const announced = InstanceInfo.safeParse(data).data?.configuration?.urls?.streaming;
    return announced && /^wss?:\/\//.test(announced) ? announced : api.base.toString().replace(/^http/, 'ws');
  } catch (error) {
    log.info(
      { instance: api.host, err: describeError(error) },
      'streaming address unknown for now: trying the instance',
    );
    return undefined;
  }
}
