/**
 * One zod schema per `/moderation` request, each tied at compile time to the payload type the protocol declares
 * for it (server/protocol/socket.ts): a request without a schema, a schema without a request, or a schema that
 * accepts other payloads than the protocol describes fails the build here, not in a moderator's hands.
 */
import { z } from 'zod';
import type { RequestName, RequestPayload } from '../protocol/socket.js';
import { ITEM_STATUSES, SOURCE_KINDS } from '../protocol/items.js';
import { BLOCKLIST_LANGUAGES } from '../pipeline/blocklist.js';
import { hexColour, themeImageUrl } from '../config/schema.js';
import { NAME, PASSWORD } from '../moderation/accounts.js';
import { ANNOUNCEMENT_MAX } from '../moderation/wall-control.js';

const event = z.string().min(1);
const id = z.number().int().positive();
const status = z.enum(ITEM_STATUSES);
const cursor = z.string().max(100);
const eventOnly = z.object({ event });
const idOnly = z.object({ id });
const itemAction = z.object({ id, expected: status.optional() });
const account = z.strictObject({
  name: NAME,
  role: z.enum(['admin', 'moderator']).optional(),
  password: PASSWORD.optional(),
});

export const requestSchemas = {
  'queue:snapshot': z.object({
    event,
    status: status.default('pending'),
    limit: z.number().int().min(1).max(500).default(100),
    cursor: cursor.optional(),
    source: z.enum(SOURCE_KINDS).optional(),
    search: z.string().max(200).optional(),
    starred: z.boolean().optional(),
  }),
  'item:approve': itemAction,
  'item:reject': itemAction,
  'item:hide': itemAction,
  'item:pin': itemAction,
  'item:unpin': itemAction,
  'wall:update': z.strictObject({
    event,
    layout: z.enum(['mosaic', 'spotlight', 'ticker']).optional(),
    paused: z.boolean().optional(),
    theme: z
      .strictObject({
        mode: z.enum(['dark', 'light']).optional(),
        accent: hexColour.optional(),
        // null: back to the mode's own background.
        background: hexColour.nullable().optional(),
        fontScale: z.number().min(0.5).max(3).optional(),
        transparent: z.boolean().optional(),
        // https only, as in the event's settings; null takes the image away.
        logoUrl: themeImageUrl.nullable().optional(),
        backgroundImageUrl: themeImageUrl.nullable().optional(),
      })
      .optional(),
  }),
  'wall:announce': z.strictObject({ event, text: z.string().max(ANNOUNCEMENT_MAX).nullable() }),
  'item:undo': idOnly,
  'item:star': z.object({ id, starred: z.boolean() }),
  'item:spotlight': idOnly,
  'item:focus': z.object({ event, id: id.nullable() }),
  'rules:get': eventOnly,
  'rules:update': z.strictObject({
    event,
    mode: z.enum(['pre', 'post', 'hold']).optional(),
    holdSeconds: z.number().int().min(5).max(3600).optional(),
    trustedOnly: z.boolean().optional(),
    defaultBlocklist: z.boolean().optional(),
    blocklists: z.array(z.enum(BLOCKLIST_LANGUAGES)).max(BLOCKLIST_LANGUAGES.length).optional(),
    blockedWords: z.array(z.string().trim().min(1).max(100)).max(2000).optional(),
    allowedWords: z.array(z.string().trim().min(1).max(100)).max(5000).optional(),
    hourlyCapPerSource: z.number().int().min(1).nullable().optional(),
    retentionDays: z.number().int().min(1).max(3650).nullable().optional(),
  }),
  'rules:author': z.object({
    event,
    authorKey: z.string().min(1).max(500),
    rule: z.enum(['banned', 'trusted']).nullable(),
    label: z.string().max(200).optional(),
  }),
  'rules:defaultWords': eventOnly,
  'audit:list': z.object({ event, cursor: cursor.optional(), limit: z.number().int().min(1).max(200).default(50) }),
  'sources:list': eventOnly,
  'moderators:list': z.strictObject({}),
  'moderators:add': account,
  'moderators:remove': z.object({ name: z.string() }),
  'moderators:password': account,
} satisfies { [K in RequestName]: z.ZodType<unknown, RequestPayload<K>> };

type RequestSchemas = typeof requestSchemas;

/** Flat, so that `Parsed[K]` of a generic `K` is that request's type and no other's (see RequestReply). */
type Parsed = { [K in RequestName]: z.output<RequestSchemas[K]> };
/** A request as its handler receives it: checked, trimmed, defaults filled in. */
export type ParsedRequest<K extends RequestName> = Parsed[K];

/**
 * The schemas as the dispatcher indexes them by a request's name. Declared over the protocol's names rather than
 * inferred, so that `requestSchema[name]` of a generic name parses to that request's own type.
 */
export const requestSchema: { [K in RequestName]: z.ZodType<ParsedRequest<K>> } = requestSchemas;

/** Whether a name is one of the protocol's requests (a client may send any name). */
export function isRequestName(name: string): name is RequestName {
  return Object.hasOwn(requestSchemas, name);
}

/** Every request's name, in the protocol's order. */
export const REQUEST_NAMES: readonly RequestName[] = Object.keys(requestSchemas).filter(isRequestName);

// ---- the tie between each schema and its protocol type ----

/** A type rebuilt property by property, so that an intersection and the object it amounts to compare equal. */
type Shape<T> = T extends object ? { [P in keyof T]: Shape<T[P]> } : T;
/** Whether two types describe exactly the same values: same properties, same optionality, same property types. */
type Same<A, B> = (<T>() => T extends Shape<A> ? 1 : 2) extends <T>() => T extends Shape<B> ? 1 : 2 ? true : false;
/** The requests whose schema accepts other payloads than the protocol says it sends. */
type Disagreeing = {
  [K in RequestName]: Same<z.input<RequestSchemas[K]>, RequestPayload<K>> extends true ? never : K;
}[RequestName];
/** Fails to compile, naming the request, when a schema and its protocol type part ways. */
const _everySchemaMatchesItsProtocolType: [Disagreeing] extends [never] ? true : Disagreeing = true;
