/**
 * Moderators' actions on items. Each is a compare-and-set on the item's status inside one transaction: when
 * two moderators act on the same item at once, the first wins and the second is told who did what.
 */
import type { Item, ItemStatus } from '../protocol/items.js';
import type {
  ItemActionRequest,
  ModerationAction,
  Moderator,
  NoticeAction,
  Reason,
  Response,
} from '../protocol/socket.js';
import type { Store } from '../store/index.js';
import type { Notifier } from '../realtime/notifier.js';
import { isOnWall } from '../store/public-item.js';

interface Target {
  status: ItemStatus;
  pinned: boolean;
}

interface Transition {
  /** Statuses the action applies to. */
  from: readonly ItemStatus[];
  to: (item: Item) => Target;
}

/** Log actions an undo can revert (a star is simply unstarred; an undo is not undone). */
const UNDOABLE = new Set(['approve', 'reject', 'hide', 'pin', 'unpin']);

/** The actor named in the log and the consoles when hold mode puts an item on the wall. */
export const HOLD_ACTOR = 'hold';

const TRANSITIONS: Record<ModerationAction, Transition> = {
  approve: { from: ['pending', 'rejected', 'hidden'], to: () => ({ status: 'approved', pinned: false }) },
  reject: { from: ['pending', 'approved', 'hidden'], to: () => ({ status: 'rejected', pinned: false }) },
  hide: { from: ['approved'], to: () => ({ status: 'hidden', pinned: false }) },
  pin: { from: ['approved'], to: () => ({ status: 'approved', pinned: true }) },
  unpin: { from: ['approved'], to: () => ({ status: 'approved', pinned: false }) },
};

const PAST_TENSE: Record<ItemStatus, string> = {
  pending: 'back in the queue',
  approved: 'approved',
  rejected: 'rejected',
  hidden: 'hidden',
};

/** Why an item refuses an action, in words for logs and as a reason the console words itself. */
interface Refusal {
  words: string;
  reason: Reason;
}

export function createModerationActions(store: Store, notifier: Notifier, now: () => number = Date.now) {
  function refuse(item: Item, { words, reason }: Refusal): Response<Item> {
    return { ok: false, code: 'conflict', message: `Item ${item.id} ${words}.`, reason };
  }

  function moved(item: Item, when = ''): Refusal {
    const by = item.moderatedBy ? ` by ${item.moderatedBy}` : '';
    return {
      words: `${when ? 'was' : 'is already'} ${PAST_TENSE[item.status]}${by}${when}`,
      reason: { key: 'item_moved', status: item.status, by: item.moderatedBy },
    };
  }

  function conflict(item: Item, action: ModerationAction): Refusal | null {
    const by = item.moderatedBy ? ` by ${item.moderatedBy}` : '';
    if (action === 'pin' && item.pinned) {
      return { words: `is already pinned${by}`, reason: { key: 'already_pinned', by: item.moderatedBy } };
    }
    if (action === 'unpin' && !item.pinned) return { words: 'is not pinned', reason: { key: 'not_pinned' } };
    if (!TRANSITIONS[action].from.includes(item.status)) return moved(item);
    return null;
  }

  /** Records a status change if the item still has the status seen, then tells every client. */
  async function change(item: Item, actor: string, action: NoticeAction, next: Target): Promise<Response<Item>> {
    const at = now();
    const updated = await store.items.applyChange({
      event: item.event,
      itemId: item.id,
      actor,
      action,
      before: item.status,
      after: next.status,
      pinned: next.pinned,
      at,
    });
    if (!updated) {
      return refuse(item, {
        words: 'was changed by someone else in the meantime',
        reason: { key: 'changed_meanwhile' },
      });
    }
    notifier.itemModerated({
      item: updated,
      action,
      by: actor,
      before: item.status,
      after: next.status,
      wasOnWall: isOnWall(item),
      at,
    });
    return { ok: true, data: updated };
  }

  async function find(id: number): Promise<Item | Response<Item>> {
    return (await store.items.get(id)) ?? noItem(id);
  }

  return {
    async apply(moderator: Moderator, action: ModerationAction, request: ItemActionRequest): Promise<Response<Item>> {
      const item = await find(request.id);
      if ('ok' in item) return item;
      if (request.expected && request.expected !== item.status) return refuse(item, moved(item, ' in the meantime'));
      const refusal = conflict(item, action);
      if (refusal) return refuse(item, refusal);
      return change(item, moderator.name, action, TRANSITIONS[action].to(item));
    },

    /**
     * Reverts the moderator's own last action on an item, only while it is still the item's last change:
     * an undo never overwrites what a colleague did since.
     */
    async undo(moderator: Moderator, id: number): Promise<Response<Item>> {
      const item = await find(id);
      if ('ok' in item) return item;
      const last = await store.log.lastEntry(id);
      if (!last || last.actor !== moderator.name || !UNDOABLE.has(last.action) || last.before === null) {
        return refuse(item, { words: 'has no action of yours to undo', reason: { key: 'nothing_to_undo' } });
      }
      const pinned = last.action === 'pin' ? false : last.action === 'unpin' ? true : false;
      return change(item, moderator.name, 'undo', { status: last.before, pinned });
    },

    /** Hold mode: a pending item whose delay ran out goes on the wall, unless a moderator acted first. */
    async releaseHold(id: number): Promise<Response<Item>> {
      const item = await find(id);
      if ('ok' in item) return item;
      if (item.status !== 'pending') return refuse(item, moved(item));
      return change(item, HOLD_ACTOR, 'hold-expired', { status: 'approved', pinned: false });
    },

    async star(moderator: Moderator, id: number, starred: boolean): Promise<Response<Item>> {
      const item = await find(id);
      if ('ok' in item) return item;
      const at = now();
      const updated = await store.items.setStar(id, moderator.name, starred, at);
      if (!updated) return noItem(id);
      const action = starred ? 'star' : 'unstar';
      notifier.itemModerated({
        item: updated,
        action,
        by: moderator.name,
        before: item.status,
        after: item.status,
        wasOnWall: isOnWall(item),
        at,
      });
      return { ok: true, data: updated };
    },

    /** Shows an approved item large on the walls for a while. */
    async spotlight(moderator: Moderator, id: number): Promise<Response<Item>> {
      const item = await find(id);
      if ('ok' in item) return item;
      if (item.status !== 'approved') {
        return refuse(item, {
          words: `is ${PAST_TENSE[item.status]}, not on the wall`,
          reason: { key: 'not_on_wall', status: item.status },
        });
      }
      notifier.itemSpotlight(item, moderator.name);
      return { ok: true, data: item };
    },
  };
}

function noItem(id: number): Response<Item> {
  return { ok: false, code: 'not_found', message: `No item ${id}.`, reason: { key: 'no_item', id } };
}

export type ModerationActions = ReturnType<typeof createModerationActions>;
