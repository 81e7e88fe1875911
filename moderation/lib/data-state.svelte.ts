/** The admin's purge of an event's data, confirmed by typing the event's slug. */
import type { PurgeReport } from '../../server/protocol/moderation.js';
import { purgeEvent } from './admin-api.js';
import type { ConsoleLink } from './link.js';

export class DataState {
  purging = $state(false);
  report = $state.raw<PurgeReport | null>(null);
  readonly #link: ConsoleLink;
  readonly #purged: () => void;

  /** `purged` runs after a purge, so the lists drop what no longer exists. */
  constructor(link: ConsoleLink, purged: () => void) {
    this.#link = link;
    this.#purged = purged;
  }

  async purge(confirm: string): Promise<boolean> {
    const slug = this.#link.slug;
    if (slug === null || confirm !== slug || this.purging) return false;
    this.purging = true;
    this.report = null;
    const result = await purgeEvent(slug, confirm);
    this.purging = false;
    if (!result.ok) {
      this.#link.fail(result);
      return false;
    }
    this.report = result.report;
    this.#purged();
    return true;
  }

  reset(): void {
    this.report = null;
  }
}
