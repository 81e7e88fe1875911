/**
 * The theme's images (logo, background) are https: URLs or nothing, whichever way they arrive: the configuration
 * file, the admin's set-up API (a bilingual field error), and the console's live wall changes over the socket.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configSchema } from '../../server/config/schema.js';
import type { AdminEvent } from '../../server/protocol/admin.js';
import type { WallSettings } from '../../server/protocol/event.js';
import { login } from './helpers/clients.js';
import { signedIn, type ModeratorClient } from './helpers/moderation.js';
import { startServer, type TestServer } from './helpers/server.js';

const REFUSED = [
  'http://venue.example/logo.png',
  'javascript:alert(1)',
  'data:image/png;base64,iVBORw0KGgo=',
  'file:///etc/passwd',
  '/media/uploads/logo.png',
  'venue.example/logo.png',
];
const LOGO = 'https://venue.example/logo.png';

let server: TestServer;
let cookie: string;
let moderator: ModeratorClient;

beforeAll(async () => {
  server = await startServer();
  cookie = await login(server.url);
  moderator = await signedIn(server.url);
});
afterAll(async () => {
  moderator?.close();
  await server?.close();
});

function saveTheme(theme: Record<string, unknown>) {
  return fetch(`${server.url}/api/admin/events/town-hall`, {
    method: 'PUT',
    headers: { cookie, 'content-type': 'application/json' },
    body: JSON.stringify({ wall: { theme } }),
  });
}

describe('theme image URLs', () => {
  it('are refused in the configuration file unless https', () => {
    for (const url of REFUSED) {
      const event = { slug: 'town-hall', title: 'Town hall', wall: { theme: { backgroundImageUrl: url } } };
      const parsed = configSchema.safeParse({ events: [event] });
      expect(parsed.success, url).toBe(false);
      expect(parsed.error?.issues[0]).toMatchObject({
        path: ['events', 0, 'wall', 'theme', 'backgroundImageUrl'],
        message: 'must be an https:// URL',
      });
    }
    const ok = configSchema.parse({ events: [{ slug: 'a', title: 'A', wall: { theme: { logoUrl: LOGO } } }] });
    expect(ok.events[0]?.wall.theme.logoUrl).toBe(LOGO);
  });

  it.each(['logoUrl', 'backgroundImageUrl'])(
    'are refused by the set-up API with a field error in both languages (%s)',
    async (field) => {
      for (const url of REFUSED) {
        const response = await saveTheme({ [field]: url });
        expect(response.status, url).toBe(400);
        expect(await response.json()).toMatchObject({
          error: {
            code: 'invalid',
            fields: [
              {
                field: `wall.theme.${field}`,
                message: { en: 'must be an https:// URL', fr: 'doit être une adresse https://' },
              },
            ],
          },
        });
      }
      expect(server.app.events.wallSettings('town-hall').theme[field as 'logoUrl']).toBeNull();
    },
  );

  it('are taken by the set-up API when https, and shown through the media proxy', async () => {
    const response = await saveTheme({ logoUrl: LOGO, backgroundImageUrl: null });
    expect(response.status).toBe(200);
    expect(((await response.json()) as AdminEvent).settings.wall.theme.logoUrl).toBe(LOGO);
    expect(server.app.events.wallSettings('town-hall').theme.logoUrl).toMatch(/^\/media\//);
    expect((await saveTheme({ logoUrl: null })).status).toBe(200);
  });

  it('are refused by the live wall change unless https, and taken when they are', async () => {
    for (const url of REFUSED) {
      const response = await moderator.request('wall:update', { event: 'town-hall', theme: { logoUrl: url } });
      expect(response, url).toMatchObject({
        ok: false,
        code: 'bad_request',
        message: /theme\.logoUrl: must be an https:\/\/ URL/,
      });
    }
    const background = 'https://venue.example/background.jpg';
    const settings = await moderator.ok<WallSettings>('wall:update', {
      event: 'town-hall',
      theme: { backgroundImageUrl: background },
    });
    expect(settings.theme.backgroundImageUrl).toMatch(/^\/media\//);
    const cleared = await moderator.ok<WallSettings>('wall:update', {
      event: 'town-hall',
      theme: { backgroundImageUrl: null },
    });
    expect(cleared.theme.backgroundImageUrl).toBeNull();
  });
});
