/**
 * A realistic mix of payloads for the intake benchmark, built from the recorded fixtures of each source: X posts,
 * Mastodon HTML statuses, Jetstream posts, Twilio SMS and parsed emails, with fresh ids and texts, a share of
 * exact repeats (a retry, a post seen through two instances) and a share of hostile HTML.
 */
import { readFileSync } from 'node:fs';
import type { RawPayload } from '../../server/pipeline/types.js';

const fixture = (path: string) => readFileSync(new URL(`../../test/fixtures/${path}`, import.meta.url), 'utf8');
const json = (path: string) => JSON.parse(fixture(path)) as Record<string, unknown>;

const X_POST = json('twitter/tweet-with-photo-media.json');
const STATUS = json('mastodon/status-hashtag-stream-update.json');
const JETSTREAM = json('bluesky/jetstream-post-with-images-and-tags.json');
const TWILIO = Object.fromEntries(new URLSearchParams(fixture('twilio/inbound-sms.form')));

const HOSTILE =
  '<script>alert(1)</script><img src=x onerror="alert(2)"><a href="javascript:alert(3)">clic</a>' +
  '<iframe src="https://evil.example"></iframe><style>body{display:none}</style>';

const SENTENCES = [
  'Quelle place pour le vélo dans le nouveau plan de circulation ?',
  'Will the new library open on Sundays as well?',
  'Merci pour ce débat, très instructif ! On attend la suite.',
  'How will the budget for the schools be shared between districts?',
  'Les horaires du marché vont-ils changer cet été ?',
];

function text(i: number, hostile: boolean): string {
  const sentence = SENTENCES[i % SENTENCES.length]!;
  return `${sentence} (${i}) #TownHall${hostile ? ` ${HOSTILE}` : ''}`;
}

const FORMATS = ['x', 'mastodon', 'jetstream', 'twilio', 'email'] as const;

function payload(i: number, hostile: boolean): RawPayload {
  const body = text(i, hostile);
  switch (FORMATS[i % FORMATS.length]!) {
    case 'x': {
      const data = X_POST.data as Record<string, unknown>;
      return {
        format: 'x',
        payload: { ...X_POST, data: { ...data, id: String(1_500_000_000_000_000_000n + BigInt(i)), text: body } },
      };
    }
    case 'mastodon':
      return {
        format: 'mastodon',
        payload: {
          ...STATUS,
          id: String(i),
          uri: `https://mastodon.example/users/a/statuses/${i}`,
          content: `<p>${body}</p>`,
        },
        meta: { instance: 'https://mastodon.example' },
      };
    case 'jetstream': {
      const commit = JETSTREAM.commit as Record<string, unknown>;
      const record = commit.record as Record<string, unknown>;
      return {
        format: 'jetstream',
        payload: {
          ...JETSTREAM,
          time_us: 1_783_175_888_000_000 + i,
          commit: { ...commit, rkey: `3mpt${i.toString(36).padStart(9, '0')}`, record: { ...record, text: body } },
        },
      };
    }
    case 'twilio':
      return {
        format: 'twilio',
        payload: {
          ...TWILIO,
          MessageSid: `SM${i.toString(16).padStart(32, '0')}`,
          From: `+336${String(10_000_000 + (i % 5000))}`,
          Body: body,
        },
      };
    case 'email':
      return {
        format: 'email',
        payload: {
          messageId: `<bench-${i}@mail.example>`,
          from: { name: `Participant ${i % 700}`, address: `p${i % 700}@mail.example` },
          subject: 'Question',
          text: body,
          ...(hostile ? { html: `<p>${body}</p>` } : {}),
          date: 1_783_175_888_000 + i,
        },
      };
  }
}

/**
 * `count` payloads: one in 10 repeats an earlier one (a duplicate), 5 in 100 carry hostile HTML. Both are spread
 * over every format (a fixed stride would always land on the same one, as the formats cycle by 5).
 */
export function mixedPayloads(count: number): RawPayload[] {
  const payloads: RawPayload[] = [];
  for (let i = 0; i < count; i += 1) {
    if (i % 10 === 9) payloads.push(payloads[i - 1 - (Math.floor(i / 10) % 5)]!);
    else payloads.push(payload(i, (i % 100) % 21 === 3));
  }
  return payloads;
}
