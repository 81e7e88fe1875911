/** Admin-only HTTP routes of an event: the export links and the purge. */
import type { ApiError } from '../../server/protocol/api.js';
import type { PurgeReport } from '../../server/protocol/moderation.js';
import type { ErrorCode } from '../../server/protocol/socket.js';

export type ExportFormat = 'csv' | 'json';

/** A plain link: the browser downloads the file with the name the server gives it. */
export function exportUrl(slug: string, format: ExportFormat, separator?: 'comma' | 'semicolon'): string {
  const base = `/api/events/${encodeURIComponent(slug)}/export?format=${format}`;
  return separator ? `${base}&separator=${separator}` : base;
}

/** Where the event's wall and web view open. */
export function wallUrl(slug: string): string {
  return `/w/${encodeURIComponent(slug)}`;
}

export function webViewUrl(slug: string): string {
  return `/e/${encodeURIComponent(slug)}`;
}

/** The event an event's console link asks for (`/moderation/?event=slug`), or null. */
export function eventFromSearch(search: string): string | null {
  return new URLSearchParams(search).get('event');
}

export type PurgeResult =
  { ok: true; report: PurgeReport } | { ok: false; code: ErrorCode | 'network'; message: string };

/** Deletes the event's items, log and media; `confirm` must be the slug, typed by the admin. */
export async function purgeEvent(slug: string, confirm: string): Promise<PurgeResult> {
  let response: Response;
  try {
    response = await fetch(`/api/events/${encodeURIComponent(slug)}/data`, {
      method: 'DELETE',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ confirm }),
    });
  } catch {
    return { ok: false, code: 'network', message: '' };
  }
  const body: unknown = await response.json().catch(() => null);
  if (response.ok) return { ok: true, report: body as PurgeReport };
  const error = (body as Partial<ApiError> | null)?.error;
  return { ok: false, code: error?.code ?? codeForStatus(response.status), message: error?.message ?? '' };
}

function codeForStatus(status: number): ErrorCode {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 400) return 'bad_request';
  return 'internal';
}
