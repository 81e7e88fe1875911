/**
 * A source's name for people, from what identifies it: "SMS +33 6 12 34 56 78", "Mastodon : mastodon.social,
 * piaille.fr", "X : #TownHall", "Courriel : contact@example.org", "Formulaire web". Never the manager's key
 * (`town-hall/7:sms-gateway`). The SMS number and the mail addresses are the event's own, which it publishes.
 */
import type { SourceKindName } from '../../server/protocol/admin.js';
import type { Language } from '../../server/protocol/event.js';
import type { SourceIdentity } from '../../server/protocol/moderation.js';
import { healthWords } from './i18n-health.js';
import { formatPhone } from './phone.js';

export function sourceName(identity: SourceIdentity, lang: Language): string {
  const words = healthWords[lang];
  const list = (values: readonly string[]) => values.join(words.and);
  switch (identity.kind) {
    case 'twilio':
    case 'sms-gateway':
      return `${words.sms} ${formatPhone(identity.number)}`;
    case 'mastodon':
      return words.named('Mastodon', list(identity.hosts));
    case 'x':
    case 'bluesky':
      return words.named(identity.kind === 'x' ? 'X' : 'Bluesky', identity.hashtags.map((tag) => `#${tag}`).join(' '));
    case 'email-smtp':
    case 'email-imap':
      return words.named(words.email, list(identity.addresses));
    case 'web':
      return words.web;
    case 'demo':
      return words.demo;
  }
}

/**
 * The same identity read from a source's saved settings (the admin's source cards), as the server reads it from
 * the configuration (server/sources/identity.ts).
 */
export function identityOfSettings(
  kind: SourceKindName,
  settings: Record<string, unknown>,
  hashtags: readonly string[],
): SourceIdentity {
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  switch (kind) {
    case 'twilio':
    case 'sms-gateway':
      return { kind, number: text(settings.phoneNumber) };
    case 'mastodon': {
      const instances = Array.isArray(settings.instances) ? (settings.instances as { url?: unknown }[]) : [];
      return { kind, hosts: instances.map((instance) => hostOf(text(instance.url))).filter((host) => host !== '') };
    }
    case 'x':
    case 'bluesky':
      return { kind, hashtags: [...hashtags] };
    case 'email-smtp':
      return { kind, addresses: Array.isArray(settings.addresses) ? settings.addresses.map(text) : [] };
    case 'email-imap':
      return { kind, addresses: text(settings.address) ? [text(settings.address)] : [] };
    case 'web':
    case 'demo':
      return { kind };
  }
}

function hostOf(url: string): string {
  return URL.parse(url)?.host ?? url;
}
