/**
 * Changes made at the source after an item arrived: its author edited it, or deleted it (or the network no
 * longer has it). Each runs in one transaction with its log entry, acted by `source`.
 */
import type { FilterReason, Item, ItemFlag, ItemStatus } from '../protocol/items.js';
import type { FilterDecision, SanitizedItem } from '../pipeline/types.js';
import type { Db } from './db.js';
import { versionOf, type ItemRow } from './item-rows.js';

/** The actor of edits and deletes in the log and the consoles: the author, through their network. */
export const SOURCE_ACTOR = 'source';

const SELECT_BY_KEY = 'SELECT * FROM items WHERE event = ? AND source = ? AND source_id = ?';
const SELECT_BY_ID = 'SELECT * FROM items WHERE id = ?';
const UPDATE_CONTENT = `
UPDATE items SET url = @url, text = @text, html = @html, media = @media, context = @context, flags = @flags,
  reasons = @reasons, status = @status, approved_version = @approved_version, hold_until = @hold_until,
  moderated_by = @moderated_by, moderated_at = @moderated_at
WHERE id = @id`;
const INSERT_LOG = `
INSERT INTO moderation_log (item_id, event, actor, action, before_status, after_status, detail, at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?)`;
const SELECT_SHOWN_IDS = `
SELECT source_id FROM items WHERE event = ? AND source = ? AND status = 'approved' ORDER BY shown_at DESC LIMIT ?`;

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

export function createItemSourceChanges(db: Db, toItem: (row: ItemRow) => Item) {
  const statements = {
    byKey: db.prepare<[string, string, string], ItemRow>(SELECT_BY_KEY),
    byId: db.prepare<[number], ItemRow>(SELECT_BY_ID),
    update: db.prepare(UPDATE_CONTENT),
    log: db.prepare(INSERT_LOG),
    shownIds: db.prepare<[string, string, number], string>(SELECT_SHOWN_IDS).pluck(),
  };

  function save(row: ItemRow, next: Partial<ItemRow>, action: string, detail: string, at: number): SourceChange {
    const merged = { ...row, ...next };
    statements.update.run(merged);
    statements.log.run(row.id, row.event, SOURCE_ACTOR, action, row.status, merged.status, detail, at);
    return { item: toItem(statements.byId.get(row.id)!), before: row.status, wasOnWall: onWall(row) };
  }

  /**
   * The author edited the item. A pending, rejected or hidden item takes the new content (a blocked word in it
   * still rejects a pending one); an approved item goes back to the queue flagged, the wall keeping the approved
   * version, unless the rules approve it at once (post-moderation, a trusted author). Null when unknown or unchanged.
   */
  const revise = db.transaction(
    (event: string, edited: SanitizedItem, decision: FilterDecision, at: number): SourceChange | null => {
      const row = statements.byKey.get(event, edited.source, edited.sourceId);
      if (!row) return null;
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
        return save(
          row,
          {
            ...content,
            status: 'pending',
            approved_version: row.approved_version ?? versionOf(row),
            flags: withFlag(row.flags, 'edited-after-approval'),
            hold_until: null,
          },
          'edit',
          'edited after approval: back in the queue, the wall keeps the approved version',
          at,
        );
      }
      const rejectNow = row.status === 'pending' && decision.status === 'rejected';
      const approveNow = wasOnWall && decision.status === 'approved';
      const status: ItemStatus = rejectNow ? 'rejected' : approveNow ? 'approved' : row.status;
      const judged = rejectNow || approveNow;
      return save(
        row,
        {
          ...content,
          status,
          approved_version: null,
          flags: row.flags,
          hold_until: status === 'pending' ? row.hold_until : null,
          moderated_by: judged ? 'filter' : row.moderated_by,
          moderated_at: judged ? at : row.moderated_at,
        },
        'edit',
        'edited by its author',
        at,
      );
    },
  );

  /**
   * The author deleted the item, or it is gone from the network: it leaves the wall and the queue (approved
   * becomes hidden, pending rejected) and its content is erased, as its author asked. Null when unknown.
   */
  const retract = db.transaction((event: string, source: string, sourceId: string, why: string, at: number) => {
    const row = statements.byKey.get(event, source, sourceId);
    if (!row) return null;
    const flags = JSON.parse(row.flags) as ItemFlag[];
    if (flags.includes('deleted-at-source')) return null;
    const status: ItemStatus = onWall(row) ? 'hidden' : row.status === 'pending' ? 'rejected' : row.status;
    const reasons = JSON.stringify([...(JSON.parse(row.reasons) as FilterReason[]), { rule: 'deleted', detail: why }]);
    return save(
      row,
      {
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
      'delete',
      why,
      at,
    );
  });

  return {
    revise: async (
      event: string,
      edited: SanitizedItem,
      decision: FilterDecision,
      at: number,
    ): Promise<SourceChange | null> => revise(event, edited, decision, at),
    retract: async (
      event: string,
      source: string,
      sourceId: string,
      why: string,
      at: number,
    ): Promise<SourceChange | null> => retract(event, source, sourceId, why, at),
    /** Source ids of the event's approved items from one source, most recently shown first (re-checks). */
    shownSourceIds: async (event: string, source: string, limit = 1000): Promise<string[]> =>
      statements.shownIds.all(event, source, limit),
  };
}
