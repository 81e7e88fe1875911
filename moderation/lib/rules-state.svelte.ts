/** The event's moderation rules as the rules panel edits them: each change sent at once, acked, shared. */
import type { RulesView } from '../../server/protocol/moderation.js';
import type { ConsoleLink } from './link.js';
import { rulesDiff, type RulesFields } from './rules.js';

export class RulesState {
  rules = $state.raw<RulesView | null>(null);
  /** The bundled default list, fetched when the panel first needs it. */
  defaultWords = $state.raw<string[] | null>(null);
  #saving = $state(0);
  readonly saving: boolean = $derived(this.#saving > 0);
  readonly #link: ConsoleLink;

  constructor(link: ConsoleLink) {
    this.#link = link;
  }

  async load(): Promise<void> {
    const slug = this.#link.slug;
    if (slug === null) return;
    const answer = await this.#link.request('rules:get', { event: slug });
    if (slug !== this.#link.slug) return;
    if (!answer.ok) return this.#link.fail(answer);
    this.rules = answer.data;
  }

  async loadDefaultWords(): Promise<void> {
    const slug = this.#link.slug;
    if (slug === null || this.defaultWords !== null) return;
    const answer = await this.#link.request('rules:defaultWords', { event: slug });
    if (!answer.ok) return this.#link.fail(answer);
    this.defaultWords = answer.data;
  }

  /**
   * Sends the fields that differ from the rules shown. Returns whether the server took them; when it did not,
   * the panel goes back to the server's rules and the moderator is told why.
   */
  async update(change: Partial<RulesFields>): Promise<boolean> {
    const current = this.rules;
    const request = current ? rulesDiff(current, change) : null;
    if (request === null) return true;
    this.#saving += 1;
    const answer = await this.#link.request('rules:update', request);
    this.#saving -= 1;
    if (!answer.ok) {
      this.#link.fail(answer);
      // A new object, so fields bound to the old values are reset to the server's.
      if (this.rules) this.rules = { ...this.rules };
      return false;
    }
    this.changed(answer.data);
    return true;
  }

  /** Lifts a ban or a trust (from the lists of the panel). */
  async clearAuthor(authorKey: string): Promise<void> {
    const slug = this.#link.slug;
    if (slug === null) return;
    const answer = await this.#link.request('rules:author', { event: slug, authorKey, rule: null });
    if (!answer.ok) return this.#link.fail(answer);
    this.changed(answer.data);
  }

  /** From an ack, or `rules:changed` when another moderator edited them. */
  changed(rules: RulesView): void {
    if (rules.event === this.#link.slug) this.rules = rules;
  }

  reset(): void {
    this.rules = null;
  }
}
