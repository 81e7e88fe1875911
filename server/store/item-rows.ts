/** Mapping between `items` rows and the item model. JSON columns are parsed here and nowhere else. */
import type { FilterReason, Item, ItemContext, ItemVersion, Media, PublicItem, SourceKind } from '../protocol/items.js';
import type { SanitizedItem, FilterDecision } from '../pipeline/types.js';
import type { Selectable } from 'kysely';
import type { ItemsTable } from './engine/tables.js';

/** A row of `items` as read (the table's columns: engine/tables.ts). */
export type ItemRow = Selectable<ItemsTable>;

/** The row intake inserts for an item coming out of the pipeline (the other columns keep their defaults). */
export type InsertParams = Omit<ItemRow, 'id' | 'pinned' | 'starred_by' | 'approved_version'>;

/** The columns intake writes: every key of {@link InsertParams}. */
export const INSERT_COLUMNS = [
  'event',
  'source',
  'source_id',
  'url',
  'author_name',
  'author_handle',
  'author_avatar',
  'author_url',
  'author_key',
  'contact_tag',
  'contact_masked',
  'text',
  'html',
  'media',
  'lang',
  'context',
  'flags',
  'hashtags',
  'reasons',
  'status',
  'created_at',
  'received_at',
  'shown_at',
  'moderated_by',
  'moderated_at',
  'hold_until',
] as const satisfies readonly (keyof InsertParams)[];

/** The row to insert for an item coming out of the pipeline. */
export function toInsertParams(
  event: string,
  item: SanitizedItem,
  decision: FilterDecision,
  receivedAt: number,
  holdUntil: number | null = null,
): InsertParams {
  const shown = decision.status === 'approved';
  return {
    event,
    source: item.source,
    source_id: item.sourceId,
    url: item.url,
    author_name: item.author.name,
    author_handle: item.author.handle ?? null,
    author_avatar: item.author.avatarUrl ?? null,
    author_url: item.author.profileUrl ?? null,
    author_key: item.authorKey,
    contact_tag: item.contact?.tag ?? null,
    contact_masked: item.contact?.masked ?? null,
    text: item.text,
    html: item.html,
    media: jsonList(item.media),
    lang: item.lang,
    context: item.context ? JSON.stringify(item.context) : null,
    flags: jsonList(item.flags),
    hashtags: jsonList(item.hashtags),
    reasons: jsonList(decision.reasons),
    status: decision.status,
    created_at: item.createdAt,
    received_at: receivedAt,
    shown_at: shown ? receivedAt : null,
    moderated_by: decision.status === 'pending' ? null : 'filter',
    moderated_at: decision.status === 'pending' ? null : receivedAt,
    hold_until: decision.status === 'pending' ? holdUntil : null,
  };
}

/** A list column's JSON; most items' media, flags and reasons are empty, which needs no call to JSON.stringify. */
function jsonList(list: readonly unknown[]): string {
  return list.length === 0 ? '[]' : JSON.stringify(list);
}

/** Turns an outside image URL into the URL clients load it from (the media proxy). */
export type PresentUrl = (url: string) => string;

const asIs: PresentUrl = (url) => url;

function presentMedia(json: string, present: PresentUrl): PublicItem['media'] {
  return (JSON.parse(json) as PublicItem['media']).map((m) => presentOne(m, present));
}

function presentOne(media: Media, present: PresentUrl): Media {
  return { ...media, url: present(media.url), ...(media.previewUrl ? { previewUrl: present(media.previewUrl) } : {}) };
}

/**
 * The item just inserted, built from what was written rather than from a row read back: parsing again the JSON
 * columns it has just stringified cost intake more than the insert itself (bench/intake). Field for field what
 * {@link toItem} returns for the same row.
 */
export function insertedItem(
  id: number,
  params: InsertParams,
  item: SanitizedItem,
  decision: FilterDecision,
  present: PresentUrl = asIs,
): Item {
  return {
    id,
    event: params.event,
    source: item.source,
    url: params.url,
    author: presentAuthor(item.author, present),
    text: params.text,
    html: params.html,
    media: item.media.map((m) => presentOne(m, present)),
    lang: params.lang,
    context: presentContext(item.context, present),
    createdAt: params.created_at,
    shownAt: params.shown_at,
    pinned: false,
    sourceId: params.source_id,
    authorKey: params.author_key,
    contact: params.contact_tag ? { tag: params.contact_tag, masked: params.contact_masked ?? '' } : null,
    status: params.status,
    receivedAt: params.received_at,
    moderatedBy: params.moderated_by,
    moderatedAt: params.moderated_at,
    reasons: decision.reasons,
    flags: item.flags,
    starredBy: null,
    holdUntil: params.hold_until,
  };
}

function presentAuthor(author: SanitizedItem['author'], present: PresentUrl): Item['author'] {
  return {
    name: author.name,
    ...(author.handle ? { handle: author.handle } : {}),
    ...(author.avatarUrl ? { avatarUrl: present(author.avatarUrl) } : {}),
    ...(author.profileUrl ? { profileUrl: author.profileUrl } : {}),
  };
}

export function toItem(row: ItemRow, present: PresentUrl = asIs): Item {
  return {
    id: row.id,
    event: row.event,
    source: row.source as SourceKind,
    url: row.url,
    author: {
      name: row.author_name,
      ...(row.author_handle ? { handle: row.author_handle } : {}),
      ...(row.author_avatar ? { avatarUrl: present(row.author_avatar) } : {}),
      ...(row.author_url ? { profileUrl: row.author_url } : {}),
    },
    text: row.text,
    html: row.html,
    media: presentMedia(row.media, present),
    lang: row.lang,
    context: row.context ? presentContext(JSON.parse(row.context) as ItemContext, present) : null,
    createdAt: row.created_at,
    shownAt: row.shown_at,
    pinned: row.pinned === 1,
    sourceId: row.source_id,
    authorKey: row.author_key,
    contact: row.contact_tag ? { tag: row.contact_tag, masked: row.contact_masked ?? '' } : null,
    status: row.status,
    receivedAt: row.received_at,
    moderatedBy: row.moderated_by,
    moderatedAt: row.moderated_at,
    reasons: JSON.parse(row.reasons) as FilterReason[],
    flags: JSON.parse(row.flags) as Item['flags'],
    starredBy: row.starred_by,
    holdUntil: row.hold_until,
    ...(row.approved_version ? { approvedVersion: toVersion(row.approved_version, present) } : {}),
  };
}

function toVersion(json: string, present: PresentUrl): ItemVersion {
  const version = JSON.parse(json) as ItemVersion;
  return {
    ...version,
    media: version.media.map((m) => presentOne(m, present)),
    context: version.context && presentContext(version.context, present),
  };
}

/** The quoted or replied-to post's author avatar goes through the media proxy like the item's own. */
function presentContext(context: ItemContext | null, present: PresentUrl): ItemContext | null {
  if (!context?.author?.avatarUrl) return context;
  return { ...context, author: { ...context.author, avatarUrl: present(context.author.avatarUrl) } };
}

/** The JSON kept in `approved_version`: the row's public content as it is now (media as stored, unpresented). */
export function versionOf(row: ItemRow): string {
  const version: ItemVersion = {
    text: row.text,
    html: row.html,
    media: JSON.parse(row.media) as ItemVersion['media'],
    context: row.context ? (JSON.parse(row.context) as ItemVersion['context']) : null,
  };
  return JSON.stringify(version);
}
