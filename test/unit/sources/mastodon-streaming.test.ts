/** Mastodon streaming frames and addresses, from the recorded frames and statuses. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseFrame, streamUrl, subscribeMessages } from '../../../server/sources/mastodon/streaming.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/mastodon/${name}`, import.meta.url), 'utf8');

describe('parseFrame', () => {
  it('reads an update, whose payload is the status as a JSON string', () => {
    const status = JSON.parse(fixture('status-hashtag-stream-update.json')) as { uri: string };
    const frame = parseFrame(
      JSON.stringify({ stream: ['hashtag', 'test'], event: 'update', payload: JSON.stringify(status) }),
    );
    expect(frame).toEqual({ kind: 'update', status });
  });

  it('reads an edit (status.update)', () => {
    const status = JSON.parse(fixture('status-edited-status-update.json')) as unknown;
    const frame = parseFrame(
      JSON.stringify({ stream: ['hashtag', 'piano'], event: 'status.update', payload: JSON.stringify(status) }),
    );
    expect(frame).toEqual({ kind: 'edit', status });
  });

  it('reads a recorded delete, whose payload is a bare local id', () => {
    expect(parseFrame(fixture('ws-delete-event.json'))).toEqual({ kind: 'delete', id: '106692867363994015' });
  });

  it('reads an error frame and passes other events by name', () => {
    expect(parseFrame('{"error":"Unknown stream type","status":400}')).toEqual({
      kind: 'error',
      message: 'Unknown stream type',
    });
    expect(parseFrame('{"stream":["user"],"event":"filters_changed"}')).toEqual({
      kind: 'other',
      event: 'filters_changed',
    });
  });

  it.each([
    ['not JSON', 'not json {', 'frame is not JSON'],
    ['no event', '{"stream":["hashtag","x"]}', 'frame has no event'],
    ['an array', '[1,2]', 'frame has no event'],
    ['update without payload', '{"event":"update"}', 'update without a status'],
    ['update with a truncated status', '{"event":"update","payload":"{\\"id\\":"}', 'update payload is not JSON'],
    ['delete without id', '{"event":"delete","payload":""}', 'delete without an id'],
    ['delete with an object', '{"event":"delete","payload":{"id":"1"}}', 'delete without an id'],
  ])('refuses %s', (_name, text, message) => {
    expect(() => parseFrame(text)).toThrow(message);
  });
});

describe('stream addresses', () => {
  it('asks for the first hashtag in the URL and the others by subscribe messages, never a token', () => {
    expect(streamUrl('wss://streaming.mastodon.social', 'Mairie')).toBe(
      'wss://streaming.mastodon.social/api/v1/streaming?stream=hashtag&tag=Mairie',
    );
    expect(streamUrl('ws://127.0.0.1:4000/prefix/', 'été')).toBe(
      'ws://127.0.0.1:4000/prefix/api/v1/streaming?stream=hashtag&tag=%C3%A9t%C3%A9',
    );
    expect(subscribeMessages(['A', 'B']).map((text) => JSON.parse(text) as unknown)).toEqual([
      { type: 'subscribe', stream: 'hashtag', tag: 'A' },
      { type: 'subscribe', stream: 'hashtag', tag: 'B' },
    ]);
  });
});
