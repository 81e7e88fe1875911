/**
 * The Twilio webhook through the real app: requests signed with the `twilio` package's own helper, TwiML answers,
 * idempotent retries, MMS images from a fake Twilio API and CDN, keywords, the per-number limit, bad input.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Item } from '../../server/protocol/items.js';
import type { RulesView } from '../../server/protocol/moderation.js';
import { nextEvent } from './helpers/clients.js';
import { startServer, type TestServer } from './helpers/server.js';
import { signedIn, type ModeratorClient } from './helpers/moderation.js';
import {
  GPS_MARKER,
  inboundSms,
  JPEG_WITH_GPS,
  postTwilio,
  startTwilioMedia,
  type TwilioMediaFake,
} from './fakes/twilio-media.js';

const ACCOUNT_SID = `AC${'0123456789abcdef'.repeat(2)}`;
const AUTH_TOKEN = 'twilio-auth-token-for-tests';
const PUBLIC_URL = 'https://wall.example.org';
const ACK =
  'Merci ! Votre message sera affiché après modération.\nThank you! Your message will be shown after moderation.';
const EMPTY = '<?xml version="1.0" encoding="UTF-8"?><Response/>';

let media: TwilioMediaFake;
let server: TestServer;
let moderator: ModeratorClient;
let sids = 0;

const twilioSource = (apiBase: string, extra: Record<string, unknown> = {}) => ({
  kind: 'twilio' as const,
  phoneNumber: '+33 6 39 98 00 00',
  accountSid: ACCOUNT_SID,
  authToken: AUTH_TOKEN,
  apiBase,
  ...extra,
});

beforeAll(async () => {
  media = await startTwilioMedia(ACCOUNT_SID, AUTH_TOKEN);
});
afterAll(() => media?.close());

/** The main server, started once the stopping test (which counts the process's handles) has run. */
function withServer() {
  beforeAll(async () => {
    server = await startServer({
      settings: { publicUrl: PUBLIC_URL, media: { maxBytes: 64 * 1024 } },
      events: [
        { slug: 'town-hall', title: 'Town hall', hashtags: ['TownHall'], sources: [twilioSource(media.apiUrl)] },
        {
          slug: 'english',
          title: 'English only',
          wall: { languages: ['en'] },
          sources: [twilioSource(media.apiUrl, { reply: { en: 'Thanks & <welcome> "all"' } })],
        },
        { slug: 'web-only', title: 'No SMS', sources: [{ kind: 'web' }] },
      ],
    });
    moderator = await signedIn(server.url);
  });
  afterAll(async () => {
    moderator?.close();
    await server?.close();
  });
}

/** The message of an API error answer. */
async function errorMessage(response: Response): Promise<string> {
  return ((await response.json()) as { error: { message: string } }).error.message;
}

const newSid = (prefix = 'SM') => `${prefix}${(++sids).toString(16).padStart(32, '0')}`;
const hook = (slug = 'town-hall') => `/hooks/${slug}/sms/twilio`;

/** Posts to the test server, signed for the public URL Twilio was given. */
function send(params: Record<string, string>, slug = 'town-hall', options: { signature?: string | null } = {}) {
  return postTwilio(`${server.url}${hook(slug)}`, params, {
    authToken: AUTH_TOKEN,
    signedFor: `${PUBLIC_URL}${hook(slug)}`,
    ...options,
  });
}

function sms(from: string, body: string, extra: Record<string, string> = {}) {
  return { ...inboundSms(newSid(), from, body, ACCOUNT_SID), ...extra };
}

async function stored(sid: string, slug = 'town-hall'): Promise<Item | null> {
  return server.app.store.items.findByKey(slug, 'sms', sid);
}

const total = async (slug = 'town-hall') =>
  Object.values(await server.app.store.items.counts(slug)).reduce((a, b) => a + b, 0);

describe('stopping', () => {
  it('leaves no socket or timer behind once an MMS was fetched and the app stopped', async () => {
    // Counted inside an async vi.waitFor callback both times: its promise settles once waitFor has set its own
    // timeout and interval timers, so both counts include exactly those.
    const active = async () => {
      await Promise.resolve();
      return process
        .getActiveResourcesInfo()
        .reduce<Record<string, number>>((c, t) => ({ ...c, [t]: (c[t] ?? 0) + 1 }), {});
    };
    const before = await vi.waitFor(active);
    const own = await startServer({
      events: [{ slug: 'brief', title: 'Brief', sources: [twilioSource(media.apiUrl)] }],
    });
    const sid = newSid('MM');
    const params = {
      ...inboundSms(sid, '+33639981290', 'Photo', ACCOUNT_SID),
      NumMedia: '1',
      MediaUrl0: media.addMedia(sid, { body: JPEG_WITH_GPS, contentType: 'image/jpeg' }),
      MediaContentType0: 'image/jpeg',
    };
    const url = `${own.url}/hooks/brief/sms/twilio`;
    expect((await postTwilio(url, params, { authToken: AUTH_TOKEN })).status).toBe(200);
    expect((await own.app.store.items.findByKey('brief', 'sms', sid))?.media).toHaveLength(1);
    await own.app.sources.stopEvent('brief');
    await own.close();
    await vi.waitFor(async () => {
      expect(media.openConnections()).toBe(0);
      for (const [type, n] of Object.entries(await active())) expect(n, type).toBeLessThanOrEqual(before[type] ?? 0);
    });
  });
});

describe('with the app running', () => {
  withServer();

  describe('Twilio webhook', () => {
    it('answers a signed SMS with the acknowledgement in both languages and queues it without the number', async () => {
      const params = sms('+33639981278', 'Nom : Claire\nQuelle place pour le vélo ? #TownHall');
      const response = await send(params);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/xml/);
      expect(await response.text()).toBe(
        `<?xml version="1.0" encoding="UTF-8"?><Response><Message>${ACK}</Message></Response>`,
      );
      expect(await stored(params.MessageSid)).toMatchObject({
        status: 'pending',
        author: { name: 'Claire' },
        text: 'Quelle place pour le vélo ? #TownHall',
        contact: { masked: '+33 6 •• •• •• 78' },
      });
      expect(JSON.stringify(await stored(params.MessageSid))).not.toMatch(/639981278/);
    });

    it('refuses forged, unsigned and tampered requests with 403 and stores nothing', async () => {
      const before = await total();
      const params = sms('+33639981278', 'forged');
      expect((await send(params, 'town-hall', { signature: null })).status).toBe(403);
      expect((await send(params, 'town-hall', { signature: 'RSOYDt4T1cUTdK1PDd93/VVr8B8=' })).status).toBe(403);
      const otherToken = await postTwilio(`${server.url}${hook()}`, params, {
        authToken: 'not-the-token',
        signedFor: `${PUBLIC_URL}${hook()}`,
      });
      expect(otherToken.status).toBe(403);
      // Signed for one body, sent with another: every parameter is covered by the signature.
      const signature = (await import('twilio')).default.getExpectedTwilioSignature(
        AUTH_TOKEN,
        `${PUBLIC_URL}${hook()}`,
        params,
      );
      const tampered = await send({ ...params, Body: 'tampered' }, 'town-hall', { signature });
      expect(tampered.status).toBe(403);
      // Signed for the URL as the request arrived, not the one Twilio was given (publicUrl): refused too.
      const wrongUrl = await postTwilio(`${server.url}${hook()}`, params, { authToken: AUTH_TOKEN });
      expect(wrongUrl.status).toBe(403);
      expect(await total()).toBe(before);
    });

    it('answers a retry of the same MessageSid with the same TwiML and stores nothing new', async () => {
      const params = sms('+33639981279', 'Une seule fois');
      const first = await (await send(params)).text();
      const before = await total();
      const [again, concurrent] = await Promise.all([send(params), send(params)]);
      expect(await again.text()).toBe(first);
      expect(await concurrent.text()).toBe(first);
      expect(await total()).toBe(before);
    });

    it('stores the escaped text of a hostile body and keeps its emoji', async () => {
      const body = 'Bravo 🎉👍🏽 <script>alert(1)</script><img src=x onerror=alert(2)> & merci';
      const params = sms('+33639981280', body);
      expect((await send(params)).status).toBe(200);
      const item = (await stored(params.MessageSid))!;
      expect(item.text).toContain('🎉👍🏽');
      // Shown as the text it is: no element survives, the markup is escaped.
      expect(item.html).not.toMatch(/<(?!\/?(?:p|br)\b)/);
      expect(item.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(item.html).toContain('🎉👍🏽');
    });

    it('answers in the event language only, XML-escaped, for a single-language event', async () => {
      const response = await send(sms('+33639981281', 'Hello'), 'english');
      expect(await response.text()).toBe(
        '<?xml version="1.0" encoding="UTF-8"?><Response><Message>Thanks &amp; &lt;welcome&gt; &quot;all&quot;</Message></Response>',
      );
    });
  });

  describe('MMS images', () => {
    it('fetches the image with the credentials, follows the CDN redirect without them, strips its GPS', async () => {
      const sid = newSid('MM');
      const mediaUrl = media.addMedia(sid, { body: JPEG_WITH_GPS, contentType: 'image/jpeg' });
      const params = {
        ...inboundSms(sid, '+33639981282', 'Vue de la salle', ACCOUNT_SID),
        NumMedia: '1',
        MediaUrl0: mediaUrl,
        MediaContentType0: 'image/jpeg',
      };
      expect((await send(params)).status).toBe(200);
      const item = (await stored(sid))!;
      expect(item.media).toHaveLength(1);
      expect(item.media[0]!.url).toMatch(/^\/media\/uploads\/[0-9a-f]{64}\.jpg$/);

      const credentials = `Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64')}`;
      const path = new URL(mediaUrl).pathname;
      expect(media.apiRequests.filter((r) => r.path === path)).toEqual([{ path, authorization: credentials }]);
      expect(media.cdnRequests.length).toBeGreaterThan(0);
      expect(media.cdnRequests.every((r) => r.authorization === undefined)).toBe(true);

      const image = await fetch(`${server.url}${item.media[0]!.url}`);
      expect(image.headers.get('content-type')).toBe('image/jpeg');
      const bytes = Buffer.from(await image.arrayBuffer());
      expect(JPEG_WITH_GPS.toString('latin1')).toContain(GPS_MARKER);
      expect(bytes.toString('latin1')).not.toContain(GPS_MARKER);
      expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    });

    it('keeps the text when the images cannot be had: elsewhere than apiBase, missing, too large, not images', async () => {
      const sid = newSid('MM');
      const apiCalls = media.apiRequests.length;
      const params = {
        ...inboundSms(sid, '+33639981283', 'Photos ratées', ACCOUNT_SID),
        NumMedia: '4',
        MediaUrl0: `${media.cdnUrl}/2010-04-01/Accounts/${ACCOUNT_SID}/Messages/${sid}/Media/MEelsewhere`,
        MediaContentType0: 'image/jpeg',
        MediaUrl1: `${media.apiUrl}/2010-04-01/Accounts/${ACCOUNT_SID}/Messages/${sid}/Media/MEmissing`,
        MediaContentType1: 'image/png',
        MediaUrl2: media.addMedia(sid, { body: Buffer.alloc(100 * 1024, 0xff), contentType: 'image/jpeg' }),
        MediaContentType2: 'image/jpeg',
        MediaUrl3: media.addMedia(sid, { body: Buffer.from('<html></html>'), contentType: 'text/html' }),
        MediaContentType3: 'image/gif',
      };
      const response = await send(params);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('<Message>');
      expect(await stored(sid)).toMatchObject({ text: 'Photos ratées', media: [] });
      // The URL outside apiBase was never requested, with or without credentials.
      expect(media.cdnRequests.some((r) => r.path.includes('MEelsewhere'))).toBe(false);
      expect(media.apiRequests.length - apiCalls).toBe(3);
    });
  });

  describe('keywords and opt-out', () => {
    it('STOP answers an empty Response, bans the number and takes its items off the wall; START lifts it', async () => {
      const from = '+33639981284';
      const first = sms(from, 'Mon premier message');
      await send(first);
      const { id } = (await stored(first.MessageSid))!;
      await moderator.ok('item:approve', { id });
      const waiting = sms(from, 'Encore en attente');
      await send(waiting);

      // A console open on the event sees the ban appear in its rules.
      await moderator.ok('queue:snapshot', { event: 'town-hall', status: 'pending' });
      const pushed = nextEvent<RulesView>(moderator.socket, 'rules:changed');
      const stop = sms(from, 'Stop', { OptOutType: 'STOP' });
      expect(await (await send(stop)).text()).toBe(EMPTY);
      expect((await pushed).bannedAuthors.map((rule) => rule.label)).toContain('SMS opt-out (STOP)');
      expect(await stored(stop.MessageSid)).toBeNull();
      const rules = server.app.events.ruleBook.view('town-hall').bannedAuthors;
      expect(rules).toContainEqual(expect.objectContaining({ label: 'SMS opt-out (STOP)', by: 'sms-opt-out' }));
      expect(await stored(first.MessageSid)).toMatchObject({
        status: 'hidden',
        text: '',
        flags: ['deleted-at-source'],
      });
      expect(await stored(waiting.MessageSid)).toMatchObject({ status: 'rejected', text: '' });
      const feed = await (await fetch(`${server.url}/api/events/town-hall/items`)).json();
      expect(JSON.stringify(feed)).not.toContain('Mon premier message');

      const after = sms(from, 'Toujours là');
      expect(await (await send(after)).text()).toBe(EMPTY);
      expect((await stored(after.MessageSid))?.status).toBe('rejected');

      expect(await (await send(sms(from, 'START'))).text()).toBe(EMPTY);
      expect(server.app.events.ruleBook.view('town-hall').bannedAuthors.map((r) => r.label)).not.toContain(
        'SMS opt-out (STOP)',
      );
      const back = sms(from, 'De retour');
      expect(await (await send(back)).text()).toContain(ACK);
      expect((await stored(back.MessageSid))?.status).toBe('pending');
    });

    it.each(['ARRÊT', 'arret', 'UNSUBSCRIBE', ' quit. ', 'STOPALL'])('reads %j as STOP', async (word) => {
      const from = `+3363998${String(1300 + word.length).padStart(4, '0')}`;
      const response = await send(sms(from, word));
      expect(await response.text()).toBe(EMPTY);
      const rules = server.app.events.ruleBook.view('town-hall').bannedAuthors;
      expect(rules.some((rule) => rule.label.startsWith('SMS opt-out'))).toBe(true);
      await send(sms(from, 'UNSTOP'));
    });

    it('HELP answers an empty Response and stores nothing; STOP inside a sentence is a message', async () => {
      const before = await total();
      expect(await (await send(sms('+33639981285', 'help'))).text()).toBe(EMPTY);
      expect(await total()).toBe(before);
      const sentence = sms('+33639981285', 'Stop au bruit dans la salle !');
      expect(await (await send(sentence)).text()).toContain(ACK);
      expect((await stored(sentence.MessageSid))?.status).toBe('pending');
    });
  });

  describe('per-number rate limit', () => {
    it('takes 5 messages a minute from one number, says so once, then answers nothing; others still pass', async () => {
      const from = '+33639981286';
      const before = await total();
      for (let n = 0; n < 5; n++) expect(await (await send(sms(from, `message ${n}`))).text()).toContain(ACK);
      const over = await (await send(sms(from, 'six'))).text();
      expect(over).toContain('Trop de messages : réessayez dans quelques minutes.');
      expect(over).toContain('Too many messages: please try again in a few minutes.');
      expect(await (await send(sms(from, 'sept'))).text()).toBe(EMPTY);
      expect(await total()).toBe(before + 5);
      expect(await (await send(sms('0639981287', 'un autre numéro'))).text()).toContain(ACK);
    });
  });

  describe('bad input', () => {
    it('answers 404 for an unknown event or one without Twilio', async () => {
      const params = sms('+33639981288', 'x');
      expect((await send(params, 'nowhere')).status).toBe(404);
      expect((await send(params, 'web-only')).status).toBe(404);
    });

    it('answers 400 for a body that is not a form, and for a signed form without MessageSid or From', async () => {
      const json = await fetch(`${server.url}${hook()}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ MessageSid: 'SM1', From: '+33639981288' }),
      });
      expect(json.status).toBe(400);
      expect(await errorMessage(json)).toMatch(/x-www-form-urlencoded/);
      const { MessageSid: _sid, ...noSid } = sms('+33639981288', 'x');
      const missing = await send(noSid);
      expect(missing.status).toBe(400);
      expect(await errorMessage(missing)).toBe('Missing Twilio parameter: MessageSid.');
    });

    it('answers 413 for an oversized body', async () => {
      const response = await send(sms('+33639981288', 'x'.repeat(70 * 1024)));
      expect(response.status).toBe(413);
    });
  });

  describe('behind a reverse proxy', () => {
    let proxied: TestServer;
    beforeAll(async () => {
      proxied = await startServer({
        settings: { trustProxy: true },
        events: [
          { slug: 'proxied', title: 'Proxied', sources: [twilioSource(media.apiUrl)] },
          {
            slug: 'prefixed',
            title: 'Own public URL',
            sources: [twilioSource(media.apiUrl, { publicUrl: 'https://sms.example.org/murmure/' })],
          },
        ],
      });
    });
    afterAll(() => proxied?.close());

    it('checks the signature against the URL the proxy was reached at (X-Forwarded-Proto and Host)', async () => {
      const params = sms('+33639981289', 'Derrière le proxy');
      const forwarded = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'wall.example.net' };
      const response = await postTwilio(`${proxied.url}${hook('proxied')}`, params, {
        authToken: AUTH_TOKEN,
        signedFor: `https://wall.example.net${hook('proxied')}`,
        headers: forwarded,
      });
      expect(response.status).toBe(200);
      expect(await proxied.app.store.items.findByKey('proxied', 'sms', params.MessageSid)).not.toBeNull();

      // The server that does not trust its proxy sees http://127.0.0.1:port and refuses the same request.
      const untrusted = await postTwilio(`${server.url}${hook()}`, sms('+33639981289', 'x'), {
        authToken: AUTH_TOKEN,
        signedFor: `https://wall.example.net${hook()}`,
        headers: forwarded,
      });
      expect(untrusted.status).toBe(403);
    });

    it("uses the source's own publicUrl, path prefix included", async () => {
      const params = sms('+33639981289', 'Avec préfixe');
      const response = await postTwilio(`${proxied.url}${hook('prefixed')}`, params, {
        authToken: AUTH_TOKEN,
        signedFor: `https://sms.example.org/murmure${hook('prefixed')}`,
      });
      expect(response.status).toBe(200);
    });
  });
});
