/**
 * A source form's values and the body it sends. Values are kept as the inputs hold them (text, or a checkbox's
 * boolean); the body has the configuration file's shape. Secrets are never pre-filled: an empty secret field is
 * left out, which keeps the saved one. Settings the form does not show are sent back as they were.
 */
import type { AdminSource, SourceInput, SourceKindName } from '../../server/protocol/admin.js';
import type { SourceKindMessages } from './i18n-source-kinds.js';
import type { FieldSpec, KindSpec } from './source-fields.js';
import { kindSpec } from './source-fields.js';
import { formatPhone } from './phone.js';

export type FieldValue = string | boolean;

/** One Mastodon instance as its row edits it; `tokenSet` when a saved token exists for it. */
export interface InstanceRow {
  url: string;
  token: string;
  streamingUrl: string;
  tokenSet: boolean;
}

export interface SourceFormValues {
  kind: SourceKindName;
  enabled: boolean;
  fields: Record<string, FieldValue>;
  instances: InstanceRow[];
}

export function emptyInstance(): InstanceRow {
  return { url: '', token: '', streamingUrl: '', tokenSet: false };
}

/** A new source: the schema's defaults pre-filled, secrets empty. */
export function newSourceValues(kind: SourceKindName): SourceFormValues {
  const spec = kindSpec(kind);
  const fields: Record<string, FieldValue> = {};
  for (const field of spec.fields) fields[field.path] = field.initial ?? (field.type === 'boolean' ? false : '');
  return { kind, enabled: true, fields, instances: spec.instances ? [emptyInstance()] : [] };
}

/** A saved source's values; its secret fields stay empty (the form says which are set). */
export function valuesFromSource(source: AdminSource): SourceFormValues {
  const spec = kindSpec(source.kind);
  const values = newSourceValues(source.kind);
  values.enabled = source.enabled;
  for (const field of spec.fields) {
    if (field.type === 'secret') continue;
    const saved = readPath(source.settings, field.path);
    if (saved === undefined) {
      // An optional setting left out of the file: empty rather than the default it would not have.
      if (field.initial === undefined || field.type === 'boolean') continue;
      values.fields[field.path] = field.keepEmpty ? field.initial : '';
      continue;
    }
    values.fields[field.path] = toFieldValue(field, saved);
  }
  if (spec.instances) values.instances = instanceRows(source);
  return values;
}

function instanceRows(source: AdminSource): InstanceRow[] {
  const saved = readPath(source.settings, 'instances');
  const list = Array.isArray(saved) ? (saved as Record<string, unknown>[]) : [];
  const rows = list.map((instance, index) => ({
    url: typeof instance.url === 'string' ? instance.url : '',
    token: '',
    streamingUrl: typeof instance.streamingUrl === 'string' ? instance.streamingUrl : '',
    tokenSet: source.secretsSet.includes(`instances.${index}.token`),
  }));
  return rows.length > 0 ? rows : [emptyInstance()];
}

function toFieldValue(field: FieldSpec, saved: unknown): FieldValue {
  if (field.type === 'boolean') return saved === true;
  // Stored in E.164 (+33612345678): shown grouped, as people read it.
  if (field.type === 'tel' && typeof saved === 'string') return formatPhone(saved);
  if (field.type === 'list') return Array.isArray(saved) ? saved.join(', ') : String(saved);
  return typeof saved === 'string' ? saved : JSON.stringify(saved);
}

/**
 * The body of POST, PUT or the test: the saved settings the form does not show, then every field. Numbers that
 * do not parse are sent as typed, so the server's own message says what is wrong.
 */
export function sourceInput(values: SourceFormValues, saved?: AdminSource): SourceInput {
  const spec = kindSpec(values.kind);
  const body: Record<string, unknown> = saved ? structuredClone(saved.settings) : {};
  for (const field of spec.fields) {
    const value = encode(field, values.fields[field.path]);
    if (value === undefined) deletePath(body, field.path);
    else writePath(body, field.path, value);
  }
  if (spec.instances) body.instances = values.instances.map(encodeInstance);
  return { ...body, kind: values.kind, enabled: values.enabled };
}

function encode(field: FieldSpec, value: FieldValue | undefined): unknown {
  if (field.type === 'boolean') return value === true;
  const text = typeof value === 'string' ? value.trim() : '';
  if (text === '') return field.keepEmpty ? '' : undefined;
  if (field.type === 'number') return Number.isFinite(Number(text)) ? Number(text) : text;
  if (field.type === 'list') return splitList(text);
  return field.type === 'secret' ? (value as string) : text;
}

function encodeInstance(row: InstanceRow): Record<string, string> {
  return {
    url: row.url.trim(),
    ...(row.token.trim() === '' ? {} : { token: row.token.trim() }),
    ...(row.streamingUrl.trim() === '' ? {} : { streamingUrl: row.streamingUrl.trim() }),
  };
}

/** "a@x.org, b@x.org" or one per line. */
export function splitList(text: string): string[] {
  return text
    .split(/[\n,;]+/u)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}

/** 32 hexadecimal characters from the browser's cryptographic generator, for a gateway's shared secret. */
export function generateSecret(
  fill: (bytes: Uint8Array<ArrayBuffer>) => Uint8Array = (bytes) => crypto.getRandomValues(bytes),
): string {
  return Array.from(fill(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Whether a saved secret exists for this field of the source being edited. */
export function secretIsSet(source: AdminSource | undefined, path: string): boolean {
  return source?.secretsSet.includes(path) ?? false;
}

/** A source card's few lines: its main settings that are not secrets, and Mastodon's servers. */
export function sourceSummary(source: AdminSource, kinds: SourceKindMessages): { label: string; value: string }[] {
  const spec = kindSpec(source.kind);
  const text = kinds[source.kind];
  const lines: { label: string; value: string }[] = [];
  if (spec.instances) {
    const rows = instanceRows(source).filter((row) => row.url !== '');
    const label = text.fields['instances.url']?.label ?? 'instances';
    if (rows.length > 0) lines.push({ label, value: rows.map((row) => row.url).join(', ') });
  }
  for (const field of spec.fields) {
    if (field.advanced || field.type === 'secret' || field.type === 'boolean' || field.keepEmpty) continue;
    const saved = readPath(source.settings, field.path);
    if (saved === undefined || saved === '') continue;
    lines.push({ label: text.fields[field.path]?.label ?? field.path, value: String(toFieldValue(field, saved)) });
  }
  return lines;
}

/** Which fields a kind shows in its main part and which under "Advanced". */
export function splitFields(spec: KindSpec): { basic: FieldSpec[]; advanced: FieldSpec[] } {
  return {
    basic: spec.fields.filter((field) => !field.advanced),
    advanced: spec.fields.filter((field) => field.advanced),
  };
}

export function readPath(object: Record<string, unknown>, path: string): unknown {
  let current: unknown = object;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function writePath(object: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  const last = keys.pop()!;
  let current = object;
  for (const key of keys) {
    const next = current[key];
    if (next === null || typeof next !== 'object') current[key] = {};
    current = current[key] as Record<string, unknown>;
  }
  current[last] = value;
}

/** Removes the value, and a parent object left empty (an SMTP `tls` with neither file). */
function deletePath(object: Record<string, unknown>, path: string): void {
  const [head, ...rest] = path.split('.');
  if (head === undefined || !(head in object)) return;
  if (rest.length === 0) {
    delete object[head];
    return;
  }
  const child = object[head];
  if (child === null || typeof child !== 'object') return;
  deletePath(child as Record<string, unknown>, rest.join('.'));
  if (Object.keys(child).length === 0) delete object[head];
}
