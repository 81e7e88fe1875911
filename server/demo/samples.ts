/**
 * Sample payloads for the demo source: one town-hall debate, #MurmureDemo, seen through every wire format Murmure
 * reads, in the exact shapes the real services send (compare test/fixtures/). Every person, account and number is
 * invented: hosts are example.org or .invalid, phone numbers come from the ranges reserved for fiction (+33 6 39 98,
 * +44 7700 900), and there are no avatars or media so the demo never touches the network. One Mastodon status
 * carries a `<script>` and one web message a blocklisted word, so the demo also shows sanitizing and filtering.
 *
 * Each sample is built for one pass of the demo (see `DemoPass`): the demo replays them in a loop for as long as it
 * runs, and every pass needs ids of its own (or dedupe would drop it as a repeat) and dates of its own.
 */
import type { RawPayload } from '../pipeline/types.js';
import type { MailMessage } from '../pipeline/normalize/email.js';

const HASHTAG = 'MurmureDemo';

/** One replay of the samples. */
export interface DemoPass {
  /** Digits unique to this pass (in this run and across restarts), appended to every id a sample carries. */
  key: string;
  /** When the pass starts (epoch ms): samples are dated a few minutes before, as a debate happening now. */
  now: number;
}

/** A sample, built afresh for each pass. */
export type DemoSample = (pass: DemoPass) => RawPayload;

const minutesAgo = (pass: DemoPass, minutes: number): string => new Date(pass.now - minutes * 60_000).toISOString();
/** Vonage's `message-timestamp`: UTC as `YYYY-MM-DD HH:MM:SS`. */
const vonageMinutesAgo = (pass: DemoPass, minutes: number): string =>
  minutesAgo(pass, minutes).slice(0, 19).replace('T', ' ');
const MASTODON = 'https://social.example.org';
const EVENT_NUMBER = '+33639980000';

interface XUser {
  id: string;
  username: string;
  name: string;
}

const X_USERS = {
  lea: { id: '1500000000000000001', username: 'lea_martin_demo', name: 'Léa Martin' },
  tom: { id: '1500000000000000002', username: 'tomwhitaker_demo', name: 'Tom Whitaker' },
  asso: { id: '1500000000000000003', username: 'velo_quartier_demo', name: 'Vélo Quartier (démo)' },
} satisfies Record<string, XUser>;

/** Start and end of `part` in `text`, in code points as X counts them. */
function span(text: string, index: number, part: string): { start: number; end: number } {
  const start = [...text.slice(0, index)].length;
  return { start, end: start + [...part].length };
}

/** An X API v2 post, with the hashtag and t.co URL entities X computes for `text`. */
function xPost(
  pass: DemoPass,
  id: string,
  author: XUser,
  text: string,
  extra: Record<string, unknown> = {},
  links: string[] = [],
) {
  const hashtags = [...text.matchAll(/#(\p{L}[\p{L}\p{N}_]*)/gu)].map((m) => ({
    ...span(text, m.index, m[0]),
    tag: m[1],
  }));
  const urls = [...text.matchAll(/https:\/\/t\.co\/\w+/g)].map((m, n) => ({
    ...span(text, m.index, m[0]),
    url: m[0],
    expanded_url: links[n],
    display_url: links[n]?.replace(/^https:\/\//, '').slice(0, 24) + '…',
  }));
  const entities = { ...(hashtags.length > 0 ? { hashtags } : {}), ...(urls.length > 0 ? { urls } : {}) };
  return {
    id: id + pass.key,
    text,
    author_id: author.id,
    created_at: minutesAgo(pass, 9),
    lang: 'fr',
    edit_history_tweet_ids: [id + pass.key],
    possibly_sensitive: false,
    ...(hashtags.length + urls.length > 0 ? { entities } : {}),
    ...extra,
  };
}

function xStream(data: object, users: XUser[], tweets: object[] = []): RawPayload {
  return {
    format: 'x',
    payload: {
      data,
      includes: { users, ...(tweets.length > 0 ? { tweets } : {}) },
      matching_rules: [{ id: '1800000000000000001', tag: HASHTAG }],
    },
  };
}

/** A Mastodon account as the APIs return it: local to social.example.org unless `acct` names another host. */
function account(id: string, username: string, displayName: string, acct = username) {
  const host = acct.includes('@') ? `https://${acct.split('@')[1]}` : MASTODON;
  return {
    id,
    username,
    acct,
    display_name: displayName,
    locked: false,
    bot: false,
    discoverable: true,
    group: false,
    created_at: '2024-01-01T00:00:00.000Z',
    note: '',
    url: `${host}/@${username}`,
    avatar: '',
    avatar_static: '',
    header: '',
    header_static: '',
    followers_count: 12,
    following_count: 30,
    statuses_count: 140,
    emojis: [],
    fields: [],
  };
}

function tagLink(tag: string, base = MASTODON): string {
  return `<a href="${base}/tags/${tag}" class="mention hashtag" rel="tag">#<span>${tag}</span></a>`;
}

function status(
  pass: DemoPass,
  statusId: string,
  acc: ReturnType<typeof account>,
  content: string,
  language: string,
  reblog: object | null,
) {
  const id = statusId + pass.key;
  const base = acc.url.replace(/\/@.*$/, '');
  const tags = [...content.matchAll(/tags\/(\w+)/g)].map((m) => ({ name: m[1], url: `${base}/tags/${m[1]}` }));
  return {
    id,
    created_at: minutesAgo(pass, 7),
    in_reply_to_id: null,
    in_reply_to_account_id: null,
    sensitive: false,
    spoiler_text: '',
    visibility: 'public',
    language,
    uri: `${base}/users/${acc.username}/statuses/${id}`,
    url: `${base}/@${acc.username}/${id}`,
    replies_count: 0,
    reblogs_count: 0,
    favourites_count: 0,
    edited_at: null,
    content,
    reblog,
    application: { name: 'Web', website: null },
    account: acc,
    media_attachments: [],
    mentions: [],
    tags,
    emojis: [],
    card: null,
    poll: null,
  };
}

const BSKY_PROFILES = {
  'did:plc:demonadiamurmureaaaaaaa2': { handle: 'nadia.example.org', displayName: 'Nadia Ferhat' },
  'did:plc:demosamokaformurmureaaa3': { handle: 'sam-okafor.example.org', displayName: 'Sam Okafor' },
};

/** A Jetstream v1 commit frame; tag facets carry UTF-8 byte offsets, computed here as the Bluesky app does. */
function jetstreamPost(
  pass: DemoPass,
  did: keyof typeof BSKY_PROFILES,
  baseKey: string,
  text: string,
  langs: string[],
): RawPayload {
  const rkey = baseKey + pass.key;
  const utf8 = new TextEncoder();
  const facets = [...text.matchAll(/#(\p{L}[\p{L}\p{N}_]*)/gu)].map((m) => {
    const byteStart = utf8.encode(text.slice(0, m.index)).length;
    const feature = { $type: 'app.bsky.richtext.facet#tag', tag: m[1] };
    return { features: [feature], index: { byteEnd: byteStart + utf8.encode(m[0]).length, byteStart } };
  });
  const record = { $type: 'app.bsky.feed.post', createdAt: minutesAgo(pass, 5), facets, langs, text };
  const commit = { rev: `3mdemo${rkey}`, operation: 'create', collection: 'app.bsky.feed.post', rkey, record };
  return {
    format: 'jetstream',
    payload: { did, time_us: pass.now * 1000, kind: 'commit', commit: { ...commit, cid: `bafyreidemo${rkey}` } },
    meta: { profiles: BSKY_PROFILES },
  };
}

/** Twilio's inbound form, every field as strings (see test/fixtures/twilio/inbound-sms.form). */
function twilioSms(pass: DemoPass, baseSid: string, from: string, body: string): RawPayload {
  const sid = baseSid + pass.key;
  const country = from.startsWith('+44') ? 'GB' : 'FR';
  return {
    format: 'twilio',
    payload: {
      ToCountry: 'FR',
      ToState: '',
      SmsMessageSid: sid,
      NumMedia: '0',
      ToCity: '',
      FromZip: '',
      SmsSid: sid,
      FromState: '',
      SmsStatus: 'received',
      FromCity: '',
      Body: body,
      FromCountry: country,
      To: EVENT_NUMBER,
      ToZip: '',
      NumSegments: '1',
      MessageSid: sid,
      AccountSid: 'AC0123456789abcdef0123456789abcdef',
      From: from,
      ApiVersion: '2010-04-01',
    },
  };
}

const demoMail = (pass: DemoPass): MailMessage => ({
  messageId: `<demo-7f3a2c-${pass.key}@mail.example.org>`,
  from: { name: 'Hélène Roussel', address: 'helene.roussel@example.org' },
  subject: 'Question sur les horaires de la médiathèque',
  text:
    'Bonjour,\n\nPourquoi ne pas ouvrir la médiathèque le dimanche matin ? Beaucoup de familles le demandent.\n\n' +
    'Merci pour ce débat !\n\n-- \nHélène\n06 39 98 76 54',
  date: minutesAgo(pass, 2),
  headers: { 'content-type': 'text/plain; charset=utf-8' },
  attachments: [],
});

const LEA_FIRST = `Ravie de suivre le débat ce soir à la mairie ! #${HASHTAG}`;

/** The bundled samples, in the order the demo source replays them. */
export const DEMO_SAMPLES: readonly DemoSample[] = [
  (pass) => xStream(xPost(pass, '1900000000000000001', X_USERS.lea, LEA_FIRST), [X_USERS.lea]),
  (pass) => ({
    format: 'mastodon',
    meta: { instance: MASTODON },
    payload: status(
      pass,
      '113000000000000001',
      account('109000000000000001', 'camille', 'Camille D.'),
      `<p>Question aux intervenants : combien de nouvelles pistes cyclables sont prévues d'ici 2027 ? ${tagLink(HASHTAG)}</p>`,
      'fr',
      null,
    ),
  }),
  (pass) =>
    twilioSms(
      pass,
      'SM0d3m0000000000000000000000000001',
      '+33639981201',
      'Nom : Claire\nBravo pour la retransmission ! Est-ce que le débat sera disponible en replay ?',
    ),
  (pass) =>
    jetstreamPost(
      pass,
      'did:plc:demonadiamurmureaaaaaaa2',
      '3mdemo2aaaaa2',
      `Super ambiance au #${HASHTAG}, la salle est pleine ! #DémocratieLocale`,
      ['fr'],
    ),
  (pass) =>
    xStream(
      xPost(
        pass,
        '1900000000000000002',
        X_USERS.tom,
        `Great to see so many young people asking questions tonight. #${HASHTAG}`,
        { lang: 'en' },
      ),
      [X_USERS.tom],
    ),
  (pass) =>
    twilioSms(
      pass,
      'SM0d3m0000000000000000000000000002',
      '+447700900123',
      'Will the slides be shared after the meeting?',
    ),
  (pass) => ({
    format: 'mastodon',
    meta: { instance: MASTODON },
    payload: status(
      pass,
      '113000000000000002',
      account('109000000000000002', 'jules', 'Jules'),
      `<p>Merci pour ce débat !<script>alert('démo')</script> Vivement le prochain. ${tagLink(HASHTAG)}</p>`,
      'fr',
      null,
    ),
  }),
  (pass) => ({
    format: 'sms-gateway',
    payload: {
      msisdn: '33639984567',
      to: EVENT_NUMBER.slice(1),
      messageId: `0A0000000123ABCD1${pass.key}`,
      text: 'Pourra-t-on poser des questions par SMS au prochain conseil municipal ?',
      type: 'text',
      keyword: 'POURRA-T-ON',
      'api-key': 'abcd1234',
      'message-timestamp': vonageMinutesAgo(pass, 3),
    },
  }),
  (pass) => ({ format: 'email', payload: demoMail(pass) }),
  // A repost of the first sample: the same post again, which dedupe drops (it is the original's id).
  (pass) =>
    xStream(
      xPost(
        pass,
        '1900000000000000003',
        X_USERS.asso,
        'RT @lea_martin_demo: Ravie de suivre le débat ce soir à la mairie !',
        {
          referenced_tweets: [{ type: 'retweeted', id: `1900000000000000001${pass.key}` }],
        },
      ),
      [X_USERS.asso, X_USERS.lea],
      [xPost(pass, '1900000000000000001', X_USERS.lea, LEA_FIRST)],
    ),
  (pass) => ({
    format: 'web',
    payload: { name: 'Inès', message: 'Quand les travaux de la place du marché vont-ils commencer ?' },
    meta: { idempotencyKey: `demo-web-0001-${pass.key}`, clientKey: 'demo-client-1' },
  }),
  (pass) =>
    jetstreamPost(
      pass,
      'did:plc:demosamokaformurmureaaa3',
      '3mdemo3bbbbb3',
      `Question for the panel: how will the new bus lines serve the outer neighbourhoods? #${HASHTAG}`,
      ['en'],
    ),
  (pass) => ({
    format: 'mastodon',
    meta: { instance: MASTODON },
    payload: status(
      pass,
      '113000000000000003',
      account('109000000000000003', 'marc', 'Marc'),
      '',
      'en',
      status(
        pass,
        '113000000000000004',
        account('109000000000000004', 'ana', 'Ana Ruiz', 'ana@fediverse.example.org'),
        `<p>Loved the answer on library opening hours. Sunday mornings, please! ${tagLink(HASHTAG, 'https://fediverse.example.org')}</p>`,
        'en',
        null,
      ),
    ),
  }),
  (pass) =>
    xStream(
      xPost(
        pass,
        '1900000000000000004',
        X_USERS.tom,
        `Exactly this. Safer crossings near schools should come first. #${HASHTAG} https://t.co/demo000001`,
        { lang: 'en', referenced_tweets: [{ type: 'quoted', id: `1900000000000000005${pass.key}` }] },
        [`https://x.com/velo_quartier_demo/status/1900000000000000005${pass.key}`],
      ),
      [X_USERS.tom, X_USERS.asso],
      [
        xPost(
          pass,
          '1900000000000000005',
          X_USERS.asso,
          'Nous demandons des passages piétons sécurisés devant chaque école.',
        ),
      ],
    ),
  (pass) => ({
    format: 'web',
    payload: { name: 'Anonyme', message: 'Ce projet de parking, franchement, c’est de la merde.' },
    meta: { idempotencyKey: `demo-web-0002-${pass.key}`, clientKey: 'demo-client-2' },
  }),
  (pass) => ({
    format: 'web',
    payload: { name: '', message: `Merci aux organisateurs, c'était clair et bien animé. #${HASHTAG}` },
    meta: { idempotencyKey: `demo-web-0003-${pass.key}`, clientKey: 'demo-client-3' },
  }),
];

/** Every sample of one pass, in replay order. */
export function demoSamples(pass: DemoPass): RawPayload[] {
  return DEMO_SAMPLES.map((sample) => sample(pass));
}
