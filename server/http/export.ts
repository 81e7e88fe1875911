/**
 * An event's items as CSV or JSON for the organiser's records. Contact tags are pseudonymous and the masked
 * forms are not included.
 *
 * The CSV is written for spreadsheet programs (RFC 4180: every cell quoted, quotes doubled, CRLF line ends) and
 * reads in the event's language: headers, statuses, sources and reasons in its wall's first language, unless
 * `?lang=` says otherwise. French spreadsheets take `;` between cells (their decimal separator is the comma), so
 * a French export uses `;` and an English one `,`; `?separator=comma|semicolon` (or `?sep=,` / `?sep=;`) chooses.
 * A byte-order mark makes them read UTF-8; text a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR
 * at the start of a cell) is prefixed with a quote so it stays text. Times are UTC, `YYYY-MM-DD HH:MM:SS`, which
 * spreadsheets in both languages read as dates.
 */
import { BadRequestError } from '../errors.js';
import type { Language } from '../protocol/event.js';
import type { Item } from '../protocol/items.js';
import { EXPORT_LABELS, type ExportColumn, type ExportLabels } from './export-labels.js';

export type CsvSeparator = ',' | ';';

export interface CsvOptions {
  language: Language;
  separator: CsvSeparator;
}

const COLUMNS: [ExportColumn, (item: Item, labels: ExportLabels) => unknown][] = [
  ['id', (i) => i.id],
  ['status', (i, l) => l.statuses[i.status]],
  ['source', (i, l) => l.sources[i.source]],
  ['sourceId', (i) => i.sourceId],
  ['url', (i) => i.url],
  ['authorName', (i) => i.author.name],
  ['authorHandle', (i) => i.author.handle],
  ['authorKey', (i) => i.authorKey],
  ['text', (i) => i.text],
  ['media', (i) => i.media.map((m) => m.url).join(' ')],
  ['language', (i) => i.lang],
  ['createdAt', (i) => time(i.createdAt)],
  ['receivedAt', (i) => time(i.receivedAt)],
  ['shownAt', (i) => time(i.shownAt)],
  ['moderatedBy', (i) => i.moderatedBy],
  ['moderatedAt', (i) => time(i.moderatedAt)],
  ['pinned', (i, l) => (i.pinned ? l.yes : l.no)],
  [
    'reasons',
    (i, l) => i.reasons.map((r) => `${ruleName(r.rule, l)}${l.ruleSeparator}${r.detail}`).join(l.listSeparator),
  ],
];

const SEPARATORS: Readonly<Record<string, CsvSeparator>> = { comma: ',', ',': ',', semicolon: ';', ';': ';' };
const LANGUAGES: readonly Language[] = ['fr', 'en'];

/** A rule stored by an older version may have no label: its code then. */
function ruleName(rule: string, labels: ExportLabels): string {
  return Object.hasOwn(labels.rules, rule) ? labels.rules[rule as keyof ExportLabels['rules']] : rule;
}

function time(at: number | null): string {
  return at === null ? '' : new Date(at).toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * The CSV options a request asks for, over the event's defaults: its first language, and that language's
 * separator. Throws a BadRequestError naming the parameter for a value it does not know.
 */
export function csvOptions(query: Record<string, unknown>, eventLanguage: Language): CsvOptions {
  const lang = query.lang;
  if (lang !== undefined && !LANGUAGES.includes(lang as Language)) {
    throw new BadRequestError('"lang" is fr or en.');
  }
  const language = (lang as Language | undefined) ?? eventLanguage;
  const asked = query.separator ?? query.sep;
  if (asked !== undefined && (typeof asked !== 'string' || !Object.hasOwn(SEPARATORS, asked))) {
    throw new BadRequestError('"separator" is comma or semicolon ("sep" may be "," or ";").');
  }
  return { language, separator: asked === undefined ? (language === 'fr' ? ';' : ',') : SEPARATORS[asked]! };
}

/** One CSV cell: quoted, quotes doubled, formulas defused. */
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

/** Lines of the CSV file, header first; a byte-order mark so spreadsheet programs read UTF-8. */
export async function* csvLines(
  items: AsyncIterable<Item> | Iterable<Item>,
  { language, separator }: CsvOptions = { language: 'en', separator: ',' },
): AsyncGenerator<string> {
  const labels = EXPORT_LABELS[language];
  yield '\uFEFF' + COLUMNS.map(([column]) => csvCell(labels.columns[column])).join(separator) + '\r\n';
  for await (const item of items) yield COLUMNS.map(([, get]) => csvCell(get(item, labels))).join(separator) + '\r\n';
}

/** The JSON export: the moderator view of each item, without the masked contact. */
export function exportRecord(item: Item): Omit<Item, 'contact'> & { contactTag: string | null } {
  const { contact, ...rest } = item;
  return { ...rest, contactTag: contact?.tag ?? null };
}
