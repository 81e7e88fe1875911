/**
 * The server's refusals carry a stable reason with its parameters, so a French console says each in French: the
 * real server, real moderators, each refusal provoked for real and read as the console reads it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Item } from '../../server/protocol/items.js';
import type { AccountCreated } from '../../server/protocol/moderation.js';
import type { Response } from '../../server/protocol/socket.js';
import { errorText } from '../../moderation/lib/i18n.js';
import { startServer, type TestServer } from './helpers/server.js';
import { submit } from './helpers/clients.js';
import { signedIn, type ModeratorClient } from './helpers/moderation.js';

let server: TestServer;
let admin: ModeratorClient;
let sam: ModeratorClient;

beforeAll(async () => {
  server = await startServer();
  admin = await signedIn(server.url);
  const added = await admin.ok<AccountCreated>('moderators:add', { name: 'Sam', role: 'moderator' });
  sam = await signedIn(server.url, 'Sam', added.password!);
});
afterAll(async () => {
  admin?.close();
  sam?.close();
  await server?.close();
});

async function queued(message: string): Promise<Item> {
  expect((await submit(server.url, 'town-hall', { name: 'Claire', message })).status).toBe(202);
  const item = (await server.app.store.items.queue('town-hall', 'pending', 500)).items.find((i) => i.text === message);
  if (!item) throw new Error(`${message} not pending`);
  return item;
}

/** The refusal, and what a French and an English console say of it. */
function read(response: Response<unknown>) {
  if (response.ok) throw new Error('expected a refusal');
  return {
    reason: response.reason,
    fr: errorText(response, 'fr'),
    en: errorText(response, 'en'),
    message: response.message,
  };
}

describe('refusals with reasons', () => {
  it('says who moved an item first, in the console’s language', async () => {
    const item = await queued('Première question');
    await admin.ok('item:approve', { id: item.id, expected: 'pending' });
    const late = read(await sam.request('item:reject', { id: item.id, expected: 'pending' }));
    expect(late.reason).toEqual({ key: 'item_moved', status: 'approved', by: 'admin' });
    expect(late.fr).toBe('admin a déjà approuvé ce message.');
    expect(late.en).toBe('admin already approved this message.');
    expect(late.fr).not.toContain(late.message);
  });

  it.each([
    [
      'item:undo',
      (item: Item) => ({ id: item.id }),
      'nothing_to_undo',
      'Vous n’avez pas d’action à annuler sur ce message.',
    ],
    [
      'item:spotlight',
      (item: Item) => ({ id: item.id }),
      'not_on_wall',
      'Seul un message affiché sur le mur peut être mis en avant.',
    ],
    ['item:approve', () => ({ id: 999_999 }), 'no_item', 'Ce message n’existe plus.'],
    [
      'queue:snapshot',
      () => ({ event: 'nowhere' }),
      'no_event',
      'L’événement «\u00a0nowhere\u00a0» n’existe pas ou plus.',
    ],
    [
      'audit:list',
      () => ({ event: 'town-hall', cursor: 'bogus' }),
      'unknown_cursor',
      'Cette page n’est plus valable\u00a0: rechargez la liste.',
    ],
    ['item:star', () => ({ id: 'one' }), 'invalid_request', 'Valeur refusée par le serveur (id, starred).'],
  ] as const)('%s: %s', async (name, payload, key, french) => {
    const item = await queued(`Pour ${name}`);
    const refusal = read(await sam.request(name, payload(item)));
    expect(refusal.reason?.key).toBe(key);
    expect(refusal.fr).toBe(french);
  });

  it('words the account refusals', async () => {
    expect(read(await sam.request('moderators:list', {})).fr).toBe('Seul un administrateur peut gérer les comptes.');
    expect(read(await admin.request('moderators:add', { name: 'Sam' })).fr).toBe(
      'Le compte «\u00a0Sam\u00a0» existe déjà.',
    );
    expect(read(await admin.request('moderators:remove', { name: 'admin' })).fr).toBe(
      'Vous ne pouvez pas supprimer votre propre compte.',
    );
    expect(read(await admin.request('moderators:remove', { name: 'Personne' })).fr).toBe(
      'Aucun compte ne s’appelle «\u00a0Personne\u00a0».',
    );
  });
});
