/**
 * What the nodes broadcast: the fan-out benchmark's item (a real public item as Murmure serialises it, about
 * 1 KB of JSON), and a long one with many media of about 10 KB, past the 8,000 bytes a PostgreSQL NOTIFY carries.
 */
import { startChild } from '../lib/child.js';

export type Payload = Record<string, unknown>;

const MURMURE = new URL('../fanout/server-murmure.ts', import.meta.url);

export async function itemPayload(textLength: number): Promise<Payload> {
  const server = startChild(MURMURE);
  try {
    await server.request({ type: 'start' });
    const { sample } = await server.request<{ sample: Payload }>({ type: 'prepare', count: 1, textLength });
    return sample;
  } finally {
    await server.stop();
  }
}

/** The item with photos added (proxied URLs, sizes, alt texts as authors write them) until it weighs `bytes`. */
export function longItemPayload(item: Payload, bytes: number): Payload {
  const media: Record<string, unknown>[] = [];
  const long = { ...item, media };
  for (let i = 0; Buffer.byteLength(JSON.stringify(long)) < bytes; i += 1) {
    media.push({
      type: 'image',
      url: `/media/bench/${(0x5f3759df * (i + 1)).toString(16)}-photo-${i}.webp?w=1600&sig=${'ab12'.repeat(8)}`,
      previewUrl: `/media/bench/${(0x5f3759df * (i + 1)).toString(16)}-photo-${i}.webp?w=400&sig=${'cd34'.repeat(8)}`,
      alt: `Photo ${i + 1} de la réunion publique, la salle, les panneaux du projet et les questions au micro`,
      width: 1600,
      height: 1200,
      bytes: 180_000 + i * 1_337,
    });
  }
  return long;
}

export const payloadBytes = (payload: Payload): number => Buffer.byteLength(JSON.stringify(payload));
