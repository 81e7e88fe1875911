import type { ConfigInput } from './schema.js';

/**
 * What runs when there is no configuration file: one bilingual demo event that replays sample items of every
 * source kind, so `npm start` on a fresh clone shows the whole loop without network or credentials.
 */
export const DEFAULT_CONFIG: ConfigInput = {
  events: [
    {
      slug: 'demo',
      title: 'Murmure — démo / demo',
      hashtags: ['MurmureDemo'],
      sources: [{ kind: 'web' }, { kind: 'demo' }],
    },
  ],
};
