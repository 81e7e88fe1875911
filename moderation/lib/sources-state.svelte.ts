/** The health of the event's sources: a list on opening, then live `source:status` updates. */
import type { SourceHealth } from '../../server/protocol/moderation.js';
import type { ConsoleLink } from './link.js';
import { problemCount, sortHealth, upsertHealth } from './sources.js';

export class SourcesState {
  list = $state.raw<SourceHealth[]>([]);
  loaded = $state(false);
  readonly problems: number = $derived(problemCount(this.list));
  readonly #link: ConsoleLink;

  constructor(link: ConsoleLink) {
    this.#link = link;
  }

  async load(): Promise<void> {
    const slug = this.#link.slug;
    if (slug === null) return;
    const answer = await this.#link.request('sources:list', { event: slug });
    if (slug !== this.#link.slug) return;
    if (!answer.ok) return this.#link.fail(answer);
    this.list = sortHealth(answer.data);
    this.loaded = true;
  }

  onStatus(health: SourceHealth): void {
    if (health.event === this.#link.slug) this.list = upsertHealth(this.list, health);
  }

  reset(): void {
    this.list = [];
    this.loaded = false;
  }
}
