/**
 * The admin's set-up API (`/api/admin/events…`, `/api/admin/sources/test`): events and their sources. Every call
 * resolves to a typed result, never throws: a network failure is `{ ok: false, code: 'network' }`, a refused form
 * carries its field errors in both languages.
 */
import type {
  AdminEvent,
  AdminEventsResponse,
  AdminFieldError,
  AdminSource,
  EventSettings,
  SourceInput,
  SourceTestResult,
} from '../../server/protocol/admin.js';
import type { ApiError } from '../../server/protocol/api.js';
import { messages, type ConsoleErrorCode } from './i18n.js';

export type AdminFailure = { ok: false; code: ConsoleErrorCode; message: string; fields: AdminFieldError[] };
export type AdminResult<T> = { ok: true; data: T } | AdminFailure;

/** What the Test button sends: the form's values, the event, and the saved source's id to reuse its secrets. */
export type SourceTestRequest = SourceInput & { event: string; id?: number };

const EVENTS = '/api/admin/events';

export function listEvents(): Promise<AdminResult<AdminEventsResponse>> {
  return call('GET', EVENTS);
}

export function createEvent(settings: Partial<EventSettings>): Promise<AdminResult<AdminEvent>> {
  return call('POST', EVENTS, settings);
}

export function saveEvent(slug: string, settings: Partial<EventSettings>): Promise<AdminResult<AdminEvent>> {
  return call('PUT', eventPath(slug), settings);
}

/** Archives (`archive`) or restores (`restore`) an event. */
export function setArchived(slug: string, archived: boolean): Promise<AdminResult<AdminEvent>> {
  return call('POST', `${eventPath(slug)}/${archived ? 'archive' : 'restore'}`);
}

export function createSource(slug: string, input: SourceInput): Promise<AdminResult<AdminSource>> {
  return call('POST', `${eventPath(slug)}/sources`, input);
}

export function saveSource(slug: string, id: number, input: SourceInput): Promise<AdminResult<AdminSource>> {
  return call('PUT', `${eventPath(slug)}/sources/${id}`, input);
}

export function deleteSource(slug: string, id: number): Promise<AdminResult<null>> {
  return call('DELETE', `${eventPath(slug)}/sources/${id}`);
}

/** A real check against the service; the server may take about ten seconds to answer. */
export function testSource(request: SourceTestRequest): Promise<AdminResult<SourceTestResult>> {
  return call('POST', '/api/admin/sources/test', request);
}

function eventPath(slug: string): string {
  return `${EVENTS}/${encodeURIComponent(slug)}`;
}

async function call<T>(method: string, path: string, body?: unknown): Promise<AdminResult<T>> {
  let response: Response;
  try {
    // Every change sends JSON, `{}` when it has nothing to say: the server refuses any other (session-guard.ts).
    const sent = method === 'GET' ? undefined : (body ?? {});
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: { Accept: 'application/json', ...(sent === undefined ? {} : { 'Content-Type': 'application/json' }) },
      ...(sent === undefined ? {} : { body: JSON.stringify(sent) }),
    });
  } catch {
    return { ok: false, code: 'network', message: '', fields: [] };
  }
  if (response.status === 204) return { ok: true, data: null as T };
  const json: unknown = await response.json().catch(() => null);
  if (response.ok && json !== null) return { ok: true, data: json as T };
  return failure(response.status, json);
}

/** The server's refusal as the console shows it: its code and words, and the fields it names. */
export function failure(status: number, body: unknown): AdminFailure {
  const error = (body as Partial<ApiError> | null)?.error;
  const fields = Array.isArray(error?.fields) ? (error.fields as unknown[]).filter(isFieldError) : [];
  const code = error?.code && KNOWN_CODES.has(error.code) ? (error.code as ConsoleErrorCode) : codeForStatus(status);
  return { ok: false, code, message: error?.message ?? '', fields };
}

/** Every code the console has words for, so a code added to the protocol is known once it is translated. */
const KNOWN_CODES: ReadonlySet<string> = new Set(Object.keys(messages.en.errors));

function isFieldError(value: unknown): value is AdminFieldError {
  const candidate = value as Partial<AdminFieldError> | null;
  return (
    typeof candidate?.field === 'string' &&
    typeof candidate.message?.en === 'string' &&
    typeof candidate.message.fr === 'string'
  );
}

function codeForStatus(status: number): ConsoleErrorCode {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 400) return 'bad_request';
  if (status === 429) return 'rate_limited';
  if (status === 502) return 'bad_gateway';
  return status === 0 ? 'network' : 'internal';
}
