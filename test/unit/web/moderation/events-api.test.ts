import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createEvent,
  deleteSource,
  failure,
  listEvents,
  saveSource,
  setArchived,
  testSource,
} from '../../../../moderation/lib/events-api.js';
import { eventFromSearch } from '../../../../moderation/lib/admin-api.js';

/** The browser's fetch, answering one canned response and recording what was asked. */
function answer(status: number, body: unknown): { calls: [string, RequestInit][] } {
  const calls: [string, RequestInit][] = [];
  vi.stubGlobal('fetch', (url: string, init: RequestInit) => {
    calls.push([url, init]);
    const text = body === undefined ? null : JSON.stringify(body);
    return Promise.resolve(new Response(text, { status }));
  });
  return { calls };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('set-up API calls', () => {
  it('send JSON to the contract paths, with the slug encoded', async () => {
    const { calls } = answer(201, { settings: { slug: 'ag' } });
    expect(await createEvent({ title: 'AG' })).toEqual({ ok: true, data: { settings: { slug: 'ag' } } });
    await setArchived('a b', true);
    await setArchived('ag', false);
    await saveSource('ag', 3, { kind: 'web', perMinute: 5 });
    await testSource({ kind: 'x', event: 'ag', id: 3 });
    expect(calls.map(([url, init]) => `${init.method} ${url}`)).toEqual([
      'POST /api/admin/events',
      'POST /api/admin/events/a%20b/archive',
      'POST /api/admin/events/ag/restore',
      'PUT /api/admin/events/ag/sources/3',
      'POST /api/admin/sources/test',
    ]);
    expect(JSON.parse(String(calls[3]![1].body))).toEqual({ kind: 'web', perMinute: 5 });
    expect(calls[1]![1].body).toBe('{}');
  });

  it('reads a 204 as done', async () => {
    answer(204, undefined);
    expect(await deleteSource('ag', 3)).toEqual({ ok: true, data: null });
  });

  it('returns the field errors of a refused form', async () => {
    const fields = [{ field: 'wall.theme.accent', message: { en: 'must be a hex colour', fr: 'couleur' } }];
    answer(400, { error: { code: 'invalid', message: 'Invalid event', fields } });
    expect(await createEvent({})).toEqual({ ok: false, code: 'invalid', message: 'Invalid event', fields });
  });

  it('never throws: no answer is a network failure, a page instead of JSON a status code', async () => {
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));
    expect(await listEvents()).toEqual({ ok: false, code: 'network', message: '', fields: [] });
    vi.stubGlobal('fetch', () => Promise.resolve(new Response('<html>', { status: 502 })));
    expect(await listEvents()).toMatchObject({ ok: false, code: 'bad_gateway' });
  });
});

describe('failure', () => {
  it('keeps known codes, maps statuses otherwise, and drops malformed field errors', () => {
    expect(failure(409, { error: { code: 'conflict', message: 'exists' } })).toEqual({
      ok: false,
      code: 'conflict',
      message: 'exists',
      fields: [],
    });
    expect(failure(403, null).code).toBe('forbidden');
    expect(failure(401, { error: { code: 'weird' } }).code).toBe('unauthorized');
    const fields = [
      { field: 'x', message: { en: 'a' } },
      { field: 'y', message: { en: 'b', fr: 'c' } },
    ];
    expect(failure(400, { error: { code: 'invalid', message: '', fields } }).fields).toEqual([fields[1]]);
  });
});

describe('eventFromSearch', () => {
  it('reads the event an event’s console link asks for', () => {
    expect(eventFromSearch('?event=debat-2026')).toBe('debat-2026');
    expect(eventFromSearch('?lang=fr')).toBeNull();
    expect(eventFromSearch('')).toBeNull();
  });
});
