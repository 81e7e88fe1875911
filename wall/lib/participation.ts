/** What the "how to take part" panel shows for an event: hashtags, SMS number, email address, web address, QR code. */
import type { PublicEvent } from '../../server/protocol/event.js';
import { hashtag } from './format.js';

/** The web view's address and its QR code, when phones in the room can reach it. */
export interface WebAddress {
  /** For the QR code's alternative text. */
  url: string;
  /** The same address as people type it: no scheme, no trailing slash. */
  label: string;
  /** `label` in pieces that may start a new line: after each `/` of the path. */
  parts: string[];
  qrCodePath: string;
}

export interface ParticipationView {
  /** With their `#`, empty ones dropped. */
  hashtags: string[];
  sms: string | null;
  email: string | null;
  /** Null while the only address known is a loopback one: the room gets the hashtag and the SMS number only. */
  web: WebAddress | null;
}

/**
 * `origin` is the page's own (`location.origin`), used when the server knows no public address that phones reach;
 * a loopback origin (the wall opened on the server itself) is never shown: no phone could open it.
 */
export function participationView(event: PublicEvent, origin: string): ParticipationView {
  const { participation } = event;
  const tags = participation.hashtags.length > 0 ? participation.hashtags : event.hashtags;
  const ownUrl = isLoopbackOrigin(origin) ? null : `${origin.replace(/\/+$/, '')}/e/${encodeURIComponent(event.slug)}`;
  const url = participation.webUrl ?? ownUrl;
  return {
    hashtags: [...new Set(tags.map(hashtag).filter((tag) => tag !== ''))],
    sms: blankToNull(participation.sms),
    email: blankToNull(participation.email),
    web: url === null ? null : webAddress(url, participation.qrCodePath),
  };
}

function webAddress(url: string, qrCodePath: string): WebAddress {
  const label = url.replace(/^https?:\/\//i, '').replace(/\/+$/, '');
  return { url, label, parts: label.split(/(?<=\/)/), qrCodePath };
}

/**
 * Whether a page origin is this machine only. Browsers give the host normalised (`127.1` reads `127.0.0.1`,
 * `[::ffff:127.0.0.1]` reads `[::ffff:7f00:1]`), so these shapes cover every spelling of it.
 */
export function isLoopbackOrigin(origin: string): boolean {
  let host: string;
  try {
    host = new URL(origin).hostname.toLowerCase();
  } catch {
    return true;
  }
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    /^127\.\d+\.\d+\.\d+$/.test(host) ||
    host === '0.0.0.0' ||
    host === '[::1]' ||
    host === '[::]' ||
    /^\[::ffff:(7f[0-9a-f]{2}:[0-9a-f]{1,4}|127\.[\d.]+)\]$/.test(host)
  );
}

function blankToNull(value: string | null): string | null {
  return value === null || value.trim() === '' ? null : value.trim();
}
