/**
 * The default blocklists an event uses: French, English and the wall's languages unless the configuration names
 * others, and a
 * moderator's choice in the console applying to the next item; a language the server has no list for is refused.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { RulesView } from '../../server/protocol/moderation.js';
import { startServer, type TestServer } from './helpers/server.js';
import { submit } from './helpers/clients.js';
import { signedIn } from './helpers/moderation.js';

let server: TestServer;
afterEach(() => server.close());

const web = [{ kind: 'web' as const, perMinute: 600 }];

/** The reasons the item holding `message` was given, once stored. */
async function reasonsOf(slug: string, message: string): Promise<string[]> {
  expect((await submit(server.url, slug, { name: 'Ana', message })).status).toBe(202);
  const statuses = ['pending', 'rejected'] as const;
  const pages = await Promise.all(statuses.map((status) => server.app.store.items.queue(slug, status, 100)));
  const item = pages.flatMap((page) => page.items).find((candidate) => candidate.text === message);
  expect(item, message).toBeDefined();
  return item!.reasons.filter((r) => r.rule === 'blocklist').map((r) => r.detail);
}

describe('blocklist languages', () => {
  it("follow French, English and the wall's languages, the configuration, then the console", async () => {
    server = await startServer({
      events: [
        { slug: 'english', title: 'English', wall: { languages: ['en'] }, sources: web },
        { slug: 'iberian', title: 'Ibérique', moderation: { blocklists: ['fr', 'es', 'pt'] }, sources: web },
      ],
    });
    const admin = await signedIn(server.url);
    const english = await admin.ok<RulesView>('rules:get', { event: 'english' });
    // An English wall's audience writes French too.
    expect(english.blocklists).toEqual(['fr', 'en']);
    expect(await reasonsOf('english', 'what a bitch')).toEqual(['bitch']);
    expect(await reasonsOf('english', 'quel connard')).toEqual(['connard']);

    const iberian = await admin.ok<RulesView>('rules:get', { event: 'iberian' });
    expect(iberian.blocklists).toEqual(['fr', 'es', 'pt']);
    expect(await reasonsOf('iberian', 'eres un gilipollas')).toEqual(['Gilipollas']);
    // Spanish `con` is "with": not blocked for an event that chose Spanish.
    expect(await reasonsOf('iberian', 'un café con leche')).toEqual([]);
    expect(await reasonsOf('iberian', 'so ein Arschloch')).toEqual([]);

    const changed = await admin.ok<RulesView>('rules:update', { event: 'iberian', blocklists: ['fr', 'de'] });
    expect(changed.blocklists).toEqual(['fr', 'de']);
    expect(await reasonsOf('iberian', 'so ein Arschloch!')).toEqual(['arschloch']);
    expect(await reasonsOf('iberian', 'eres un gilipollas!')).toEqual([]);
    const words = await admin.ok<string[]>('rules:defaultWords', { event: 'iberian' });
    expect(words).toContain('arschloch');
    expect(words).not.toContain('Gilipollas');

    const refused = await admin.request('rules:update', { event: 'iberian', blocklists: ['fr', 'xx'] });
    expect(refused).toMatchObject({
      ok: false,
      code: 'bad_request',
      message: expect.stringMatching(/^blocklists\.1:/),
    });
    admin.close();
  });
});
