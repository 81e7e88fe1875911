/**
 * One well-formed payload for every `/moderation` request, typed by the protocol: the table does not compile
 * when a request is added or changed there, so the tests that walk it cover every request.
 */
import type { RequestName, RequestPayload } from '../../server/protocol/socket.js';

/** For the default test event (`town-hall`); on items and accounts that do not exist wherever the request allows. */
export const SAMPLE_REQUESTS: { [K in RequestName]: RequestPayload<K> } = {
  'queue:snapshot': { event: 'town-hall' },
  'item:approve': { id: 999_999, expected: 'pending' },
  'item:reject': { id: 999_999 },
  'item:hide': { id: 999_999 },
  'item:pin': { id: 999_999 },
  'item:unpin': { id: 999_999 },
  'wall:update': { event: 'town-hall', layout: 'mosaic', theme: { fontScale: 1 } },
  'wall:announce': { event: 'town-hall', text: null },
  'item:undo': { id: 999_999 },
  'item:star': { id: 999_999, starred: true },
  'item:spotlight': { id: 999_999 },
  'item:focus': { event: 'town-hall', id: null },
  'rules:get': { event: 'town-hall' },
  'rules:update': { event: 'town-hall', blockedWords: ['spoiler'] },
  'rules:author': { event: 'town-hall', authorKey: 'web:nobody', rule: null },
  'rules:defaultWords': { event: 'town-hall' },
  'audit:list': { event: 'town-hall', limit: 10 },
  'sources:list': { event: 'town-hall' },
  'moderators:list': {},
  'moderators:add': { name: 'Sam', role: 'moderator' },
  'moderators:remove': { name: 'Nobody' },
  'moderators:password': { name: 'Nobody' },
};
