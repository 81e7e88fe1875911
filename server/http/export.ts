/**
 * An event's items as CSV or JSON for the organiser's records. Contact tags are pseudonymous and the masked
 * forms are not included; text that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR at the
 * start of a cell) is prefixed with a quote so it stays text.
 */
import type { Item } from '../protocol/items.js';

const COLUMNS: [string, (item: Item) => unknown][] = [
  ['id', (i) => i.id],
  ['status', (i) => i.status],
  ['source', (i) => i.source],
  ['source_id', (i) => i.sourceId],
  ['url', (i) => i.url],
  ['author_name', (i) => i.author.name],
  ['author_handle', (i) => i.author.handle],
  ['author_key', (i) => i.authorKey],
  ['text', (i) => i.text],
  ['media', (i) => i.media.map((m) => m.url).join(' ')],
  ['language', (i) => i.lang],
  ['created_at', (i) => iso(i.createdAt)],
  ['received_at', (i) => iso(i.receivedAt)],
  ['shown_at', (i) => iso(i.shownAt)],
  ['moderated_by', (i) => i.moderatedBy],
  ['moderated_at', (i) => iso(i.moderatedAt)],
  ['pinned', (i) => (i.pinned ? 'yes' : 'no')],
  ['reasons', (i) => i.reasons.map((r) => `${r.rule}: ${r.detail}`).join('; ')],
];

function iso(time: number | null): string {
  return time === null ? '' : new Date(time).toISOString();
}

/** One CSV cell: quoted, quotes doubled, formulas defused. */
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

/** Lines of the CSV file, header first; a byte-order mark so spreadsheet programs read UTF-8. */
export function* csvLines(items: Iterable<Item>): Generator<string> {
  yield '\uFEFF' + COLUMNS.map(([name]) => name).join(',') + '\r\n';
  for (const item of items) yield COLUMNS.map(([, get]) => csvCell(get(item))).join(',') + '\r\n';
}

/** The JSON export: the moderator view of each item, without the masked contact. */
export function exportRecord(item: Item): Omit<Item, 'contact'> & { contactTag: string | null } {
  const { contact, ...rest } = item;
  return { ...rest, contactTag: contact?.tag ?? null };
}
