/** The event's moderation log, newest first, a page at a time. */
import type { AuditEntry } from '../../server/protocol/moderation.js';
import type { ConsoleLink } from './link.js';

export const AUDIT_PAGE = 50;

/** A further page after the entries listed, without an entry twice (new actions shift the pages). */
function appendEntries(entries: AuditEntry[], page: readonly AuditEntry[]): AuditEntry[] {
  const known = new Set(entries.map((entry) => entry.id));
  return [...entries, ...page.filter((entry) => !known.has(entry.id))];
}

export class AuditState {
  entries = $state.raw<AuditEntry[]>([]);
  next = $state<string | null>(null);
  loading = $state(false);
  readonly #link: ConsoleLink;

  constructor(link: ConsoleLink) {
    this.#link = link;
  }

  /** The first page again (on opening the log), or the next one with `more`. */
  async load(more = false): Promise<void> {
    const slug = this.#link.slug;
    const cursor = more ? this.next : null;
    if (slug === null || (more && cursor === null) || this.loading) return;
    this.loading = true;
    const answer = await this.#link.request('audit:list', {
      event: slug,
      limit: AUDIT_PAGE,
      ...(cursor ? { cursor } : {}),
    });
    this.loading = false;
    if (slug !== this.#link.slug) return;
    if (!answer.ok) return this.#link.fail(answer);
    this.entries = cursor ? appendEntries(this.entries, answer.data.entries) : answer.data.entries;
    this.next = answer.data.next;
  }

  reset(): void {
    this.entries = [];
    this.next = null;
  }
}
