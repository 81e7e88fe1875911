/**
 * The actions on items: approve, reject, hide, pin, star, spotlight, undo, bulk, ban and trust. Every action
 * waits for the server's acknowledgement; on failure the item stays where it is and the moderator is told why.
 */
import { SvelteSet } from 'svelte/reactivity';
import type { Item } from '../../server/protocol/items.js';
import type { ModerationAction } from '../../server/protocol/socket.js';
import { forget, remember } from './history.js';
import type { ConsoleLink } from './link.js';
import { canApply, statusAfter, type ActionLabel } from './queue.js';
import type { QueueState } from './queue-state.svelte.js';
import { NO_IDS, nextAfter, toggleId } from './selection.js';

/** Bulk actions go out this many at a time, so one slow answer does not hold the rest. */
const BULK_CONCURRENCY = 8;

export class QueueActions {
  /** Items with an action awaiting its acknowledgement: dimmed, their buttons disabled. */
  readonly busy = new SvelteSet<number>();
  /** The item whose author the moderator is about to ban (the confirmation is open). */
  banTarget = $state.raw<Item | null>(null);
  /** Items acted on here, most recent last: what `u` undoes. */
  #history: number[] = [];
  readonly #queue: QueueState;
  readonly #link: ConsoleLink;

  constructor(queue: QueueState, link: ConsoleLink) {
    this.#queue = queue;
    this.#link = link;
  }

  /**
   * Sends an action with the status the moderator sees and waits for the ack. When it takes the selected row
   * out of the tab, the selection moves on at once so the next key acts on the next item. On failure the item
   * stays where it is and the moderator is told why.
   */
  async act(action: ModerationAction, item: Item, options: { quiet?: boolean } = {}): Promise<boolean> {
    const queue = this.#queue;
    if (this.busy.has(item.id) || queue.isDeparted(item)) return false;
    if (!canApply(action, item)) {
      const label: ActionLabel = action === 'approve' && item.status !== 'pending' ? 'restore' : action;
      this.#link.toast(this.#link.t.cannot(label, item.status, item.moderatedBy));
      return false;
    }
    if (statusAfter(action) !== queue.tab && queue.selected?.id === item.id) {
      queue.select(nextAfter(queue.rows, item, (row) => this.busy.has(row.id)) ?? item);
    }
    this.busy.add(item.id);
    const answer = await this.#link.request(`item:${action}`, { id: item.id, expected: item.status });
    this.busy.delete(item.id);
    if (!answer.ok) {
      this.#link.fail(answer, item.author.name);
      if (answer.code === 'conflict') this.#queue.recheckAfterConflict(item);
      return false;
    }
    this.#history = remember(this.#history, item.id);
    this.#queue.placeOwn(answer.data);
    if (!options.quiet) this.#link.toast(this.#link.t.done(action, item.author.name), 'done', item.id);
    return true;
  }

  /** `p`: pins an approved item (unpins a pinned one); a pending item is approved first, then pinned. */
  async pin(item: Item): Promise<void> {
    if (item.status === 'approved') {
      await this.act(item.pinned ? 'unpin' : 'pin', item);
      return;
    }
    if (item.status !== 'pending' || !(await this.act('approve', item, { quiet: true }))) return;
    const approved = this.#queue.lists.approved.find((entry) => entry.id === item.id);
    await this.act('pin', approved ?? { ...item, status: 'approved' });
  }

  /** Approves or rejects every row of the bulk selection the action applies to, in the order shown. */
  async bulkAct(action: 'approve' | 'reject'): Promise<void> {
    const queue = this.#queue;
    const targets = queue.bulkItems.filter((item) => canApply(action, item) && !queue.isDeparted(item));
    if (targets.length === 0) return this.#link.toast(this.#link.t.bulk.nothing);
    let failed = NO_IDS;
    for (let start = 0; start < targets.length; start += BULK_CONCURRENCY) {
      const batch = targets.slice(start, start + BULK_CONCURRENCY);
      const results = await Promise.all(batch.map((item) => this.act(action, item, { quiet: true })));
      for (const [index, item] of batch.entries()) if (!results[index]) failed = toggleId(failed, item.id);
    }
    queue.keepBulk(failed);
    this.#link.toast(this.#link.t.bulk.done(targets.length - failed.size, failed.size), 'done');
  }

  /** `u`: reverts this moderator's last action (on the item last acted on here), if nobody changed it since. */
  async undo(id = this.#history.at(-1)): Promise<void> {
    if (id === undefined) return this.#link.toast(this.#link.t.nothingToUndo);
    if (this.busy.has(id)) return;
    this.busy.add(id);
    const answer = await this.#link.request('item:undo', { id });
    this.busy.delete(id);
    this.#history = forget(this.#history, id);
    if (!answer.ok) return this.#link.fail(answer);
    const item = answer.data;
    this.#queue.placeOwn(item);
    this.#queue.restore(item);
    this.#link.toast(this.#link.t.done('undo', item.author.name), 'done');
  }

  async star(item: Item): Promise<void> {
    const answer = await this.#link.request('item:star', { id: item.id, starred: !item.starredBy });
    if (!answer.ok) return this.#link.fail(answer, item.author.name);
    this.#queue.placeOwn(answer.data);
  }

  async spotlight(item: Item): Promise<void> {
    const answer = await this.#link.request('item:spotlight', { id: item.id });
    if (!answer.ok) return this.#link.fail(answer, item.author.name);
    this.#link.toast(this.#link.t.wall.spotlighted(item.author.name), 'done');
  }

  /** Bans or trusts the item's author for this event; a ban can reject the item in the same gesture. */
  async setAuthorRule(item: Item, rule: 'banned' | 'trusted', alsoReject = false): Promise<boolean> {
    const slug = this.#link.slug;
    if (slug === null) return false;
    const label = item.author.handle ? `${item.author.name} (${item.author.handle})` : item.author.name;
    const answer = await this.#link.request('rules:author', { event: slug, authorKey: item.authorKey, rule, label });
    if (!answer.ok) {
      this.#link.fail(answer);
      return false;
    }
    this.#link.rulesChanged(answer.data);
    const t = this.#link.t.ban;
    this.#link.toast(rule === 'banned' ? t.banned(item.author.name) : t.trusted(item.author.name), 'done');
    if (alsoReject && canApply('reject', item)) await this.act('reject', item, { quiet: true });
    return true;
  }

  askBan(item: Item): void {
    this.banTarget = item;
  }

  cancelBan(): void {
    this.banTarget = null;
  }

  /** The confirmation's answer: bans the author, and rejects the message when asked. */
  async confirmBan(alsoReject: boolean): Promise<void> {
    const item = this.banTarget;
    this.banTarget = null;
    if (item) await this.setAuthorRule(item, 'banned', alsoReject);
  }

  /** Forgets what is waiting and what could be undone (another event, signed out). */
  reset(): void {
    this.banTarget = null;
    this.#history = [];
    this.busy.clear();
  }
}
