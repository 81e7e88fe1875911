/** Checks for the web view's contribution form and the reading of the server's answer. Pure, no fetch. */
import type { ApiError, SubmissionRequest } from '../../server/protocol/api.js';

/** The longest message the web form accepts by default, in characters (code points, as the server counts). */
export const MESSAGE_MAX = 500;
/** The longest name the server accepts. */
export const NAME_MAX = 60;

/** The photo types the server accepts, for the file input's `accept` and the check before sending. */
export const PHOTO_TYPES: readonly string[] = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'];
/** The largest photo the server accepts. */
export const PHOTO_MAX_BYTES = 8 * 1024 * 1024;

export type FormField = keyof SubmissionRequest | 'photo';

export type FieldProblem =
  | { kind: 'required' }
  | { kind: 'too_long'; max: number }
  | { kind: 'photo_type' }
  | { kind: 'photo_size'; maxBytes: number }
  | { kind: 'server'; message: string };

export type FieldProblems = Partial<Record<FormField, FieldProblem>>;

/** Why a submission failed, for the form to word in the page language. */
export type SubmissionFailure =
  | { kind: 'validation'; fields: FieldProblems; message: string | null }
  | { kind: 'too_large'; message: string | null }
  | { kind: 'rate_limited'; retryAfterSeconds: number | null }
  /** The event takes no messages from the web (403), in the server's words. */
  | { kind: 'closed'; message: string | null }
  | { kind: 'network' }
  | { kind: 'server' };

/** What the browser checks before sending; the server checks again and its field errors are shown the same way. */
export function validateSubmission(request: SubmissionRequest, photo?: PhotoFile | null): FieldProblems {
  const problems: FieldProblems = {};
  const name = request.name.trim();
  const message = request.message.trim();
  if (name === '') problems.name = { kind: 'required' };
  else if (characters(name) > NAME_MAX) problems.name = { kind: 'too_long', max: NAME_MAX };
  if (message === '') problems.message = { kind: 'required' };
  else if (characters(message) > MESSAGE_MAX) problems.message = { kind: 'too_long', max: MESSAGE_MAX };
  const photoProblem = photo ? checkPhoto(photo) : null;
  if (photoProblem) problems.photo = photoProblem;
  return problems;
}

/** Characters as the server counts them: code points, so an emoji counts once. */
export function characters(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

/** The parts of a `File` the check reads. */
export interface PhotoFile {
  name: string;
  type: string;
  size: number;
}

/**
 * A photo's problem before sending, or null. Some phones leave `type` empty for a picture: the file name's
 * extension decides then, and the server checks the bytes anyway.
 */
export function checkPhoto(file: PhotoFile): FieldProblem | null {
  const typed = file.type === '' ? /\.(jpe?g|png|webp|gif)$/i.test(file.name) : PHOTO_TYPES.includes(file.type);
  if (!typed) return { kind: 'photo_type' };
  if (file.size > PHOTO_MAX_BYTES) return { kind: 'photo_size', maxBytes: PHOTO_MAX_BYTES };
  return null;
}

/** Reads a non-2xx answer of `POST /api/events/:slug/submissions`. */
export function describeFailure(
  status: number,
  body: unknown,
  retryAfter: string | null,
  now: number,
): SubmissionFailure {
  const serverMessage = isApiError(body) ? body.error.message : null;
  if (status === 413) return { kind: 'too_large', message: serverMessage };
  if (status === 429) return { kind: 'rate_limited', retryAfterSeconds: parseRetryAfter(retryAfter, now) };
  if (status === 403) return { kind: 'closed', message: serverMessage };
  if (status === 400 && isApiError(body)) {
    const fields: FieldProblems = {};
    const others: string[] = [];
    for (const detail of body.error.details ?? []) {
      const field = formField(detail.field);
      if (field && !fields[field]) fields[field] = { kind: 'server', message: detail.message };
      else if (!field) others.push(detail.message);
    }
    const message = others.length > 0 ? others.join(' ') : Object.keys(fields).length > 0 ? null : body.error.message;
    return { kind: 'validation', fields, message };
  }
  return { kind: 'server' };
}

/** `Retry-After` as seconds from `now`: either a number of seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now: number): number | null {
  if (value === null || value.trim() === '') return null;
  if (/^\s*\d+\s*$/.test(value)) return Number(value);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

export function isApiError(body: unknown): body is ApiError {
  if (typeof body !== 'object' || body === null || !('error' in body)) return false;
  const error: unknown = body.error;
  return typeof error === 'object' && error !== null && 'code' in error && 'message' in error;
}

/** Accepts `message` as well as a path such as `body.message`, in case the validator reports one. */
function formField(field: string): FormField | null {
  const last = field.split('.').at(-1);
  return last === 'name' || last === 'message' || last === 'photo' ? last : null;
}

/** A new `Idempotency-Key`. `crypto.randomUUID` needs HTTPS; a wall on a local network is often plain HTTP. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return uuidFromBytes(crypto.getRandomValues(new Uint8Array(16)));
}

/** Formats 16 random bytes as a version 4 UUID (RFC 9562). */
export function uuidFromBytes(bytes: Uint8Array): string {
  const b = Array.from(bytes.slice(0, 16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = b.map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
