/** What the "how to take part" panel shows for an event: hashtags, SMS number, email address, web address, QR code. */
import type { PublicEvent } from '../../server/protocol/event.js';
import { hashtag } from './format.js';

export interface ParticipationView {
  /** With their `#`, empty ones dropped. */
  hashtags: string[];
  sms: string | null;
  email: string | null;
  /** The web view's address, for the QR code's alternative text. */
  url: string;
  /** The same address as people type it: no scheme, no trailing slash. */
  urlLabel: string;
  /** `urlLabel` in pieces that may start a new line: after each `/` and before each `.` of the path. */
  urlParts: string[];
  qrCodePath: string;
}

/** `origin` is the page's own (`location.origin`), used when the server does not know its public address. */
export function participationView(event: PublicEvent, origin: string): ParticipationView {
  const { participation } = event;
  const tags = participation.hashtags.length > 0 ? participation.hashtags : event.hashtags;
  const url = participation.webUrl ?? `${origin.replace(/\/+$/, '')}/e/${encodeURIComponent(event.slug)}`;
  const urlLabel = url.replace(/^https?:\/\//i, '').replace(/\/+$/, '');
  return {
    hashtags: [...new Set(tags.map(hashtag).filter((tag) => tag !== ''))],
    sms: blankToNull(participation.sms),
    email: blankToNull(participation.email),
    url,
    urlLabel,
    urlParts: urlLabel.split(/(?<=\/)/),
    qrCodePath: participation.qrCodePath,
  };
}

function blankToNull(value: string | null): string | null {
  return value === null || value.trim() === '' ? null : value.trim();
}
