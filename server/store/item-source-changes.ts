/**
 * Changes made at the source after an item arrived: its author edited it, or deleted it (or the network no
 * longer has it). Each runs in one transaction with its log entry, acted by `source`.
 */
import type { Kysely } from 'kysely';
import type { FilterReason, Item, ItemFlag, ItemStatus } from '../protocol/items.js';
import type { FilterDecision, SanitizedItem } from '../pipeline/types.js';
import type { Engine } from './engine/open.js';
import type { Tables } from './engine/tables.js';
import { itemRow } from './item-lookups.js';
import { versionOf, type ItemRow } from './item-rows.js';
import { appendLog } from './moderation-log.js';

/** The actor of edits and deletes in the log and the consoles: the author, through their network. */
export const SOURCE_ACTOR = 'source';

/** What a change at the source did to an item; `wasOnWall` tells the wall whether it must follow. */
export interface SourceChange {
  item: Item;
  before: ItemStatus;
  wasOnWall: boolean;
}

const onWall = (row: ItemRow) => row.status === 'approved' || (row.status === 'pending' && !!row.approved_version);

function withFlag(json: string, flag: ItemFlag): string {
  const flags = JSON.parse(json) as ItemFlag[];
  return JSON.stringify(flags.includes(flag) ? flags : [...flags, flag]);
}

/** What to write: the row's new values and the log entry's action and detail. */
interface Revision {
  next: Partial<ItemRow>;
  action: 'edit' | 'delete';
  detail: string;
}

/**
 * The author edited the item. A pending, rejected or hidden item takes the new content (a blocked word in it
 * still rejects a pending one); an approved item goes back to the queue flagged, the wall keeping the approved
 * version, unless the rules approve it at once (post-moderation, a trusted author). Null when unchanged.
 */
function edit(row: ItemRow, edited: SanitizedItem, decision: FilterDecision, at: number): Revision | null {
  const media = JSON.stringify(edited.media);
  const context = edited.context ? JSON.stringify(edited.context) : null;
  if (row.text === edited.text && row.html === edited.html && row.media === media && row.context === context) {
    return null;
  }
  const edit: FilterReason = { rule: 'edited', detail: `edited by its author (${new Date(at).toISOString()})` };
  const reasons = JSON.stringify([...decision.reasons, edit]);
  const content = { url: edited.url, text: edited.text, html: edited.html, media, context, reasons };
  const wasOnWall = onWall(row);
  if (wasOnWall && decision.status !== 'approved') {
    return {
      next: {
        ...content,
        status: 'pending',
        approved_version: row.approved_version ?? versionOf(row),
        flags: withFlag(row.flags, 'edited-after-approval'),
        hold_until: null,
      },
      action: 'edit',
      detail: 'edited after approval: back in the queue, the wall keeps the approved version',
    };
  }
  const rejectNow = row.status === 'pending' && decision.status === 'rejected';
  const approveNow = wasOnWall && decision.status === 'approved';
  const status: ItemStatus = rejectNow ? 'rejected' : approveNow ? 'approved' : row.status;
  const judged = rejectNow || approveNow;
  return {
    next: {
      ...content,
      status,
      approved_version: null,
      flags: row.flags,
      hold_until: status === 'pending' ? row.hold_until : null,
      moderated_by: judged ? 'filter' : row.moderated_by,
      moderated_at: judged ? at : row.moderated_at,
    },
    action: 'edit',
    detail: 'edited by its author',
  };
}

/**
 * The author deleted the item, or it is gone from the network: it leaves the wall and the queue (approved
 * becomes hidden, pending rejected) and its content is erased, as its author asked. Null when deleted already.
 */
function deletion(row: ItemRow, why: string, at: number): Revision | null {
  const flags = JSON.parse(row.flags) as ItemFlag[];
  if (flags.includes('deleted-at-source')) return null;
  const status: ItemStatus = onWall(row) ? 'hidden' : row.status === 'pending' ? 'rejected' : row.status;
  const reasons = JSON.stringify([...(JSON.parse(row.reasons) as FilterReason[]), { rule: 'deleted', detail: why }]);
  return {
    next: {
      text: '',
      html: '',
      media: '[]',
      context: null,
      approved_version: null,
      flags: withFlag(row.flags, 'deleted-at-source'),
      reasons,
      status,
      hold_until: null,
      moderated_by: status === row.status ? row.moderated_by : SOURCE_ACTOR,
      moderated_at: status === row.status ? row.moderated_at : at,
    },
    action: 'delete',
    detail: why,
  };
}

async function save(trx: Kysely<Tables>, row: ItemRow, revision: Revision, at: number): Promise<ItemRow> {
  const m = { ...row, ...revision.next };
  await trx
    .updateTable('items')
    .set({
      url: m.url,
      text: m.text,
      html: m.html,
      media: m.media,
      context: m.context,
      flags: m.flags,
      reasons: m.reasons,
      status: m.status,
      approved_version: m.approved_version,
      hold_until: m.hold_until,
      moderated_by: m.moderated_by,
      moderated_at: m.moderated_at,
    })
    .where('id', '=', row.id)
    .execute();
  await appendLog(trx, [
    {
      item_id: row.id,
      event: row.event,
      actor: SOURCE_ACTOR,
      action: revision.action,
      before_status: row.status,
      after_status: m.status,
      detail: revision.detail,
      at,
    },
  ]);
  return (await itemRow(trx, { id: row.id }))!;
}

export function createItemSourceChanges(engine: Engine, toItem: (row: ItemRow) => Item) {
  const { db } = engine;

  /** Reads the item (locked until the change is written), decides, writes. Null when unknown or nothing to do. */
  const change = (
    where: { event: string; source: string; sourceId: string },
    decide: (row: ItemRow) => Revision | null,
    at: number,
  ): Promise<SourceChange | null> =>
    db.transaction().execute(async (trx) => {
      const row = await itemRow(trx, where, engine.kind);
      const revision = row && decide(row);
      if (!row || !revision) return null;
      return { item: toItem(await save(trx, row, revision, at)), before: row.status, wasOnWall: onWall(row) };
    });

  return {
    revise: (
      event: string,
      edited: SanitizedItem,
      decision: FilterDecision,
      at: number,
    ): Promise<SourceChange | null> =>
      change({ event, source: edited.source, sourceId: edited.sourceId }, (row) => edit(row, edited, decision, at), at),

    retract: (event: string, source: string, sourceId: string, why: string, at: number): Promise<SourceChange | null> =>
      change({ event, source, sourceId }, (row) => deletion(row, why, at), at),

    /** Source ids of the event's approved items from one source, most recently shown first (re-checks). */
    async shownSourceIds(event: string, source: string, limit = 1000): Promise<string[]> {
      const rows = await db
        .selectFrom('items')
        .select('source_id')
        .where('event', '=', event)
        .where('source', '=', source)
        .where('status', '=', 'approved')
        .orderBy('shown_at', 'desc')
        .limit(limit)
        .execute();
      return rows.map((row) => row.source_id);
    },
  };
}
