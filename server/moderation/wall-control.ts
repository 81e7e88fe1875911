/**
 * Moderators steer the wall live: layout, theme, pause, and an announcement for the room. Each change is
 * stored (a restarted server keeps it) and pushed to every open wall of the event.
 */
import { z } from 'zod';
import type { Announcement } from '../protocol/event.js';
import type { AnnounceRequest, Moderator, Response, WallUpdateRequest } from '../protocol/socket.js';
import type { WallSettings } from '../protocol/event.js';
import type { EventRegistry } from '../events/registry.js';
import type { Store } from '../store/index.js';
import type { Notifier } from '../realtime/notifier.js';
import { eventPhoneCountries } from '../pipeline/text/phone-countries.js';
import { announcementText } from './announcement-text.js';
import { themeImageUrl } from '../config/schema.js';

export const ANNOUNCEMENT_MAX = 280;

const hexColour = z.string().regex(/^#[0-9a-fA-F]{3,8}$/);
const updateRequest = z.strictObject({
  event: z.string(),
  layout: z.enum(['mosaic', 'spotlight', 'ticker']).optional(),
  paused: z.boolean().optional(),
  theme: z
    .strictObject({
      mode: z.enum(['dark', 'light']).optional(),
      accent: hexColour.optional(),
      // null: back to the mode's own background.
      background: hexColour.nullable().optional(),
      fontScale: z.number().min(0.5).max(3).optional(),
      transparent: z.boolean().optional(),
      // https only, as in the event's settings; null takes the image away.
      logoUrl: themeImageUrl.nullable().optional(),
      backgroundImageUrl: themeImageUrl.nullable().optional(),
    })
    .optional(),
});
const announceRequest = z.strictObject({
  event: z.string(),
  text: z.string().max(ANNOUNCEMENT_MAX).nullable(),
});

type Failure = { ok: false; code: 'bad_request' | 'not_found'; message: string };

function invalid(error: z.ZodError): Failure {
  const message = error.issues.map((i) => `${i.path.join('.') || 'request'}: ${i.message}`).join('; ');
  return { ok: false, code: 'bad_request', message };
}

export function createWallControl(store: Store, events: EventRegistry, notifier: Notifier, now = Date.now) {
  const unknown = (event: string): Failure => ({ ok: false, code: 'not_found', message: `No event "${event}".` });

  return {
    update(_moderator: Moderator, request: WallUpdateRequest): Response<WallSettings> {
      const parsed = updateRequest.safeParse(request);
      if (!parsed.success) return invalid(parsed.error);
      const { event, ...change } = parsed.data;
      if (!events.has(event)) return unknown(event);
      const wasPaused = events.wallSettings(event).paused;
      const settings = events.updateWall(event, change);
      notifier.wallSettings(event, settings, { resynchronise: wasPaused && !settings.paused });
      return { ok: true, data: settings };
    },

    announce(moderator: Moderator, request: AnnounceRequest): Response<Announcement | null> {
      const parsed = announceRequest.safeParse(request);
      if (!parsed.success) return invalid(parsed.error);
      const { event } = parsed.data;
      if (!events.has(event)) return unknown(event);
      const text = announcementText(parsed.data.text ?? '', eventPhoneCountries(events.config(event)));
      const announcement = text === '' ? null : { text, at: now(), by: moderator.name };
      store.events.setAnnouncement(event, announcement);
      notifier.wallAnnouncement(event, announcement);
      return { ok: true, data: announcement };
    },
  };
}

export type WallControl = ReturnType<typeof createWallControl>;
