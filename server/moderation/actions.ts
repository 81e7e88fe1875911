/**
 * Moderators' actions on items. Each is a compare-and-set on the item's status inside one transaction: when
 * two moderators act on the same item at once, the first wins and the second is told who did what.
 */
import type { Item, ItemStatus } from '../protocol/items.js';
import type { ItemActionRequest, ModerationAction, Moderator, Response } from '../protocol/socket.js';
import type { Store } from '../store/index.js';
import type { Notifier } from '../realtime/notifier.js';

interface Transition {
  /** Statuses the action applies to. */
  from: readonly ItemStatus[];
  to: (item: Item) => { status: ItemStatus; pinned: boolean };
}

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

export function createModerationActions(store: Store, notifier: Notifier, now: () => number = Date.now) {
  function refuse(item: Item, message: string): Response<Item> {
    return { ok: false, code: 'conflict', message: `Item ${item.id} ${message}.` };
  }

  function conflictMessage(item: Item, action: ModerationAction): string | null {
    const by = item.moderatedBy ? ` by ${item.moderatedBy}` : '';
    if (action === 'pin' && item.pinned) return `is already pinned${by}`;
    if (action === 'unpin' && !item.pinned) return 'is not pinned';
    if (!TRANSITIONS[action].from.includes(item.status)) return `is already ${PAST_TENSE[item.status]}${by}`;
    return null;
  }

  return {
    apply(moderator: Moderator, action: ModerationAction, request: ItemActionRequest): Response<Item> {
      const item = store.items.get(request.id);
      if (!item) return { ok: false, code: 'not_found', message: `No item ${request.id}.` };
      if (request.expected && request.expected !== item.status) {
        const by = item.moderatedBy ? ` by ${item.moderatedBy}` : '';
        return refuse(item, `was ${PAST_TENSE[item.status]}${by} in the meantime`);
      }
      const conflict = conflictMessage(item, action);
      if (conflict) return refuse(item, conflict);

      const next = TRANSITIONS[action].to(item);
      const at = now();
      const updated = store.items.applyChange({
        event: item.event,
        itemId: item.id,
        actor: moderator.name,
        action,
        before: item.status,
        after: next.status,
        pinned: next.pinned,
        at,
      });
      if (!updated) return refuse(item, 'was changed by someone else in the meantime');
      notifier.itemModerated({
        item: updated,
        action,
        by: moderator.name,
        before: item.status,
        after: next.status,
        at,
      });
      return { ok: true, data: updated };
    },
  };
}

export type ModerationActions = ReturnType<typeof createModerationActions>;
