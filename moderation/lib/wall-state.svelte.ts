/** Steering the event's wall: layout, theme, pause, announcement; every change waits for its ack. */
import type { Announcement, PublicEvent, WallSettings } from '../../server/protocol/event.js';
import type { WallUpdateRequest } from '../../server/protocol/socket.js';
import type { ConsoleLink } from './link.js';

export type WallChange = Omit<WallUpdateRequest, 'event'>;

export class WallState {
  #busy = $state(0);
  readonly busy: boolean = $derived(this.#busy > 0);
  readonly #link: ConsoleLink;

  constructor(link: ConsoleLink) {
    this.#link = link;
  }

  get settings(): WallSettings | null {
    return this.#link.event?.wall ?? null;
  }

  get announcement(): Announcement | null {
    return this.#link.event?.announcement ?? null;
  }

  async update(change: WallChange): Promise<boolean> {
    const event = this.#link.event;
    if (!event) return false;
    const answer = await this.#track(this.#link.request('wall:update', { event: event.slug, ...change }));
    if (!answer.ok) {
      this.#link.fail(answer);
      // Fields bound to the old values go back to what the wall really shows.
      this.#patch(event.slug, { wall: { ...event.wall } });
      return false;
    }
    this.#patch(event.slug, { wall: answer.data });
    return true;
  }

  /** Publishes the announcement, or clears it with null. */
  async announce(text: string | null): Promise<boolean> {
    const event = this.#link.event;
    if (!event) return false;
    const answer = await this.#track(this.#link.request('wall:announce', { event: event.slug, text }));
    if (!answer.ok) {
      this.#link.fail(answer);
      return false;
    }
    this.#patch(event.slug, { announcement: answer.data });
    return true;
  }

  async #track<T>(promise: Promise<T>): Promise<T> {
    this.#busy += 1;
    try {
      return await promise;
    } finally {
      this.#busy -= 1;
    }
  }

  #patch(slug: string, change: Partial<PublicEvent>): void {
    const event = this.#link.event;
    if (event?.slug === slug) this.#link.updateEvent({ ...event, ...change });
  }
}
