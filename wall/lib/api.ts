/** The HTTP API as the wall app uses it. Every URL of the app's requests is built here. */
import type { EventsResponse, ItemsPage, SubmissionRequest, SubmissionResponse } from '../../server/protocol/api.js';
import { describeFailure, type SubmissionFailure } from './submission.js';

/** A non-2xx answer; `status` tells a missing event (404) from a server in trouble. */
export class HttpError extends Error {
  readonly status: number;

  constructor(status: number, url: string) {
    super(`${url} answered ${status}`);
    this.name = 'HttpError';
    this.status = status;
  }
}

export async function fetchEvents(signal?: AbortSignal): Promise<EventsResponse> {
  return getJson<EventsResponse>('/api/events', signal);
}

/** One page of approved items, newest first; `before` is the `next` cursor of the previous page. */
export async function fetchItems(
  slug: string,
  page: { before?: string | null; limit: number },
  signal?: AbortSignal,
): Promise<ItemsPage> {
  const query = new URLSearchParams({ limit: String(page.limit) });
  if (page.before) query.set('before', page.before);
  return getJson<ItemsPage>(`/api/events/${encodeURIComponent(slug)}/items?${query}`, signal);
}

export type SubmitResult = { ok: true; response: SubmissionResponse } | { ok: false; failure: SubmissionFailure };

/**
 * Sends the form: as JSON, or as `multipart/form-data` when a photo goes with it. The same `idempotencyKey` on a
 * retry lets the server drop a duplicate.
 */
export async function postSubmission(
  slug: string,
  request: SubmissionRequest,
  photo: Blob | null,
  idempotencyKey: string,
  language: string,
): Promise<SubmitResult> {
  // The server words its error messages in the page's language.
  const headers: Record<string, string> = { 'Idempotency-Key': idempotencyKey, 'Accept-Language': language };
  let payload: string | FormData;
  if (photo) {
    // No Content-Type header: the browser writes it, with the multipart boundary.
    payload = new FormData();
    payload.set('name', request.name);
    payload.set('message', request.message);
    payload.set('photo', photo);
  } else {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(request);
  }
  let response: Response;
  try {
    const url = `/api/events/${encodeURIComponent(slug)}/submissions`;
    response = await fetch(url, { method: 'POST', headers, body: payload });
  } catch {
    return { ok: false, failure: { kind: 'network' } };
  }
  const body: unknown = await response.json().catch(() => null);
  if (response.ok) return { ok: true, response: body as SubmissionResponse };
  return {
    ok: false,
    failure: describeFailure(response.status, body, response.headers.get('Retry-After'), Date.now()),
  };
}

async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(url, { headers: { Accept: 'application/json' }, signal: signal ?? null });
  if (!response.ok) throw new HttpError(response.status, url);
  return (await response.json()) as T;
}
