/**
 * What names a source for people, from its settings: the console says "SMS +33 6 12 34 56 78" or
 * "Mastodon : mastodon.social, piaille.fr" rather than the manager's key (`town-hall/7:sms-gateway`).
 */
import type { SourceConfig } from '../config/sources.js';
import type { SourceIdentity } from '../protocol/moderation.js';

/** `hashtags` are the event's, which X and Bluesky follow (without `#`). */
export function identityOf(config: SourceConfig, hashtags: readonly string[]): SourceIdentity {
  switch (config.kind) {
    case 'twilio':
    case 'sms-gateway':
      return { kind: config.kind, number: config.phoneNumber };
    case 'mastodon':
      return { kind: 'mastodon', hosts: config.instances.map((instance) => hostOf(instance.url)) };
    case 'x':
    case 'bluesky':
      return { kind: config.kind, hashtags: [...hashtags] };
    case 'email-smtp':
      return { kind: 'email-smtp', addresses: [...config.addresses] };
    case 'email-imap':
      return { kind: 'email-imap', addresses: [config.address] };
    case 'web':
    case 'demo':
      return { kind: config.kind };
  }
}

function hostOf(url: string): string {
  return URL.parse(url)?.host ?? url;
}
