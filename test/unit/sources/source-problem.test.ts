/** A source's failure as a stable code with its parameters, from the error, the HTTP status or the words. */
import { createServer, connect, type AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { failure, problemFromText, problemOf, problemOfEnd, problemOfStatus } from '../../../server/sources/problem.js';
import { problemOfX } from '../../../server/sources/x/client.js';

const systemError = (message: string, fields: Record<string, unknown>) => Object.assign(new Error(message), fields);

/** A real ECONNREFUSED from this machine: a port that was just closed. */
async function refusedConnection(): Promise<Error> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return new Promise((resolve) => connect(port, '127.0.0.1').on('error', resolve));
}

describe('problemOf', () => {
  it('reads the system code of the error, its cause or an AggregateError', async () => {
    const dns = systemError('getaddrinfo ENOTFOUND api.x.com', { code: 'ENOTFOUND', hostname: 'api.x.com' });
    expect(problemOf(dns)).toEqual({ code: 'unreachable', host: 'api.x.com' });
    expect(problemOf(new TypeError('fetch failed', { cause: dns }))).toEqual({
      code: 'unreachable',
      host: 'api.x.com',
    });
    expect(problemOf(new AggregateError([systemError('x', { code: 'ETIMEDOUT' })], 'all failed'))).toEqual({
      code: 'timeout',
    });
    expect(problemOf(await refusedConnection(), 'mastodon.social')).toEqual({
      code: 'unreachable',
      host: 'mastodon.social',
    });
  });

  it('tells a machine without network from a server that is not there', () => {
    expect(problemOf(systemError('getaddrinfo EAI_AGAIN piaille.fr', { code: 'EAI_AGAIN' }))).toEqual({
      code: 'no_network',
    });
    expect(problemOf(systemError('connect ENETUNREACH', { code: 'ENETUNREACH' }))).toEqual({ code: 'no_network' });
  });

  it('names the port a mail receiver cannot open', () => {
    expect(
      problemOf(
        systemError('listen EADDRINUSE: address already in use 0.0.0.0:2525', { code: 'EADDRINUSE', port: 2525 }),
      ),
    ).toEqual({
      code: 'port_in_use',
      port: 2525,
    });
    expect(problemOf(systemError('listen EACCES: permission denied 0.0.0.0:25', { code: 'EACCES', port: 25 }))).toEqual(
      {
        code: 'port_denied',
        port: 25,
      },
    );
  });

  it('falls back on the words, keeping them when they say nothing known', () => {
    expect(problemOf(new Error('connection closed before the end of the answer'))).toEqual({ code: 'connection_lost' });
    expect(problemOf(new Error('the instance sent a strange answer'))).toEqual({
      code: 'other',
      detail: 'the instance sent a strange answer',
    });
  });
});

describe('problemOfStatus', () => {
  it('gives each HTTP status its meaning', () => {
    expect(problemOfStatus(401, { host: 'api.x.com' })).toEqual({ code: 'unauthorized', host: 'api.x.com' });
    expect(problemOfStatus(403)).toEqual({ code: 'forbidden' });
    expect(problemOfStatus(429, { until: 1_000 })).toEqual({ code: 'rate_limited', until: 1_000 });
    expect(problemOfStatus(503)).toEqual({ code: 'server_error', status: 503 });
  });
});

describe('problemFromText', () => {
  it.each([
    ['getaddrinfo ENOTFOUND api.x.com', { code: 'unreachable', host: 'api.x.com' }],
    ['recent search: cannot reach X (connect ECONNREFUSED 127.0.0.1:9)', { code: 'unreachable', host: '127.0.0.1:9' }],
    ['getaddrinfo EAI_AGAIN jetstream2.us-east.bsky.network', { code: 'no_network' }],
    ['HTTP 429', { code: 'rate_limited' }],
    ['recent search: X refused the bearer token (401 Unauthorized); check it', { code: 'unauthorized' }],
    ['mastodon.social answered HTTP 502', { code: 'server_error', status: 502 }],
    ['no answer within 15 s', { code: 'timeout' }],
    ['Jetstream: no data for too long: connection presumed dead', { code: 'connection_lost' }],
    ['filtered stream: this X access tier does not include it (403 client-not-enrolled)', { code: 'forbidden' }],
    ['the event has no hashtags to follow on X', { code: 'no_hashtag' }],
  ])('%s', (text, problem) => {
    expect(problemFromText(text)).toEqual(problem);
  });
});

describe('failure', () => {
  it('keeps the raw words beside their code, the source’s own code first', () => {
    expect(
      failure('stream: the access token was refused (HTTP 401)', {
        problem: { code: 'unauthorized' },
        host: 'piaille.fr',
      }),
    ).toEqual({
      lastError: 'stream: the access token was refused (HTTP 401)',
      problem: { code: 'unauthorized', host: 'piaille.fr' },
    });
    const error = systemError('getaddrinfo ENOTFOUND imap.example.org', { code: 'ENOTFOUND' });
    expect(failure('cannot find the server imap.example.org', { error, host: 'imap.example.org' }).problem).toEqual({
      code: 'unreachable',
      host: 'imap.example.org',
    });
    expect(failure('HTTP 429').problem).toEqual({ code: 'rate_limited' });
  });

  it('reads a websocket end and an X failure', () => {
    expect(problemOfEnd({ reason: 'silent', opened: true }, 'jetstream.example')).toEqual({
      code: 'connection_lost',
      host: 'jetstream.example',
    });
    expect(problemOfEnd({ reason: 'refused', opened: false, status: 401 })).toEqual({ code: 'unauthorized' });
    expect(problemOfX({ kind: 'http', status: 429, problem: {}, resetAt: 5_000 })).toEqual({
      code: 'rate_limited',
      until: 5_000,
    });
    expect(problemOfX({ kind: 'http', status: 403, problem: { reason: 'client-not-enrolled' } })).toEqual({
      code: 'forbidden',
    });
    expect(problemOfX({ kind: 'network', message: 'getaddrinfo ENOTFOUND api.x.com' })).toEqual({
      code: 'unreachable',
      host: 'api.x.com',
    });
  });
});
