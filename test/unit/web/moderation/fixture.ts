/** Item literals for the console's tests: pending, received at `id` seconds, by a distinct author. */
import type { Item } from '../../../../server/protocol/items.js';
import { item } from '../items.fixture.js';

export { item };

/** The same item as the server sends it once moderated. */
export function moderated(id: number, status: Item['status'], by = 'Léa', at = 100_000 + id): Item {
  return item(id, { status, moderatedBy: by, moderatedAt: at });
}

export function ids(list: readonly { id: number }[]): number[] {
  return list.map((entry) => entry.id);
}
