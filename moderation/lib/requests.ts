/**
 * The console's side of the `/moderation` requests: one emitter per request of the protocol, typed as socket.io's
 * event map of the requests, so a missing or extra row does not compile. socket.io checks an emit's payload and
 * ack against that map only for a literal name, hence one row per name rather than one generic emit; a unit test
 * checks that each row sends its own name.
 */
import type { Socket } from 'socket.io-client';
import type { ModerationClientToServer, ModerationServerToClient } from '../../server/protocol/socket.js';

export type ModerationSocket = Socket<ModerationServerToClient, ModerationClientToServer>;

export function requestEmitters(socket: ModerationSocket): ModerationClientToServer {
  return {
    'queue:snapshot': (payload, ack) => socket.emit('queue:snapshot', payload, ack),
    'item:approve': (payload, ack) => socket.emit('item:approve', payload, ack),
    'item:reject': (payload, ack) => socket.emit('item:reject', payload, ack),
    'item:hide': (payload, ack) => socket.emit('item:hide', payload, ack),
    'item:pin': (payload, ack) => socket.emit('item:pin', payload, ack),
    'item:unpin': (payload, ack) => socket.emit('item:unpin', payload, ack),
    'wall:update': (payload, ack) => socket.emit('wall:update', payload, ack),
    'wall:announce': (payload, ack) => socket.emit('wall:announce', payload, ack),
    'item:undo': (payload, ack) => socket.emit('item:undo', payload, ack),
    'item:star': (payload, ack) => socket.emit('item:star', payload, ack),
    'item:spotlight': (payload, ack) => socket.emit('item:spotlight', payload, ack),
    'item:focus': (payload, ack) => socket.emit('item:focus', payload, ack),
    'rules:get': (payload, ack) => socket.emit('rules:get', payload, ack),
    'rules:update': (payload, ack) => socket.emit('rules:update', payload, ack),
    'rules:author': (payload, ack) => socket.emit('rules:author', payload, ack),
    'rules:defaultWords': (payload, ack) => socket.emit('rules:defaultWords', payload, ack),
    'audit:list': (payload, ack) => socket.emit('audit:list', payload, ack),
    'sources:list': (payload, ack) => socket.emit('sources:list', payload, ack),
    'moderators:list': (payload, ack) => socket.emit('moderators:list', payload, ack),
    'moderators:add': (payload, ack) => socket.emit('moderators:add', payload, ack),
    'moderators:remove': (payload, ack) => socket.emit('moderators:remove', payload, ack),
    'moderators:password': (payload, ack) => socket.emit('moderators:password', payload, ack),
  };
}
