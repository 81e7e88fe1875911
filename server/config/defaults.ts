import type { ConfigInput } from './schema.js';

/**
 * What runs when there is no configuration file: one bilingual demo event that replays sample items of every
 * source kind, so `npm start` on a fresh clone shows the whole loop without network or credentials. With a
 * network it also reads the event's hashtag live from Mastodon (two instances, polled: no account needed) and
 * Bluesky (the public Jetstream); offline, those two sources show as failing and keep retrying.
 */
export const DEFAULT_CONFIG: ConfigInput = {
  events: [
    {
      slug: 'demo',
      title: 'Murmure — démo / demo',
      hashtags: ['MurmureDemo'],
      sources: [
        { kind: 'web' },
        { kind: 'demo' },
        { kind: 'mastodon', instances: [{ url: 'https://mastodon.social' }, { url: 'https://piaille.fr' }] },
        { kind: 'bluesky' },
      ],
    },
  ],
};
