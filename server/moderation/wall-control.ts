/**
 * Moderators steer the wall live: layout, theme, pause, and an announcement for the room. Each change is
 * stored (a restarted server keeps it) and pushed to every open wall of the event. Requests arrive checked by
 * their schemas, the event known (realtime/moderation-schemas.ts).
 */
import type { Announcement } from '../protocol/event.js';
import type { AnnounceRequest, Moderator, Response, WallUpdateRequest } from '../protocol/socket.js';
import type { WallSettings } from '../protocol/event.js';
import type { EventRegistry } from '../events/registry.js';
import type { Store } from '../store/index.js';
import type { Notifier } from '../realtime/notifier.js';
import { eventPhoneCountries } from '../pipeline/text/phone-countries.js';
import { announcementText } from './announcement-text.js';

export const ANNOUNCEMENT_MAX = 280;

export function createWallControl(store: Store, events: EventRegistry, notifier: Notifier, now = Date.now) {
  return {
    async update(_moderator: Moderator, request: WallUpdateRequest): Promise<Response<WallSettings>> {
      const { event, ...change } = request;
      const wasPaused = events.wallSettings(event).paused;
      const settings = await events.updateWall(event, change);
      notifier.wallSettings(event, settings, { resynchronise: wasPaused && !settings.paused });
      return { ok: true, data: settings };
    },

    async announce(moderator: Moderator, request: AnnounceRequest): Promise<Response<Announcement | null>> {
      const { event } = request;
      const text = announcementText(request.text ?? '', eventPhoneCountries(events.config(event)));
      const announcement = text === '' ? null : { text, at: now(), by: moderator.name };
      await events.setAnnouncement(event, announcement);
      notifier.wallAnnouncement(event, announcement);
      return { ok: true, data: announcement };
    },
  };
}

export type WallControl = ReturnType<typeof createWallControl>;
